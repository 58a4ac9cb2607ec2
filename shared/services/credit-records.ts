/**
 * Public-credit records (公共信用): rewards, penalties and black-list entries an admin records
 * for an enterprise, each with a reference to the decision behind it. They count in every
 * grade whose window they are in effect in (services/credit-inputs.ts). A record is never
 * edited; a decision that was overturned is revoked, and an objection upheld afterwards
 * re-grades without it.
 */
import type { Caller } from '../auth/roles';
import type { PublicRecordKind } from '../domain/credit/facts';
import { canonicalHash } from '../lib/hash';
import { creditRecordIdFor } from '../lib/ids';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { creditGradesRepository, type StoredPublicRecord } from '../store/credit-grades-repository';
import { publicRecordView } from '../views/credit-grade-views';
import { requireTenantOfRole } from './tenant-role';

export interface PublicRecordInput {
  tenantId: string;
  kind: PublicRecordKind;
  points: number;
  effectiveOn: string;
  until?: string;
  evidenceRef: string;
}

/** Records once per Idempotency-Key: the same key again answers the same record, another body 422. */
export async function recordPublicCredit(store: StoreContext, admin: Caller, idempotencyKey: string, input: PublicRecordInput, now: Date = new Date()) {
  await requireTenantOfRole(store, input.tenantId, 'enterprise');
  const repo = creditGradesRepository(store);
  const recordId = creditRecordIdFor(admin.tenantId, idempotencyKey);
  const requestHash = canonicalHash(input);
  const record: StoredPublicRecord = { ...input, recordId, recordedAt: now.toISOString(), recordedBy: admin.keyId, requestHash };
  if ((await repo.putPublicRecord(record)) === 'created') return { created: true, record: publicRecordView(record) };
  const earlier = await repo.publicRecord(input.tenantId, recordId);
  if (!earlier || earlier.requestHash !== requestHash) throw problems.idempotencyKeyReused();
  return { created: false, record: publicRecordView(earlier) };
}

export async function listPublicRecords(store: StoreContext, tenantId: string) {
  return { items: (await creditGradesRepository(store).publicRecords(tenantId)).map(publicRecordView) };
}

/** Revokes a record; revoking it again answers the record as it is. */
export async function revokePublicRecord(store: StoreContext, tenantId: string, recordId: string, now: Date = new Date()) {
  const repo = creditGradesRepository(store);
  await repo.revokePublicRecord(tenantId, recordId, now.toISOString());
  const record = await repo.publicRecord(tenantId, recordId);
  if (!record) throw problems.notFound(`Record ${recordId}`);
  return publicRecordView(record);
}
