/**
 * Certificates, their worker pointers, QR lookup items and traces (access patterns 31–36 in
 * ACCESS-PATTERNS.md). The only place that knows how a certificate is laid out.
 *
 * Every change is one transaction of the traced write path (store/traced-write.ts): the
 * certificate, its new trace entries, the QR items when the token changes, and the
 * command's event when a caller's command is applied — a retried or concurrent change can
 * neither fork the trace nor leave an old QR code alive next to a new one.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Certificate } from '../domain/certificate/certificate';
import { sha256Hex } from '../lib/hash';
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { INDEX, keys } from './keys';
import type { ExtraWrite } from './orders-repository';
import { fieldStripper } from './strip-fields';
import { readTrace } from './trace-items';

export interface StoredCertificate extends Certificate {
  /** The last trace entry, so verification also catches a removed tail. */
  traceHead: { seq: number; hash: string };
}

/** The daily job's index is split over a few partitions so no single key gets hot. */
export const REVIEW_SHARDS = 4;

export const reviewShard = (certNo: string): number => Number.parseInt(sha256Hex(certNo).slice(0, 8), 16) % REVIEW_SHARDS;

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

    /** The certificate as the traced write path stores it (store/traced-write.ts). */
    record(cert: StoredCertificate) {
      return { items: [certificateItem(cert)], tracePartition: keys.certificatePartition(cert.certNo) };
    },

    /**
     * Side items of a change from `previous` (undefined: the issuance). Issuing claims the
     * worker's one certificate (the pointer may not exist yet) and its QR item; a changed QR
     * token removes the old lookup item and adds the new one, so an old code never stays alive.
     */
    sideItems(cert: StoredCertificate, previous: StoredCertificate | undefined): ExtraWrite[] {
      if (!previous) {
        return [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.workerCertificate(cert.workerId), workerId: cert.workerId, certNo: cert.certNo, createdAt: cert.issuedAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          qrPut(cert),
        ];
      }
      if (cert.qrToken === previous.qrToken) return [];
      return [{ Delete: { TableName: tableName, Key: keys.certificateQr(qrTokenHash(previous.qrToken)) } }, qrPut(cert)];
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
