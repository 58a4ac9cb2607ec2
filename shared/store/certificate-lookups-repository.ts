/**
 * Public certificate lookups: their audit items and the throttle counters (access patterns
 * 37–38). Counters are fixed one-minute windows, one item per scope, subject and minute,
 * incremented atomically and deleted by TTL shortly after their minute.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';
import { keys } from './keys';
import { shanghaiDay } from '../lib/shanghai-day';

export type LookupOutcome = 'shown' | 'not-found' | 'throttled';

export interface LookupAudit {
  at: string;
  outcome: LookupOutcome;
  /** First 12 hex characters of SHA-256(token): enough to tell lookups of one code apart, useless as a code. */
  tokenHashPrefix: string;
  /** Set when the token named a certificate. */
  certNo?: string;
  light?: string;
  /** Which limit refused a throttled lookup. */
  throttledBy?: 'source' | 'cert';
  via: 'json' | 'page';
}

/** Audit items are kept one year (the log retention of prod, config.ts), then TTL removes them. */
export const AUDIT_TTL_SECONDS = 365 * 86_400;

export function certificateLookupsRepository({ doc, tableName }: StoreContext) {
  return {
    /** Adds one to the counter and returns the new count. */
    async count(scope: 'source' | 'cert', subject: string, window: number, expiresAt: number): Promise<number> {
      const out = await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.lookupCounter(scope, subject, window),
          UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :exp)',
          ExpressionAttributeValues: { ':one': 1, ':exp': expiresAt },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(out.Attributes?.hits ?? 1);
    },

    async audit(entry: LookupAudit, id: string): Promise<void> {
      const pk = entry.certNo ? keys.certificatePartition(entry.certNo) : keys.unknownCertificateLookups(shanghaiDay(new Date(entry.at)));
      await doc.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk, sk: keys.certificateLookupSk(entry.at, id), ...entry, expiresAt: Math.floor(Date.parse(entry.at) / 1000) + AUDIT_TTL_SECONDS },
        }),
      );
    },

    /** A certificate's lookup audit, oldest first (admin reads and tests). */
    async auditsOf(certNo: string): Promise<LookupAudit[]> {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': keys.certificatePartition(certNo), ':prefix': 'LOOKUP#' },
          ConsistentRead: true,
        }),
      );
      return (out.Items ?? []).map(({ pk: _pk, sk: _sk, expiresAt: _e, ...rest }) => rest as LookupAudit);
    },

    /** Lookups of unknown (or rotated) codes on one day (Asia/Shanghai). */
    async unknownAudits(date: string): Promise<LookupAudit[]> {
      const out = await doc.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.unknownCertificateLookups(date) },
          ConsistentRead: true,
        }),
      );
      return (out.Items ?? []).map(({ pk: _pk, sk: _sk, expiresAt: _e, ...rest }) => rest as LookupAudit);
    },

    /** The day's pepper: the first caller's candidate wins, everyone else reads it. */
    async pepper(date: string, candidate: string, expiresAt: number): Promise<string> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.lookupPepper(date), pepper: candidate, expiresAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return candidate;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.lookupPepper(date), ConsistentRead: true }));
        return String(out.Item!.pepper);
      }
    },
  };
}
