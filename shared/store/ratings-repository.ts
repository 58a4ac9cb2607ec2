/**
 * A household's rating of an order and the rating summaries it feeds: one per enterprise
 * and one per worker within an enterprise. The summaries are read models: each rating adds
 * to them in the rating's own transaction (side items of the order's traced write, after
 * the event guard), so they are never computed by reading ratings and a redelivered rating
 * never counts twice. The only place that knows how these items are laid out.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';
import { keys } from './keys';
import type { TransactItem } from './transact-items';

export const STARS = [1, 2, 3, 4, 5] as const;

export interface RatingSummary {
  count: number;
  /** Mean stars, two decimals; absent while nothing is rated. */
  average?: number;
  /** How many ratings gave each number of stars. */
  distribution: Record<'1' | '2' | '3' | '4' | '5', number>;
}

export interface RatingRecord {
  stars: number;
  comment?: string;
  workerId?: string;
  at: string;
  eventId: string;
}

function summaryOf(item: Record<string, unknown> | undefined): RatingSummary {
  const count = Number(item?.ratingCount ?? 0);
  const total = Number(item?.starsTotal ?? 0);
  const distribution = Object.fromEntries(STARS.map((s) => [String(s), Number(item?.[`stars${s}`] ?? 0)])) as RatingSummary['distribution'];
  return { count, ...(count > 0 ? { average: Math.round((total / count) * 100) / 100 } : {}), distribution };
}

export function ratingsRepository(store: StoreContext) {
  const { doc, tableName } = store;
  const summaryAdd = (key: { pk: string; sk: string }, stars: number): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'ADD ratingCount :one, starsTotal :stars, #d :one',
      ExpressionAttributeNames: { '#d': `stars${stars}` },
      ExpressionAttributeValues: { ':one': 1, ':stars': stars },
    },
  });
  const read = async (key: { pk: string; sk: string }) =>
    summaryOf((await doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item);

  return {
    /** The order's one rating and the summaries it adds to (side items; the rating may not exist yet). */
    ratingWrites(tenantId: string, orderId: string, rating: RatingRecord): TransactItem[] {
      return [
        {
          Put: {
            TableName: tableName,
            Item: { pk: keys.orderPartition(tenantId, orderId), sk: keys.ratingSk(), ...rating },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        summaryAdd(keys.tenantRatings(tenantId), rating.stars),
        ...(rating.workerId ? [summaryAdd(keys.workerRatings(tenantId, rating.workerId), rating.stars)] : []),
      ];
    },

    enterpriseSummary: (tenantId: string) => read(keys.tenantRatings(tenantId)),

    /** The worker's ratings on this enterprise's orders only (another enterprise's are its own). */
    workerSummary: (tenantId: string, workerId: string) => read(keys.workerRatings(tenantId, workerId)),
  };
}
