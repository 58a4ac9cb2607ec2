/**
 * Certificates, their worker pointers, QR lookup items and traces (access patterns 31–36 in
 * ACCESS-PATTERNS.md). The only place that knows how a certificate is laid out.
 *
 * Every change is one transaction: the certificate (version-guarded), its new trace
 * entries (each `attribute_not_exists`), the QR items when the token changes, and the
 * command's event when a caller's command is applied — a retried or concurrent change can
 * neither fork the trace nor leave an old QR code alive next to a new one.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Certificate } from '../domain/certificate/certificate';
import { sha256Hex } from '../lib/hash';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { INDEX, keys } from './keys';
import type { ExtraWrite } from './orders-repository';

export interface StoredCertificate extends Certificate {
  /** The last trace entry, so verification also catches a removed tail. */
  traceHead: { seq: number; hash: string };
}

/** The daily job's index is split over a few partitions so no single key gets hot. */
export const REVIEW_SHARDS = 4;

export const reviewShard = (certNo: string): number => Number.parseInt(sha256Hex(certNo).slice(0, 8), 16) % REVIEW_SHARDS;

/** Thrown when the worker has a certificate already (the pointer's conditional create failed). */
export class CertificateExistsError extends Error {}

/** Thrown when another writer changed the certificate first; callers reload and retry. */
export class CertificateChangedError extends Error {}

/** Thrown when the command's event was settled by a concurrent attempt with the same key. */
export class EventSettledError extends Error {}

const INDEX_FIELDS = ['pk', 'sk', 'gsi2pk', 'gsi2sk'];

function toCertificate(item: Record<string, unknown>): StoredCertificate {
  const copy = { ...item };
  for (const field of INDEX_FIELDS) delete copy[field];
  return copy as unknown as StoredCertificate;
}

function certificateItem(cert: StoredCertificate) {
  return {
    ...keys.certificate(cert.certNo),
    ...cert,
    // Sparse: a revoked or expired certificate leaves the daily job's index.
    ...(cert.reviewOn ? { gsi2pk: keys.certificateReview(reviewShard(cert.certNo)), gsi2sk: keys.certificateReviewSk(cert.reviewOn, cert.certNo) } : {}),
  };
}

const traceItem = (certNo: string, entry: TraceEntry) => ({ pk: keys.certificatePartition(certNo), sk: keys.traceSk(entry.seq), ...entry });

function toTraceEntry(item: Record<string, unknown>): TraceEntry {
  const { seq, eventId, type, actor, at, payloadHash, prevHash, hash } = item as unknown as TraceEntry;
  return { seq, eventId, type, actor, at, payloadHash, prevHash, hash };
}

export const qrTokenHash = (token: string): string => sha256Hex(token);

export function certificatesRepository({ doc, tableName }: StoreContext) {
  const qrPut = (cert: Certificate): ExtraWrite => ({
    Put: {
      TableName: tableName,
      Item: { ...keys.certificateQr(qrTokenHash(cert.qrToken)), certNo: cert.certNo, cardSeq: cert.cardSeq, issuedAt: cert.qrIssuedAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

  return {
    async get(certNo: string, consistent = false): Promise<StoredCertificate | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.certificate(certNo), ConsistentRead: consistent }));
      return out.Item ? toCertificate(out.Item) : undefined;
    },

    /** The certificate number of a worker's certificate, if they have one. */
    async certNoOfWorker(workerId: string, consistent = false): Promise<string | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.workerCertificate(workerId), ConsistentRead: consistent }));
      return out.Item?.certNo as string | undefined;
    },

    async getByWorker(workerId: string, consistent = false): Promise<StoredCertificate | undefined> {
      const certNo = await this.certNoOfWorker(workerId, consistent);
      return certNo ? this.get(certNo, consistent) : undefined;
    },

    /** The certificate number a QR token currently opens; undefined for an unknown or rotated token. */
    async certNoOfQrToken(token: string): Promise<string | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.certificateQr(qrTokenHash(token)) }));
      return out.Item?.certNo as string | undefined;
    },

    /** Creates the worker's one certificate: pointer, certificate, first trace entry, QR item. */
    async create(cert: StoredCertificate, entry: TraceEntry): Promise<void> {
      try {
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { ...keys.workerCertificate(cert.workerId), workerId: cert.workerId, certNo: cert.certNo, createdAt: cert.issuedAt },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              { Put: { TableName: tableName, Item: certificateItem(cert), ConditionExpression: 'attribute_not_exists(pk)' } },
              { Put: { TableName: tableName, Item: traceItem(cert.certNo, entry), ConditionExpression: 'attribute_not_exists(pk)' } },
              qrPut(cert),
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
          throw new CertificateExistsError(`worker ${cert.workerId} has a certificate already`);
        }
        throw error;
      }
    },

    /**
     * Stores a changed certificate with its new trace entries (possibly none: a moved review
     * date). `previous` is the stored version the change was computed from; when the QR
     * token changed, the old lookup item goes and the new one comes in the same transaction.
     * `event` marks the caller's command applied (its record must still be `accepted`).
     */
    async save(args: {
      cert: StoredCertificate;
      previous: StoredCertificate;
      entries: TraceEntry[];
      event?: { tenantId: string; eventId: string; appliedAt: string };
    }): Promise<void> {
      const { cert, previous, entries, event } = args;
      const items: ExtraWrite[] = [
        {
          Put: {
            TableName: tableName,
            Item: certificateItem(cert),
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': previous.version },
          },
        },
        ...entries.map((entry) => ({
          Put: { TableName: tableName, Item: traceItem(cert.certNo, entry), ConditionExpression: 'attribute_not_exists(pk)' },
        })),
      ];
      if (cert.qrToken !== previous.qrToken) {
        items.push({ Delete: { TableName: tableName, Key: keys.certificateQr(qrTokenHash(previous.qrToken)) } }, qrPut(cert));
      }
      if (event) {
        items.push({
          Update: {
            TableName: tableName,
            Key: keys.event(event.tenantId, event.eventId),
            UpdateExpression: 'SET #s = :applied, appliedAt = :at',
            ConditionExpression: '#s = :accepted',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':applied': 'applied', ':accepted': 'accepted', ':at': event.appliedAt },
          },
        });
      }
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (event && reasons[items.length - 1]?.Code === 'ConditionalCheckFailed') throw new EventSettledError(`event ${event.eventId} is settled`);
        if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new CertificateChangedError(`certificate ${cert.certNo} changed underneath`);
        throw error;
      }
    },

    /** The whole trace in seq order (strongly consistent). */
    async trace(certNo: string): Promise<TraceEntry[]> {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': keys.certificatePartition(certNo), ':prefix': keys.TRACE_PREFIX },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(out.Items ?? []));
        start = out.LastEvaluatedKey;
      } while (start);
      return items.map(toTraceEntry);
    },

    /** One page of certificates of a shard whose review date is `today` or earlier. */
    async dueForReview(shard: number, today: string, start?: Record<string, unknown>): Promise<{ certNos: string[]; next?: Record<string, unknown> }> {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: INDEX.byStatus.indexName,
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :upto',
          ExpressionAttributeValues: { ':pk': keys.certificateReview(shard), ':upto': `${today}#~` },
          ProjectionExpression: 'certNo',
          Limit: 100,
          ExclusiveStartKey: start,
        }),
      );
      return { certNos: (out.Items ?? []).map((i) => String(i.certNo)), next: out.LastEvaluatedKey };
    },
  };
}
