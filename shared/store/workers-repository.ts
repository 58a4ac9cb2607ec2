/**
 * The worker registry's items (access patterns 22–27): the PERSON lookup item, the worker
 * profile, its hash-chained trace and its history items (consent periods, training
 * records). The only place that knows how a worker is laid out in the table.
 *
 * Every change is ONE transaction: the profile (guarded by the version the change was
 * decided on, or created if absent), its new trace entries (each `attribute_not_exists`),
 * the command's event record, then any side items. So the profile, its trace and the
 * answer a caller gets can never disagree, and two writers cannot fork the chain.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TrainingRecord } from '../domain/training/training';
import type { ConsentScope } from '../domain/worker/consents';
import type { WorkerProfile } from '../domain/worker/worker';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { eventItem, eventSettlementUpdate, type EventRecord } from './events-repository';
import { keys } from './keys';
import type { ExtraWrite } from './orders-repository';
import { queryPartition } from './partition-query';
import { fieldStripper } from './strip-fields';
import { readTrace, traceEntryPut } from './trace-items';
import { cancellationOf } from './transaction-cancel';
import { versionGuard } from './transact-items';

/** A consent period (history item). */
export interface ConsentPeriod {
  scope: ConsentScope;
  version: string;
  grantedAt: string;
  revokedAt?: string;
  supersededAt?: string;
}

/** A synchronous change's event: written already settled, with the answer a retry gets again. */
export interface SettledEvent extends EventRecord {
  status: 'applied';
  appliedAt: string;
  /** The HTTP answer of the first request, replayed for a retry with the same Idempotency-Key. */
  result: { statusCode: number; body: Record<string, unknown> };
}

export type EventWrite = { put: SettledEvent } | { settle: { tenantId: string; eventId: string; appliedAt: string } };

export interface WorkerWrite {
  profile: WorkerProfile;
  /** The version the change was decided on; undefined creates the worker. */
  previousVersion: number | undefined;
  entries: TraceEntry[];
  event: EventWrite;
  extra?: ExtraWrite[];
}

/** Which part of a worker transaction was refused. */
export type ConflictPart = 'worker' | 'event' | 'extra';

/**
 * A worker transaction was cancelled: `worker` (someone else changed or created it first —
 * decide again on fresh state), `event` (this command was settled already — a concurrent
 * retry), `extra` (a side item's condition, e.g. the PERSON item existing).
 */
export class WorkerWriteConflict extends Error {
  constructor(
    readonly part: ConflictPart,
    readonly extraIndex?: number,
  ) {
    super(`worker transaction cancelled (${part})`);
  }
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

    trainingRecordPut(workerId: string, record: TrainingRecord): ExtraWrite {
      return {
        Put: {
          TableName: tableName,
          Item: { pk: keys.workerPartition(workerId), sk: keys.trainingSk(record.baseTenantId, record.courseCode, record.attempt), ...record },
        },
      };
    },

    /** See the file comment. Throws WorkerWriteConflict when a guard refuses. */
    async apply(write: WorkerWrite): Promise<void> {
      const { profile, previousVersion, entries, event } = write;
      const items: ExtraWrite[] = [];
      if (entries.length > 0) {
        items.push({ Put: { TableName: tableName, Item: { ...keys.worker(profile.workerId), ...profile }, ...versionGuard(previousVersion) } });
        for (const entry of entries) items.push(traceEntryPut(tableName, keys.workerPartition(profile.workerId), entry));
      }
      const eventIndex = items.length;
      if ('put' in event) {
        // A synchronous change records its event already settled; it may not exist yet.
        items.push({ Put: { TableName: tableName, Item: eventItem(event.put), ConditionExpression: 'attribute_not_exists(pk)' } });
      } else {
        const { tenantId, eventId, appliedAt } = event.settle;
        items.push(eventSettlementUpdate(tableName, { tenantId, eventId, at: appliedAt, seq: profile.traceHead.seq }));
      }
      const extraStart = items.length;
      items.push(...(write.extra ?? []));
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        const cancel = cancellationOf(error);
        if (!cancel) throw error;
        if (cancel.conditionFailedAt(eventIndex)) throw new WorkerWriteConflict('event');
        // A concurrent transaction on the same items, or a moved version: decide again on fresh state.
        if (cancel.conflicted) throw new WorkerWriteConflict('worker');
        const failed = cancel.firstConditionFailed;
        if (failed >= 0 && failed < eventIndex) throw new WorkerWriteConflict('worker');
        if (failed >= extraStart) throw new WorkerWriteConflict('extra', failed - extraStart);
        throw error;
      }
    },
  };
}
