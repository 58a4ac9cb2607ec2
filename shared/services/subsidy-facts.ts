/**
 * The applicant facts an admin records for subsidies (docs/subsidies.md "Facts"): an
 * enterprise's employment model (员工制 or not) and the programme's recognitions (龙头企业,
 * 诚信企业, 优质服务网点, 培训基地, 课程标准), each with the reference of the decision it rests on.
 * Recorded once per Idempotency-Key, like public-credit records; never edited — a
 * recognition is revoked from a day, a model is followed by a later record.
 */
import type { Caller } from '../auth/roles';
import type { EmploymentModel, RecognitionKind } from '../domain/subsidy/facts';
import { canonicalHash } from '../lib/hash';
import { problems } from '../lib/problem';
import { subsidyFactIdFor } from '../lib/subsidy-ids';
import type { StoreContext } from '../store/client';
import { subsidyFactsRepository, type StoredModel, type StoredRecognition } from '../store/subsidy-facts-repository';
import { requireTenantOfRole } from './tenant-role';

export interface ModelInput {
  tenantId: string;
  model: EmploymentModel;
  effectiveOn: string;
  until?: string;
  evidenceRef: string;
}

export interface RecognitionInput {
  tenantId: string;
  kind: RecognitionKind;
  awardedOn: string;
  subjectRef?: string;
  evidenceRef: string;
}

/** A training base is recognised as one; everything else is recognised of an enterprise. */
const TRAINING_BASE_KINDS: readonly RecognitionKind[] = ['city-training-base', 'district-training-base', 'course-standard'];

/** A record as answered: the request's fingerprint stays in the table. */
export function factView<T extends { requestHash: string; revokedAt?: string }>(record: T): Omit<T, 'requestHash' | 'revokedAt'> {
  const { requestHash: _hash, revokedAt: _at, ...view } = record;
  return view;
}

/** Creates the record, or answers the one the same key made (another body: 422). */
async function once<T extends { requestHash: string }>(put: () => Promise<'created' | 'exists'>, earlier: () => Promise<T | undefined>, record: T) {
  if ((await put()) === 'created') return { created: true, record: factView(record) };
  const found = await earlier();
  if (!found || found.requestHash !== record.requestHash) throw problems.idempotencyKeyReused();
  return { created: false, record: factView(found) };
}

export async function recordEmploymentModel(store: StoreContext, admin: Caller, idempotencyKey: string, input: ModelInput, now: Date = new Date()) {
  await requireTenantOfRole(store, input.tenantId, 'enterprise');
  const repo = subsidyFactsRepository(store);
  const recordId = subsidyFactIdFor(admin.tenantId, idempotencyKey);
  const record: StoredModel = { ...input, recordId, recordedAt: now.toISOString(), recordedBy: admin.keyId, requestHash: canonicalHash({ what: 'model', ...input }), version: 1 };
  return once(
    () => repo.putModel(record),
    async () => (await repo.of(input.tenantId)).models.find((m) => m.recordId === recordId),
    record,
  );
}

export async function recordRecognition(store: StoreContext, admin: Caller, idempotencyKey: string, input: RecognitionInput, now: Date = new Date()) {
  await requireTenantOfRole(store, input.tenantId, TRAINING_BASE_KINDS.includes(input.kind) ? 'training-base' : 'enterprise');
  const repo = subsidyFactsRepository(store);
  const recognitionId = subsidyFactIdFor(admin.tenantId, idempotencyKey);
  const record: StoredRecognition = {
    ...input,
    recognitionId,
    recordedAt: now.toISOString(),
    recordedBy: admin.keyId,
    requestHash: canonicalHash({ what: 'recognition', ...input }),
    version: 1,
  };
  return once(
    () => repo.putRecognition(record),
    async () => (await repo.of(input.tenantId)).recognitions.find((r) => r.recognitionId === recognitionId),
    record,
  );
}

/** Revokes a recognition from a day; revoking it again answers the recognition as it is. */
export async function revokeRecognition(store: StoreContext, tenantId: string, recognitionId: string, revokedOn: string, now: Date = new Date()) {
  const repo = subsidyFactsRepository(store);
  await repo.revokeRecognition(tenantId, recognitionId, revokedOn, now.toISOString());
  const found = (await repo.of(tenantId)).recognitions.find((r) => r.recognitionId === recognitionId);
  if (!found) throw problems.notFound(`Recognition ${recognitionId}`);
  return factView(found);
}

export async function subsidyFactsOf(store: StoreContext, tenantId: string) {
  const { models, recognitions } = await subsidyFactsRepository(store).of(tenantId);
  return { tenantId, models: models.map(factView), recognitions: recognitions.map(factView) };
}
