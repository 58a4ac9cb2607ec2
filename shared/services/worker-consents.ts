/**
 * Consents (POST /v1/workers/{workerId}/consents, and those given at registration): each
 * request is one trace entry; the profile keeps the open consent per scope, and consent
 * periods are kept as history items (scope, version, grantedAt, revokedAt/supersededAt).
 */
import type { Caller } from '../auth/roles';
import { decideConsent, type ConsentRequest, type ConsentScope, type OpenConsent } from '../domain/worker/consents';
import { WORKER_TRACE_TYPES, type WorkerProfile } from '../domain/worker/worker';
import { canonicalHash } from '../lib/hash';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { workersRepository } from '../store/workers-repository';
import { commitWorkerChange, type ChangeAnswer, type ChangeDeps, type PlannedChange } from './worker-change';
import { employedWorker } from './worker-access';

type Entry = PlannedChange['entries'][number];

/** One consent request, decided: its trace entry (with history writes) and what the profile keeps for its scope. */
export interface ConsentStep {
  scope: ConsentScope;
  entry: Entry;
  change: string;
  /** `keep`: the open consent stays; `remove`: none is open any more; else the one opened (its seq is the entry's). */
  next: 'keep' | 'remove' | Omit<OpenConsent, 'seq'>;
}

/** Decides one consent request against the open consents; 409 when there is nothing to revoke. */
export function consentStep(store: StoreContext, workerId: string, consents: WorkerProfile['consents'], request: ConsentRequest, at: string): ConsentStep {
  const workers = workersRepository(store);
  const decision = decideConsent(consents[request.scope], request);
  if (!decision.ok) throw problems.conflict('consent-not-granted', 'Consent not granted', decision.reason);
  const { scope, version } = request;
  const payload = { scope, version, granted: request.granted, change: decision.change };
  const step = (next: ConsentStep['next'], extra?: Entry['extra']): ConsentStep => ({
    scope,
    change: decision.change,
    next,
    entry: { type: WORKER_TRACE_TYPES.consentRecorded, payload, ...(extra ? { extra } : {}) },
  });
  switch (decision.change) {
    case 'confirmed':
      return step('keep');
    case 'revoked':
      return step('remove', () => [
        workers.consentPeriodClose(workerId, scope, decision.previous.seq, 'revokedAt', at),
        // Without the consent the graduation may not be kept: it goes in the same transaction as the revocation.
        ...(scope === 'subsidy-graduate' ? [workers.graduationDelete(workerId)] : []),
      ]);
    case 'granted':
    case 'superseded': {
      const previous = decision.change === 'superseded' ? decision.previous : undefined;
      return step({ version, grantedAt: at }, (seq) => [
        ...(previous ? [workers.consentPeriodClose(workerId, scope, previous.seq, 'supersededAt', at)] : []),
        workers.consentPeriodPut(workerId, seq, { scope, version, grantedAt: at }),
      ]);
    }
  }
}

/** The open consents after `steps`, whose entries got `seqs` (same order). */
export function consentsAfter(consents: WorkerProfile['consents'], steps: readonly ConsentStep[], seqs: readonly number[]): WorkerProfile['consents'] {
  const next = { ...consents };
  steps.forEach((step, i) => {
    if (step.next === 'remove') delete next[step.scope];
    else if (step.next !== 'keep') next[step.scope] = { ...step.next, seq: seqs[i]! };
  });
  return next;
}

export async function recordConsent(deps: ChangeDeps, caller: Caller, idempotencyKey: string, workerId: string, request: ConsentRequest): Promise<ChangeAnswer> {
  return commitWorkerChange(deps, {
    caller,
    idempotencyKey,
    type: 'worker.consent',
    requestHash: canonicalHash({ workerId, ...request }),
    plan: async (at) => {
      const { profile } = await employedWorker(deps.store, caller, workerId);
      const step = consentStep(deps.store, workerId, profile.consents, request, at);
      return {
        workerId,
        before: profile,
        after: (seqs) => ({ ...profile, consents: consentsAfter(profile.consents, [step], seqs) }),
        entries: [step.entry],
        answer: (seqs) => ({ created: false, body: { status: 'applied', seq: seqs[0], change: step.change } }),
      };
    },
  });
}
