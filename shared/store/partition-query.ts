/**
 * Every item of one partition whose sort key starts with a prefix (a trace, a roster, a
 * worker's history), in sort-key order, following DynamoDB's pages to the end. Strongly
 * consistent: callers decide rules on what it returns, or verify a chain with it.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';

export async function queryPartition({ doc, tableName }: StoreContext, pk: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
