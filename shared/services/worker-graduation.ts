/**
 * PUT /v1/workers/{workerId}/graduation: the current employer records the worker's
 * graduation — year and school type, what the graduate employment subsidy reads — only while
 * the worker's `subsidy-graduate` consent is open (docs/subsidies.md "Facts").
 *
 * The values are personal and so few that any digest of them could be reversed by trying
 * them all: they are encrypted together with the personal-data key (context: purpose and
 * worker id, so the ciphertext decrypts for this worker only), the trace entry's payload is
 * the ciphertext (its hash is a hash of the ciphertext), and the request fingerprint is a
 * keyed hash, as for a registration. The answer, the stored event and the logs say only that
 * a graduation is recorded. Revoking the consent deletes it (services/worker-consents.ts).
 */
import canonicalize from 'canonicalize';
import type { Caller } from '../auth/roles';
import { encryptPersonalData, lookupHash } from '../crypto/personal-data';
import type { SchoolType } from '../domain/subsidy/facts';
import { chinaDate } from '../domain/worker/dates';
import { WORKER_TRACE_TYPES } from '../domain/worker/worker';
import { problems } from '../lib/problem';
import { workersRepository } from '../store/workers-repository';
import { commitWorkerChange, type ChangeAnswer, type ChangeDeps } from './worker-change';
import { employedWorker } from './worker-access';

export interface Graduation {
  graduationYear: number;
  schoolType: SchoolType;
}

/** The encryption context's purpose: names the field, as `id-number` and `name` do. */
export const GRADUATION_PURPOSE = 'graduation';

export const graduationContext = (workerId: string) => ({ purpose: GRADUATION_PURPOSE, workerId });

export async function recordGraduation(deps: ChangeDeps, caller: Caller, idempotencyKey: string, workerId: string, input: Graduation): Promise<ChangeAnswer> {
  const workers = workersRepository(deps.store);
  const graduation: Graduation = { graduationYear: input.graduationYear, schoolType: input.schoolType };
  const requestHash = await lookupHash(canonicalize({ workerId, ...graduation })!, 'worker-graduation');
  return commitWorkerChange(deps, {
    caller,
    idempotencyKey,
    type: 'worker.graduation',
    requestHash,
    plan: async (at) => {
      const { profile } = await employedWorker(deps.store, caller, workerId);
      if (!profile.consents['subsidy-graduate']) {
        throw problems.conflict(
          'consent-required',
          'Consent required',
          'The worker has not given the subsidy-graduate consent: record it (POST /v1/workers/{workerId}/consents) before the graduation.',
        );
      }
      if (graduation.graduationYear > Number(chinaDate(new Date(at)).slice(0, 4))) {
        throw problems.validation([{ pointer: '/graduationYear', detail: 'must not be after the current year' }]);
      }
      const ciphertext = await encryptPersonalData(canonicalize(graduation)!, graduationContext(workerId));
      return {
        workerId,
        before: profile,
        after: () => profile,
        entries: [
          {
            type: WORKER_TRACE_TYPES.graduationRecorded,
            payload: { ciphertext },
            extra: (seq) => [workers.graduationPut(workerId, { ciphertext, recordedAt: at, recordedBy: caller.tenantId, seq })],
          },
        ],
        answer: (seqs) => ({ created: false, body: { status: 'applied', seq: seqs[0], graduation: { recorded: true } } }),
      };
    },
  });
}
