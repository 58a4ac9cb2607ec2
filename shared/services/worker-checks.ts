/**
 * Checks recorded by the current employer (POST /v1/workers/{workerId}/checks/<kind>):
 * the latest check of each kind is kept on the profile (what the certificate reads), and
 * every check is an entry on the worker's trace.
 */
import type { Caller } from '../auth/roles';
import { healthValidityProblem, isInFuture, type BackgroundResult, type CheckKind, type IdentityMethod } from '../domain/worker/checks';
import { chinaDate } from '../domain/worker/dates';
import { WORKER_TRACE_TYPES } from '../domain/worker/worker';
import { canonicalHash } from '../lib/hash';
import { problems, type FieldError } from '../lib/problem';
import { commitWorkerChange, type ChangeAnswer, type ChangeDeps } from './worker-change';
import { employedWorker } from './worker-access';

export type CheckInput =
  | { kind: 'identity'; body: { verified: boolean; method: IdentityMethod } }
  | { kind: 'background'; body: { result: BackgroundResult; date: string } }
  | { kind: 'health'; body: { examDate: string; passed: boolean; validUntil: string } };

const TRACE_TYPE: Record<CheckKind, string> = {
  identity: WORKER_TRACE_TYPES.identityChecked,
  background: WORKER_TRACE_TYPES.backgroundChecked,
  health: WORKER_TRACE_TYPES.healthChecked,
};

/** Field problems a check has regardless of the worker (422). */
export function checkInputErrors(input: CheckInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (input.kind === 'background' && isInFuture(input.body.date, today)) errors.push({ pointer: '/date', detail: 'must not be in the future' });
  if (input.kind === 'health') {
    if (isInFuture(input.body.examDate, today)) errors.push({ pointer: '/examDate', detail: 'must not be in the future' });
    const validity = healthValidityProblem(input.body.examDate, input.body.validUntil);
    if (validity) errors.push({ pointer: '/validUntil', detail: validity });
  }
  return errors;
}

export async function recordCheck(deps: ChangeDeps, caller: Caller, idempotencyKey: string, workerId: string, input: CheckInput): Promise<ChangeAnswer> {
  const errors = checkInputErrors(input, chinaDate(deps.now?.() ?? new Date()));
  if (errors.length > 0) throw problems.validation(errors);
  return commitWorkerChange(deps, {
    caller,
    idempotencyKey,
    type: `worker.${input.kind}-check`,
    requestHash: canonicalHash({ workerId, kind: input.kind, ...input.body }),
    plan: async (at) => {
      const { profile } = await employedWorker(deps.store, caller, workerId);
      return {
        workerId,
        before: profile,
        after: () => ({ ...profile, checks: { ...profile.checks, [input.kind]: { ...input.body, recordedAt: at } } }),
        entries: [{ type: TRACE_TYPE[input.kind], payload: input.body }],
        answer: (seqs) => ({ created: false, body: { status: 'applied', seq: seqs[0] } }),
      };
    },
  });
}
