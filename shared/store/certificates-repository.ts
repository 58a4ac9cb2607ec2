/**
 * Certificates, their worker pointers, QR lookup items and traces (access patterns 31–36 in
 * ACCESS-PATTERNS.md). The only place that knows how a certificate is laid out.
 *
 * Every change is one transaction: the certificate (version-guarded), its new trace
 * entries (each `attribute_not_exists`), the QR items when the token changes, and the
 * command's event when a caller's command is applied — a retried or concurrent change can
 * neither fork the trace nor leave an old QR code alive next to a new one.
 */
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Certificate } from '../domain/certificate/certificate';
import { sha256Hex } from '../lib/hash';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { eventSettlementUpdate } from './events-repository';
import { INDEX, keys } from './keys';
import type { ExtraWrite } from './orders-repository';
import { fieldStripper } from './strip-fields';
import { readTrace, traceEntryPut } from './trace-items';
import { cancellationOf } from './transaction-cancel';

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

const strip = fieldStripper(['pk', 'sk', 'gsi2pk', 'gsi2sk']);
const toCertificate = (item: Record<string, unknown>) => strip<StoredCertificate>(item);

function certificateItem(cert: StoredCertificate) {
  return {
    ...keys.certificate(cert.certNo),
    ...cert,
    // Sparse: a revoked or expired certificate leaves the daily job's index.
    ...(cert.reviewOn ? { gsi2pk: keys.certificateReview(reviewShard(cert.certNo)), gsi2sk: keys.certificateReviewSk(cert.reviewOn, cert.certNo) } : {}),
  };
}

const tracePut = (tableName: string, certNo: string, entry: TraceEntry) => traceEntryPut(tableName, keys.certificatePartition(certNo), entry);

export const qrTokenHash = (token: string): string => sha256Hex(token);

export function certificatesRepository(store: StoreContext) {
  const { doc, tableName } = store;
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
              tracePut(tableName, cert.certNo, entry),
              qrPut(cert),
            ],
          }),
        );
      } catch (error) {
        if (cancellationOf(error)?.conditionFailedAt(0)) {
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
        ...entries.map((entry) => tracePut(tableName, cert.certNo, entry)),
      ];
      if (cert.qrToken !== previous.qrToken) {
        items.push({ Delete: { TableName: tableName, Key: keys.certificateQr(qrTokenHash(previous.qrToken)) } }, qrPut(cert));
      }
      if (event) {
        items.push(eventSettlementUpdate(tableName, { tenantId: event.tenantId, eventId: event.eventId, at: event.appliedAt }));
      }
      try {
        await doc.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        const cancel = cancellationOf(error);
        if (!cancel) throw error;
        if (event && cancel.conditionFailedAt(items.length - 1)) throw new EventSettledError(`event ${event.eventId} is settled`);
        if (cancel.conditionFailedAt(0)) throw new CertificateChangedError(`certificate ${cert.certNo} changed underneath`);
        throw error;
      }
    },

    /** The whole trace in seq order (strongly consistent). */
    async trace(certNo: string): Promise<TraceEntry[]> {
      return readTrace(store, keys.certificatePartition(certNo));
    },

    /**
     * One page of certificates of a shard whose review date is `today` or earlier. Only the
     * numbers: the index projects keys only, and the sort key (`<reviewOn>#<certNo>`) ends
     * with the number; the review reads each certificate itself.
     */
    async dueForReview(shard: number, today: string, start?: Record<string, unknown>): Promise<{ certNos: string[]; next?: Record<string, unknown> }> {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: INDEX.byStatus.indexName,
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :upto',
          ExpressionAttributeValues: { ':pk': keys.certificateReview(shard), ':upto': `${today}#~` },
          ProjectionExpression: 'gsi2sk',
          Limit: 100,
          ExclusiveStartKey: start,
        }),
      );
      return { certNos: (out.Items ?? []).map((i) => String(i.gsi2sk).split('#').at(-1)!), next: out.LastEvaluatedKey };
    },
  };
}
