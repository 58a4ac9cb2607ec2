/**
 * The worker registry's items (access patterns 22–27, and the graduation's): the PERSON
 * lookup item, the worker profile, its hash-chained trace and its history items (consent
 * periods, training records), and the encrypted graduation. The only place that knows how a worker is laid out in the table.
 *
 * Every change is ONE transaction of the traced write path (store/traced-write.ts): the
 * profile, its new trace entries, the command's event record, then any side items. So the
 * profile, its trace and the answer a caller gets can never disagree.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TrainingRecord } from '../domain/training/training';
import type { ConsentScope } from '../domain/worker/consents';
import type { WorkerProfile } from '../domain/worker/worker';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import type { EventRecord } from './events-repository';
import { keys } from './keys';
import type { ExtraWrite } from './orders-repository';
import { queryPartition } from './partition-query';
import { fieldStripper } from './strip-fields';
import { readTrace } from './trace-items';

/** A consent period (history item). */
export interface ConsentPeriod {
  scope: ConsentScope;
  version: string;
  grantedAt: string;
  revokedAt?: string;
  supersededAt?: string;
}

/** A change's answer as its event keeps it; `statusCode` only on answers stored before `created`. */
export interface StoredAnswer {
  created?: boolean;
  statusCode?: number;
  body: Record<string, unknown>;
}

/** A synchronous change's event: written already settled, with the answer a retry gets again. */
export interface SettledEvent extends EventRecord {
  status: 'applied';
  appliedAt: string;
  /** The answer of the first request, replayed for a retry with the same Idempotency-Key. */
  result: StoredAnswer;
}

/**
 * A worker's graduation (docs/subsidies.md "Facts"): year and school type as one ciphertext
 * (purpose `graduation`, context the worker id), and who recorded it when. The values are few
 * enough to guess from any digest, so nothing but the ciphertext holds them.
 */
export interface GraduationRecord {
  ciphertext: string;
  recordedAt: string;
  recordedBy: string;
  /** The trace entry that recorded it. */
  seq: number;
}

const strip = fieldStripper(['pk', 'sk']);

export function workersRepository(store: StoreContext) {
  const { doc, tableName } = store;
  const partitionItems = (workerId: string, prefix: string) => queryPartition(store, keys.workerPartition(workerId), prefix);

  return {
    /** The worker of a person, by the keyed hash of the ID number (global: one person, one identity). */
    async workerIdOf(idNumberHash: string): Promise<string | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.person(idNumberHash), ConsistentRead: true }));
      return out.Item?.workerId as string | undefined;
    },

    /** The PERSON item, created with a new worker (inside the same transaction; fails if the person exists). */
    personWrite(idNumberHash: string, workerId: string, createdAt: string): ExtraWrite {
      return {
        Put: {
          TableName: tableName,
          Item: { ...keys.person(idNumberHash), workerId, createdAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    },

    /** The PERSON item's hash beside the worker (same transaction as the PERSON item, or a re-hire's). */
    personRefPut(workerId: string, idNumberHash: string): ExtraWrite {
      return { Put: { TableName: tableName, Item: { ...keys.workerPersonRef(workerId), idNumberHash } } };
    },

    /** The keyed hash of the worker's ID number, or undefined for a worker registered before it was kept. */
    async idNumberHashOf(workerId: string): Promise<string | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.workerPersonRef(workerId), ConsistentRead: true }));
      return out.Item?.idNumberHash as string | undefined;
    },

    async get(workerId: string, consistent = false): Promise<WorkerProfile | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.worker(workerId), ConsistentRead: consistent }));
      return out.Item ? strip<WorkerProfile>(out.Item) : undefined;
    },

    /** The whole trace in seq order (strongly consistent). */
    async trace(workerId: string): Promise<TraceEntry[]> {
      return readTrace(store, keys.workerPartition(workerId));
    },

    /** Every consent period, by scope, oldest first within a scope. */
    async consents(workerId: string): Promise<ConsentPeriod[]> {
      return (await partitionItems(workerId, keys.CONSENT_PREFIX)).map((item) => strip<ConsentPeriod>(item));
    },

    /** Training records: all, or those at one base (and one course). */
    async trainingRecords(workerId: string, baseTenantId?: string, courseCode?: string): Promise<TrainingRecord[]> {
      return (await partitionItems(workerId, keys.trainingPrefix(baseTenantId, courseCode))).map((item) => strip<TrainingRecord>(item));
    },

    consentPeriodPut(workerId: string, seq: number, period: ConsentPeriod): ExtraWrite {
      return { Put: { TableName: tableName, Item: { pk: keys.workerPartition(workerId), sk: keys.consentSk(period.scope, seq), ...period } } };
    },

    /** Ends an open consent period (revoked or superseded); it must still be open. */
    consentPeriodClose(workerId: string, scope: ConsentScope, seq: number, field: 'revokedAt' | 'supersededAt', at: string): ExtraWrite {
      return {
        Update: {
          TableName: tableName,
          Key: { pk: keys.workerPartition(workerId), sk: keys.consentSk(scope, seq) },
          UpdateExpression: 'SET #f = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND attribute_not_exists(supersededAt)',
          ExpressionAttributeNames: { '#f': field },
          ExpressionAttributeValues: { ':at': at },
        },
      };
    },

    /** The recorded graduation (consistent: it is read to decide, and deleted when the consent is revoked). */
    async graduation(workerId: string): Promise<GraduationRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.workerGraduation(workerId), ConsistentRead: true }));
      return out.Item ? strip<GraduationRecord>(out.Item) : undefined;
    },

    /** Whether a graduation is recorded, without reading its ciphertext. */
    async graduationRecorded(workerId: string): Promise<boolean> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.workerGraduation(workerId), ProjectionExpression: 'pk' }));
      return out.Item !== undefined;
    },

    /** Records (or replaces) the graduation, inside the worker's change. */
    graduationPut(workerId: string, record: GraduationRecord): ExtraWrite {
      return { Put: { TableName: tableName, Item: { ...keys.workerGraduation(workerId), ...record } } };
    },

    /** Deletes the graduation (the subsidy-graduate consent was revoked); nothing to delete is fine. */
    graduationDelete(workerId: string): ExtraWrite {
      return { Delete: { TableName: tableName, Key: keys.workerGraduation(workerId) } };
    },

    trainingRecordPut(workerId: string, record: TrainingRecord): ExtraWrite {
      return {
        Put: {
          TableName: tableName,
          Item: { pk: keys.workerPartition(workerId), sk: keys.trainingSk(record.baseTenantId, record.courseCode, record.attempt), ...record },
        },
      };
    },

    /** The profile as the traced write path stores it (store/traced-write.ts). */
    record(profile: WorkerProfile) {
      return { items: [{ ...keys.worker(profile.workerId), ...profile }], tracePartition: keys.workerPartition(profile.workerId) };
    },
  };
}
