/**
 * One page of a GSI list, newest first, keyed by an immutable sort key that ends with the
 * item's id. The cursor is that sort key alone: the start item's table keys are rebuilt
 * from the caller's tenant, so a forged cursor cannot leave the tenant.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from './client';

export interface IndexRef {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export async function queryIndexPage(
  { doc, tableName }: StoreContext,
  args: {
    index: IndexRef;
    pk: string;
    limit: number;
    afterSk?: string;
    /** The table keys of the item whose id ends the sort key. */
    tableKeysOf: (id: string) => Record<string, string>;
  },
): Promise<{ items: Record<string, unknown>[]; nextSk?: string }> {
  const { index, pk, afterSk } = args;
  const exclusiveStart = afterSk
    ? { ...args.tableKeysOf(afterSk.split('#').at(-1)!), [index.partitionKey]: pk, [index.sortKey]: afterSk }
    : undefined;
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey },
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: args.limit,
      ExclusiveStartKey: exclusiveStart,
    }),
  );
  const last = out.LastEvaluatedKey;
  return { items: out.Items ?? [], nextSk: last ? String(last[index.sortKey]) : undefined };
}
