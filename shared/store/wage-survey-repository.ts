/**
 * The wage survey's samples and its published table (ACCESS-PATTERNS.md, "Wage survey").
 *
 * - Order prices: one sample per order, written by the order-prices consumer from the
 *   order's `created` event, created only if absent: an order has exactly one such event,
 *   so a redelivered or replayed event (even after any marker would have expired) adds
 *   nothing.
 * - A cell's samples (pay reports or prices) are read whole, one Query per cell partition,
 *   by the publication job only — never on a public request.
 * - The published table of a year is one item, replaced by each run of the job.
 */
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { ServiceMode, ServiceType } from '../domain/wage-survey/price-sample';
import type { Sample } from '../domain/wage-survey/publication';
import type { StoreContext } from './client';
import { keys } from './keys';

export interface PriceSample {
  year: string;
  serviceType: ServiceType;
  mode: ServiceMode;
  orderId: string;
  tenantId: string;
  /** The order's price per unit (hour or day), fen. */
  unitFen: number;
  eventId: string;
}

/** Which attribute of a sample item holds its value. */
export type SampleValue = 'amountFen' | 'unitFen';

export function wageSurveyRepository({ doc, tableName }: StoreContext) {
  return {
    /** `counted`, or `duplicate` when the order's sample is there already (pattern: price sample). */
    async putPriceSample(sample: PriceSample, now: Date = new Date()): Promise<'counted' | 'duplicate'> {
      const { year, serviceType, mode, orderId, tenantId, unitFen, eventId } = sample;
      try {
        await doc.send(
          new PutCommand({
            TableName: tableName,
            Item: { pk: keys.priceSamples(year, serviceType, mode), sk: orderId, tenantId, unitFen, eventId, countedAt: now.toISOString() },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return 'counted';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'duplicate';
        throw error;
      }
    },

    /** Every sample of one cell partition: its value and enterprise only, page after page. */
    async cellSamples(partition: string, value: SampleValue): Promise<Sample[]> {
      const samples: Sample[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const out = await doc.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': partition },
            ProjectionExpression: '#v, tenantId',
            ExpressionAttributeNames: { '#v': value },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) samples.push({ amountFen: Number(item[value]), tenantId: String(item.tenantId) });
        start = out.LastEvaluatedKey;
      } while (start);
      return samples;
    },

    async putPublished(year: string, table: Record<string, unknown>): Promise<void> {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.wageSurvey(year), ...table } }));
    },

    async getPublished(year: string): Promise<Record<string, unknown> | undefined> {
      const out = await doc.send(new GetCommand({ TableName: tableName, Key: keys.wageSurvey(year) }));
      if (!out.Item) return undefined;
      const { pk: _pk, sk: _sk, ...table } = out.Item;
      return table;
    },
  };
}
