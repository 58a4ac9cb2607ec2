/**
 * Credit grade records, their objections, the published list, the staff snapshots and the
 * public-credit records (access patterns in ACCESS-PATTERNS.md, "Credit grades"). Grades
 * are written only through the traced write path (services/credit-grading.ts and
 * services/credit-objections.ts build the plans); this file lays the items out and reads them.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PublicCreditRecord, StaffSnapshot } from '../domain/credit/facts';
import { yearOf, type CreditGradeRecord, type Objection } from '../domain/credit/grade-record';
import type { TraceEntry } from '../trace/chain';
import { batchGetInOrder } from './batch-get';
import type { StoreContext } from './client';
import { INDEX, keys } from './keys';
import { queryIndexAll } from './index-page';
import { queryPartition, queryWholePartition } from './partition-query';
import { fieldStripper } from './strip-fields';
import { readTrace } from './trace-items';
import type { TransactItem } from './transact-items';

const stripGrade = fieldStripper(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi3pk', 'gsi3sk']);
const stripPlain = fieldStripper(['pk', 'sk']);

/** What the public list shows of a graded enterprise: no personal data, no breakdown. */
export interface PublishedGrade {
  tenantId: string;
  enterpriseName: string;
  year: string;
  period: string;
  grade: string;
  score: number;
  modelVersion: string;
}

/** An objection as stored: its reason and the decision's note are free text, kept here only. */
export interface StoredObjection extends Objection {
  tenantId: string;
  period: string;
  reason: string;
  /** Fingerprint of the request that filed it: a retry with the same key must match. */
  requestHash: string;
  outcome?: 'upheld' | 'dismissed';
  note?: string;
}

export interface StoredPublicRecord extends PublicCreditRecord {
  tenantId: string;
  recordedAt: string;
  recordedBy: string;
  requestHash: string;
  revokedAt?: string;
}

export function creditGradesRepository(store: StoreContext) {
  const { doc, tableName } = store;
  return {
    /** The grade's items for the traced write: the record, listed by period (gsi1) and by enterprise (gsi3). */
    record(grade: CreditGradeRecord) {
      return {
        items: [
          {
            ...keys.creditGrade(grade.tenantId, grade.period),
            ...grade,
            gsi1pk: keys.creditGradesOfPeriod(grade.period),
            gsi1sk: grade.tenantId,
            gsi3pk: keys.creditGradesOfTenant(grade.tenantId),
            gsi3sk: grade.period,
          },
        ],
        tracePartition: keys.creditGradePartition(grade.tenantId, grade.period),
      };
    },

    async get(tenantId: string, period: string, consistent = false): Promise<CreditGradeRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.creditGrade(tenantId, period), ConsistentRead: consistent }));
      return out.Item ? stripGrade<CreditGradeRecord>(out.Item) : undefined;
    },

    async trace(tenantId: string, period: string): Promise<TraceEntry[]> {
      return readTrace(store, keys.creditGradePartition(tenantId, period));
    },

    /** An enterprise's grades, newest period first (gsi3, keys only, then the items). */
    async ofTenant(tenantId: string, limit = 24): Promise<CreditGradeRecord[]> {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: INDEX.byWorker.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': INDEX.byWorker.partitionKey },
          ExpressionAttributeValues: { ':pk': keys.creditGradesOfTenant(tenantId) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      const found = await batchGetInOrder(store, (out.Items ?? []).map((item) => ({ pk: String(item.pk), sk: String(item.sk) })));
      return found.filter((item): item is Record<string, unknown> => item !== undefined).map((item) => stripGrade<CreditGradeRecord>(item));
    },

    /** Every enterprise's grade of one period (gsi1, every page), by tenant id. */
    async ofPeriod(period: string): Promise<CreditGradeRecord[]> {
      return (await queryIndexAll(store, { index: INDEX.byTime, pk: keys.creditGradesOfPeriod(period) })).map((item) => stripGrade<CreditGradeRecord>(item));
    },

    /**
     * The published-list item of a graded enterprise, written in the grade's transaction. It
     * holds the latest period graded in its year: the guard keeps an older period's re-grade
     * from replacing a newer one.
     */
    publishedPut(published: PublishedGrade): TransactItem {
      return {
        Put: {
          TableName: tableName,
          Item: {
            ...keys.creditPublished(published.year, published.tenantId),
            ...published,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR period <= :period',
          ExpressionAttributeValues: { ':period': published.period },
        },
      };
    },

    /** An enterprise that is no longer graded in a year (black-listed, not eligible) leaves its list. */
    publishedDelete(year: string, tenantId: string, period: string): TransactItem {
      return {
        Delete: {
          TableName: tableName,
          Key: keys.creditPublished(year, tenantId),
          ConditionExpression: 'attribute_not_exists(pk) OR period <= :period',
          ExpressionAttributeValues: { ':period': period },
        },
      };
    },

    /** The year's published grades (one partition, every page). */
    async published(year: string): Promise<PublishedGrade[]> {
      return (await queryWholePartition(store, keys.creditPublishedPartition(year))).map((item) => stripPlain<PublishedGrade>(item));
    },

    async publishedOf(year: string, tenantId: string): Promise<PublishedGrade | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.creditPublished(year, tenantId) }));
      return out.Item ? stripPlain<PublishedGrade>(out.Item) : undefined;
    },

    /** An objection's item, written in the transaction that puts its entry on the grade's trace. */
    objectionPut(objection: StoredObjection, isNew: boolean): TransactItem {
      return {
        Put: {
          TableName: tableName,
          Item: { pk: keys.creditGradePartition(objection.tenantId, objection.period), sk: keys.creditObjectionSk(objection.objectionId), ...objection },
          ...(isNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : { ConditionExpression: '#status = :open', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':open': 'open' } }),
        },
      };
    },

    async objection(tenantId: string, period: string, objectionId: string): Promise<StoredObjection | undefined> {
      const out = await doc.send(
        new GetCommand({ TableName: tableName, Key: { pk: keys.creditGradePartition(tenantId, period), sk: keys.creditObjectionSk(objectionId) }, ConsistentRead: true }),
      );
      return out.Item ? stripPlain<StoredObjection>(out.Item) : undefined;
    },

    async objections(tenantId: string, period: string): Promise<StoredObjection[]> {
      return (await queryPartition(store, keys.creditGradePartition(tenantId, period), keys.OBJECTION_PREFIX)).map((item) => stripPlain<StoredObjection>(item));
    },

    /** The staff snapshot a period was first graded with (kept, so recompute reads the same). */
    staffSnapshotPut(tenantId: string, period: string, staff: StaffSnapshot, replace = false): TransactItem {
      return {
        Put: {
          TableName: tableName,
          Item: { ...keys.creditStaffSnapshot(tenantId, period), tenantId, period, ...staff },
          // The first grading keeps the snapshot it took; an upheld objection replaces it on purpose.
          ...(replace ? {} : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      };
    },

    async staffSnapshot(tenantId: string, period: string): Promise<StaffSnapshot | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.creditStaffSnapshot(tenantId, period), ConsistentRead: true }));
      if (!out.Item) return undefined;
      const { currentWorkers, certified, greenLights, trained, insured } = out.Item as unknown as StaffSnapshot;
      return { currentWorkers, certified, greenLights, trained, insured };
    },

    /** Records a reward, penalty or black-list entry; the id comes from the admin's Idempotency-Key. */
    async putPublicRecord(record: StoredPublicRecord): Promise<'created' | 'exists'> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.creditRecord(record.tenantId, record.recordId), ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return 'created';
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return 'exists';
        throw error;
      }
    },

    async publicRecord(tenantId: string, recordId: string): Promise<StoredPublicRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.creditRecord(tenantId, recordId), ConsistentRead: true }));
      return out.Item ? stripPlain<StoredPublicRecord>(out.Item) : undefined;
    },

    /** Every record of the enterprise, revoked ones included, by record id. */
    async publicRecords(tenantId: string): Promise<StoredPublicRecord[]> {
      return (await queryPartition(store, keys.creditRecordsPartition(tenantId), keys.CREDIT_RECORD_PREFIX)).map((item) => stripPlain<StoredPublicRecord>(item));
    },

    /** Revokes a record (a decision that was overturned); a revoked record counts in no later grade. */
    async revokePublicRecord(tenantId: string, recordId: string, at: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.creditRecord(tenantId, recordId),
            UpdateExpression: 'SET revokedAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}

export { yearOf };
