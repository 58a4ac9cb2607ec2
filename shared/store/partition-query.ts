/**
 * Every item of one partition whose sort key starts with a prefix (a trace, a roster, a
 * worker's history) or lies in a range (months of counters), in sort-key order, following
 * DynamoDB's pages to the end.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';

async function queryAll(
  { doc, tableName }: StoreContext,
  condition: { KeyConditionExpression: string; ExpressionAttributeValues: Record<string, unknown>; ConsistentRead: boolean },
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new QueryCommand({ TableName: tableName, ...condition, ExclusiveStartKey: start }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Strongly consistent: callers decide rules on what it returns, or verify a chain with it. */
export function queryPartition(store: StoreContext, pk: string, prefix: string): Promise<Record<string, unknown>[]> {
  return queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });
}

/** Sort keys from `fromSk` to `toSk`, both included. Eventually consistent: for reports, not for decisions. */
export function queryPartitionBetween(store: StoreContext, pk: string, fromSk: string, toSk: string): Promise<Record<string, unknown>[]> {
  return queryAll(store, {
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': pk, ':from': fromSk, ':to': toSk },
    ConsistentRead: false,
  });
}

/** The whole partition. Eventually consistent: for lists people read. */
export function queryWholePartition(store: StoreContext, pk: string): Promise<Record<string, unknown>[]> {
  return queryAll(store, { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: false });
}
