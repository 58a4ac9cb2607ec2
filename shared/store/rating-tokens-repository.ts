/** Rating tokens (pattern 15): looked up by id, used once for a rating and once for a complaint, expire after 30 days. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';
import { keys } from './keys';

export interface RatingTokenRecord {
  tokenId: string;
  tenantId: string;
  orderId: string;
  secretHash: string;
  status: 'unused' | 'used';
  issuedAt: string;
  /** Epoch seconds; also the table's TTL attribute, so expired tokens disappear. */
  expiresAt: number;
  usedAt?: string;
  /** When the household opened its complaint with this token (at most one per token). */
  complaintAt?: string;
}

export function ratingTokensRepository({ doc, tableName }: StoreContext) {
  return {
    async put(record: RatingTokenRecord): Promise<void> {
      await doc.send(
        new PutCommand({ TableName: tableName, Item: { ...keys.ratingToken(record.tokenId), ...record }, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    },

    async get(tokenId: string): Promise<RatingTokenRecord | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.ratingToken(tokenId), ConsistentRead: true }));
      if (!out.Item) return undefined;
      const { pk: _pk, sk: _sk, ...record } = out.Item;
      return record as RatingTokenRecord;
    },

    /** Marks the token used; false when it was used already. */
    async markUsed(tokenId: string, at: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.ratingToken(tokenId),
            UpdateExpression: 'SET #s = :used, usedAt = :at',
            ConditionExpression: '#s = :unused',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':used': 'used', ':unused': 'unused', ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    /** Records the token's one complaint; false when it has one already. Independent of the rating. */
    async markComplaintUsed(tokenId: string, at: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.ratingToken(tokenId),
            UpdateExpression: 'SET complaintAt = :at',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(complaintAt)',
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}
