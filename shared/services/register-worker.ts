/**
 * POST /v1/workers: an enterprise registers a worker — synchronously (see worker-change.ts).
 *
 * One person, one identity: the ID number's keyed hash (KMS HMAC) names a global PERSON
 * item that points at the worker, so the same person registered by a second enterprise
 * resolves to the same worker and gets a second employment link. A new worker's ID number
 * and name are encrypted with KMS (context: purpose + worker id, so a ciphertext copied
 * onto another worker does not decrypt) and kept masked for display; plaintext is never
 * stored, logged, hashed without a key, or put on a queue.
 *
 * The request fingerprint for Idempotency-Key reuse is a keyed hash too: a plain SHA-256 of
 * a request holding an ID number could be reversed by trying every plausible number. (It
 * goes through lookupHash's normalization, so bodies differing only in letter case or
 * whitespace count as the same request — harmless for telling a retry from a reuse.)
 */
import canonicalize from 'canonicalize';
import type { Caller } from '../auth/roles';
import { encryptPersonalData, lookupHash } from '../crypto/personal-data';
import type { ConsentRequest } from '../domain/worker/consents';
import { decideRegistration } from '../domain/worker/employment';
import { maskIdNumber, maskName } from '../domain/worker/masking';
import { WORKER_TRACE_TYPES, type WorkerProfile } from '../domain/worker/worker';
import { workerRegistered } from '../domain/programme/deltas';
import { newWorkerId } from '../lib/ids';
import { problems } from '../lib/problem';
import { employmentRepository } from '../store/employment-repository';
import { programmeFiguresRepository } from '../store/programme-figures-repository';
import { workersRepository } from '../store/workers-repository';
import { commitWorkerChange, type ChangeAnswer, type ChangeDeps, type PlannedChange } from './worker-change';
import { consentsAfter, consentStep } from './worker-consents';

export interface Registration {
  /** Validated and normalized (validateResidentId). */
  idNumber: string;
  name: string;
  serviceCategories: string[];
  consents?: ConsentRequest[];
}

export const ID_NUMBER_PURPOSE = 'id-number';

/** The keyed hash a person is found by (also used by training bases reporting by ID number). */
export const idNumberHash = (idNumber: string): Promise<string> => lookupHash(idNumber, ID_NUMBER_PURPOSE);

export async function registerWorker(deps: ChangeDeps, caller: Caller, idempotencyKey: string, input: Registration): Promise<ChangeAnswer> {
  const { store } = deps;
  const workers = workersRepository(store);
  const employment = employmentRepository(store);
  const serviceCategories = [...new Set(input.serviceCategories)].sort();
  const consents = input.consents ?? [];
  const [personHash, requestHash] = await Promise.all([
    idNumberHash(input.idNumber),
    lookupHash(canonicalize({ ...input, serviceCategories, consents })!, 'worker-registration'),
  ]);

  return commitWorkerChange(deps, {
    caller,
    idempotencyKey,
    type: 'worker.register',
    requestHash,
    plan: async (at): Promise<PlannedChange> => {
      const existingId = await workers.workerIdOf(personHash);
      const before = existingId ? await workers.get(existingId, true) : undefined;
      if (existingId && !before) throw new Error('a PERSON item points at a missing worker');
      let base: Omit<WorkerProfile, 'version' | 'traceHead'>;
      const extra: NonNullable<PlannedChange['extra']> = [];
      if (before) {
        base = before;
      } else {
        const workerId = newWorkerId();
        const [idNumberCiphertext, nameCiphertext] = await Promise.all([
          encryptPersonalData(input.idNumber, { purpose: ID_NUMBER_PURPOSE, workerId }),
          encryptPersonalData(input.name.trim(), { purpose: 'name', workerId }),
        ]);
        base = {
          workerId,
          registeredAt: at,
          idNumberCiphertext,
          nameCiphertext,
          idNumberMasked: maskIdNumber(input.idNumber),
          nameMasked: maskName(input.name),
          checks: {},
          consents: {},
          trainedCategories: [],
        };
        // Fails when another registration of this person committed first: the change is then decided again.
        extra.push(
          workers.personWrite(personHash, workerId, at),
          workers.personRefPut(workerId, personHash),
          programmeFiguresRepository(store).update(workerRegistered(workerId, at)),
        );
      }
      const { workerId } = base;
      const link = before ? await employment.get(caller.tenantId, workerId, true) : undefined;
      const decision = decideRegistration(caller.tenantId, before?.currentTenantId, link?.status);
      if (decision.kind === 'refused') {
        throw problems.conflict(
          'worker-employed-elsewhere',
          'Employed by another enterprise',
          'This person is currently employed by another enterprise; they can be registered once that employment has ended.',
        );
      }
      const entries: PlannedChange['entries'] = [];
      if (!before) entries.push({ type: WORKER_TRACE_TYPES.registered, payload: { workerId } });
      if (decision.kind === 'start') {
        // A worker registered before the reference was kept gets it when an enterprise hires them again.
        if (before) extra.push(workers.personRefPut(workerId, personHash));
        entries.push({ type: WORKER_TRACE_TYPES.employmentStarted, payload: { tenantId: caller.tenantId, since: at, serviceCategories } });
        extra.push(
          employment.linkWrite(
            { tenantId: caller.tenantId, workerId, status: 'current', since: at, serviceCategories, nameMasked: base.nameMasked },
            link?.status,
          ),
        );
      }
      const steps = consents.map((request) => consentStep(store, workerId, base.consents, request, at));
      entries.push(...steps.map((s) => s.entry));
      const since = decision.kind === 'start' ? at : link!.since;
      return {
        workerId,
        before,
        after: (seqs) => ({
          ...base,
          currentTenantId: caller.tenantId,
          consents: consentsAfter(base.consents, steps, seqs.slice(seqs.length - steps.length)),
        }),
        entries,
        extra,
        answer: () =>
          decision.kind === 'start'
            ? { created: true, body: { status: 'registered', employment: { status: 'current', since } } }
            : { created: false, body: { status: 'already-registered', employment: { status: 'current', since } } },
      };
    },
  });
}
