/**
 * POST /v1/workers/{workerId}/employment/end: the current employer ends its link. The link
 * item keeps `ended` (the enterprise still sees the worker it employed), the period is kept
 * as a history item (with its employment terms, the running one closed on the last day), and
 * the worker is free to be registered by another enterprise.
 */
import type { Caller } from '../auth/roles';
import { chinaDate } from '../domain/worker/dates';
import { decideEnd, type EndReason } from '../domain/worker/employment';
import { closeTerms } from '../domain/worker/employment-terms';
import { WORKER_TRACE_TYPES } from '../domain/worker/worker';
import { canonicalHash } from '../lib/hash';
import { problems } from '../lib/problem';
import { employmentRepository } from '../store/employment-repository';
import { commitWorkerChange, type ChangeAnswer, type ChangeDeps } from './worker-change';
import { visibleWorker } from './worker-access';

export interface EndEmployment {
  /** YYYY-MM-DD; today (China) when absent. */
  endedOn?: string;
  reason?: EndReason;
}

export async function endEmployment(deps: ChangeDeps, caller: Caller, idempotencyKey: string, workerId: string, input: EndEmployment): Promise<ChangeAnswer> {
  const employment = employmentRepository(deps.store);
  return commitWorkerChange(deps, {
    caller,
    idempotencyKey,
    type: 'worker.end-employment',
    requestHash: canonicalHash({ workerId, ...input }),
    plan: async (at) => {
      const { profile, link } = await visibleWorker(deps.store, caller, workerId, true);
      const endedOn = input.endedOn ?? chinaDate(new Date(at));
      if (endedOn > chinaDate(new Date(at))) throw problems.validation([{ pointer: '/endedOn', detail: 'must not be in the future' }]);
      const decision = decideEnd(link!.status, chinaDate(new Date(link!.since)), endedOn);
      if (!decision.ok) {
        throw decision.reason === 'not-current'
          ? problems.conflict('not-employed', 'Not employed', 'This employment has ended already.')
          : problems.validation([{ pointer: '/endedOn', detail: 'must not be before the employment started' }]);
      }
      const { currentTenantId: _ended, ...rest } = profile;
      // The running term ends with the employment; the finished period keeps the terms (docs/subsidies.md "Facts").
      const terms = link!.terms ? { terms: closeTerms(link!.terms, endedOn) } : {};
      const period = { since: link!.since, until: endedOn, ...(input.reason ? { endReason: input.reason } : {}), ...terms };
      const ended = { ...link!, status: 'ended' as const, ...period };
      return {
        workerId,
        before: profile,
        after: () => rest,
        entries: [{ type: WORKER_TRACE_TYPES.employmentEnded, payload: { tenantId: caller.tenantId, since: link!.since, until: endedOn, reason: input.reason ?? null } }],
        extra: [
          employment.linkWrite(ended, 'current'),
          employment.periodWrite(caller.tenantId, workerId, period),
        ],
        answer: (seqs) => ({ created: false, body: { status: 'applied', seq: seqs[0], employment: { status: 'ended', since: link!.since, until: endedOn, ...terms } } }),
      };
    },
  });
}
