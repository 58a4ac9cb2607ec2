/**
 * POST /v1/workers/{workerId}/employment/terms: the current employer records the type of its
 * employment of the worker — labour contract or service agreement — from a day
 * (docs/subsidies.md "Facts"). The terms are kept on the employment link (and go with it into
 * the finished period when the employment ends) and each one is a trace entry on the worker
 * whose payload is the type and the days only. The type is the enterprise's own fact, not
 * personal data: it is stored plainly so headcounts need no decryption.
 */
import type { Caller } from '../auth/roles';
import { chinaDate } from '../domain/worker/dates';
import { decideTerm, type TermRequest } from '../domain/worker/employment-terms';
import { WORKER_TRACE_TYPES } from '../domain/worker/worker';
import { canonicalHash } from '../lib/hash';
import { problems } from '../lib/problem';
import { employmentRepository } from '../store/employment-repository';
import { commitWorkerChange, type ChangeAnswer, type ChangeDeps } from './worker-change';
import { employedWorker } from './worker-access';

export async function recordEmploymentTerm(deps: ChangeDeps, caller: Caller, idempotencyKey: string, workerId: string, input: TermRequest): Promise<ChangeAnswer> {
  const employment = employmentRepository(deps.store);
  return commitWorkerChange(deps, {
    caller,
    idempotencyKey,
    type: 'worker.employment-term',
    requestHash: canonicalHash({ workerId, type: input.type, from: input.from }),
    plan: async (at) => {
      const { profile, link } = await employedWorker(deps.store, caller, workerId);
      const today = chinaDate(new Date(at));
      const decision = decideTerm(link.terms ?? [], chinaDate(new Date(link.since)), today, input);
      if (!decision.ok) {
        if (decision.reason === 'unchanged') throw problems.conflict('employment-term-unchanged', 'Employment term unchanged', decision.detail);
        throw problems.validation([{ pointer: '/from', detail: decision.detail }]);
      }
      const next = { ...link, terms: decision.terms };
      return {
        workerId,
        before: profile,
        after: () => profile,
        entries: [{ type: WORKER_TRACE_TYPES.employmentTermRecorded, payload: { type: input.type, from: input.from, recordedOn: today } }],
        // The link must still be current: a concurrent end of the employment cancels this.
        extra: [employment.linkWrite(next, 'current')],
        answer: (seqs) => ({
          created: false,
          body: { status: 'applied', seq: seqs[0], change: decision.change, employment: { status: 'current', since: link.since, terms: decision.terms } },
        }),
      };
    },
  });
}
