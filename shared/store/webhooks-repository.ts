/**
 * Insurers' webhook subscriptions (access patterns in ACCESS-PATTERNS.md, "webhooks"): one
 * item per tenant beside its tenant record, read by the dispatcher for every delivery (so
 * a change or a deletion applies to the next attempt) and by the webhook routes.
 *
 * Writes are conditional on the `version` the caller read: two concurrent registrations
 * cannot both answer with a secret while only one of them is stored.
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';
import { keys } from './keys';

export interface WebhookSubscription {
  tenantId: string;
  /** Normalized URL (webhooks/url-rules.ts). */
  url: string;
  /** The signing secret, encrypted with the webhook secrets key (context { tenantId }). */
  secretCiphertext: string;
  /** The secret replaced by the last rotation, still signed with until previousSecretExpiresAt. */
  previousSecretCiphertext?: string;
  previousSecretExpiresAt?: string;
  createdAt: string;
  /** When the current secret was issued (= createdAt until the first rotation). */
  secretIssuedAt: string;
  /** 1 on creation, +1 per rotation: the write condition. */
  version: number;
}

export class WebhookChangedError extends Error {
  constructor(tenantId: string) {
    super(`webhook subscription of ${tenantId} changed concurrently`);
    this.name = 'WebhookChangedError';
  }
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

function toSubscription(item: Record<string, unknown>): WebhookSubscription {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as WebhookSubscription;
}

export function webhooksRepository({ doc, tableName }: StoreContext) {
  return {
    async get(tenantId: string, consistent = false): Promise<WebhookSubscription | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.webhook(tenantId), ConsistentRead: consistent }));
      return out.Item ? toSubscription(out.Item) : undefined;
    },

    /**
     * Stores `next`: a new subscription when `expectedVersion` is undefined (none may exist),
     * else a replacement of the version the caller read. WebhookChangedError when someone
     * else wrote in between.
     */
    async put(next: WebhookSubscription, expectedVersion?: number): Promise<void> {
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...keys.webhook(next.tenantId), ...next },
            ...(expectedVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new WebhookChangedError(next.tenantId);
        throw error;
      }
    },

    /** Deletes the subscription; false when there was none. */
    async delete(tenantId: string): Promise<boolean> {
      try {
        await doc.send(new DeleteCommand({ TableName: tableName, Key: keys.webhook(tenantId), ConditionExpression: 'attribute_exists(pk)' }));
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
