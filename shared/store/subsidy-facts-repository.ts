/**
 * The applicant facts an admin records for subsidies (docs/subsidies.md "Facts"): employment
 * models and recognitions, in one partition per tenant (access patterns in
 * ACCESS-PATTERNS.md, "Subsidies"). A record is never edited: a recognition is revoked (its
 * version goes from 1 to 2), a model ends by a later record or its `until` day.
 */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EmploymentModelRecord, Recognition } from '../domain/subsidy/facts';
import type { StoreContext } from './client';
import { keys } from './keys';
import { queryPartition } from './partition-query';
import { fieldStripper } from './strip-fields';

const strip = fieldStripper(['pk', 'sk']);

interface Recorded {
  tenantId: string;
  recordedAt: string;
  recordedBy: string;
  /** Fingerprint of the request that recorded it: a retry with the same key must match. */
  requestHash: string;
  /** 1 when recorded; a revocation makes it 2. */
  version: number;
}

export type StoredModel = EmploymentModelRecord & Recorded;
export type StoredRecognition = Recognition & Recorded & { revokedAt?: string };

export interface SubsidyFactsOf {
  models: StoredModel[];
  recognitions: StoredRecognition[];
}

const isConditionFailed = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

export function subsidyFactsRepository(store: StoreContext) {
  const { doc, tableName } = store;
  const putOnce = async (key: Record<string, string>, item: object): Promise<'created' | 'exists'> => {
    try {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...key, ...item }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return 'created';
    } catch (error) {
      if (isConditionFailed(error)) return 'exists';
      throw error;
    }
  };
  return {
    putModel: (record: StoredModel) => putOnce(keys.subsidyModel(record.tenantId, record.recordId), record),
    putRecognition: (record: StoredRecognition) => putOnce(keys.subsidyRecognition(record.tenantId, record.recognitionId), record),

    /** Every fact of the tenant (a handful: read whole, consistently, since an application decides on it). */
    async of(tenantId: string): Promise<SubsidyFactsOf> {
      const pk = keys.subsidyFactsPartition(tenantId);
      const [models, recognitions] = await Promise.all([queryPartition(store, pk, 'MODEL#'), queryPartition(store, pk, 'RECOGNITION#')]);
      return { models: models.map((i) => strip<StoredModel>(i)), recognitions: recognitions.map((i) => strip<StoredRecognition>(i)) };
    },

    /** Revokes a recognition from a day; false when it is missing or revoked already. */
    async revokeRecognition(tenantId: string, recognitionId: string, revokedOn: string, at: string): Promise<boolean> {
      try {
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.subsidyRecognition(tenantId, recognitionId),
            UpdateExpression: 'SET revokedOn = :on, revokedAt = :at, version = :two',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedOn)',
            ExpressionAttributeValues: { ':on': revokedOn, ':at': at, ':two': 2 },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}
