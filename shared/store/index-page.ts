/**
 * The lists: a GSI read, then the items themselves. Every GSI projects KEYS_ONLY
 * (table-shape.ts), so an update that does not change an item's index keys costs no index
 * write; a list pays instead with one BatchGetItem for the page's items (batch-get.ts),
 * answered in the index's order.
 *
 * An item that was deleted, or that left the list (its status changed, so its index key
 * did), between the Query and the BatchGetItem is skipped: a list shows items as they are
 * now, and a page may hold fewer items than `limit` while a cursor still follows.
 *
 * A page is newest first, keyed by an immutable sort key that ends with the item's id. The
 * cursor is that sort key alone: the start item's table keys are rebuilt from the caller's
 * tenant, so a forged cursor cannot leave the tenant.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetInOrder } from './batch-get';
import type { StoreContext } from './client';

export interface IndexRef {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

type Item = Record<string, unknown>;

export async function queryIndexPage(
  store: StoreContext,
  args: {
    index: IndexRef;
    pk: string;
    limit: number;
    afterSk?: string;
    /** Inclusive bounds on the sort key; none: the whole partition. */
    between?: { lower: string; upper: string };
    /** The table keys of the item whose id ends the sort key. */
    tableKeysOf: (id: string) => Record<string, string>;
  },
): Promise<{ items: Item[]; nextSk?: string }> {
  const { index, pk, afterSk, between } = args;
  const exclusiveStart = afterSk
    ? { ...args.tableKeysOf(afterSk.split('#').at(-1)!), [index.partitionKey]: pk, [index.sortKey]: afterSk }
    : undefined;
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      IndexName: index.indexName,
      KeyConditionExpression: between ? '#pk = :pk AND #sk BETWEEN :lower AND :upper' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': index.partitionKey, ...(between ? { '#sk': index.sortKey } : {}) },
      ExpressionAttributeValues: { ':pk': pk, ...(between ? { ':lower': between.lower, ':upper': between.upper } : {}) },
      ScanIndexForward: false,
      Limit: args.limit,
      ExclusiveStartKey: exclusiveStart,
    }),
  );
  const last = out.LastEvaluatedKey;
  return { items: await itemsOf(store, index, pk, out.Items ?? []), nextSk: last ? String(last[index.sortKey]) : undefined };
}

/** Every item of an index partition, oldest first (short admin lists: tenants, a tenant's keys). */
export async function queryIndexAll(store: StoreContext, args: { index: IndexRef; pk: string }): Promise<Item[]> {
  const { index, pk } = args;
  const rows: Item[] = [];
  let start: Item | undefined;
  do {
    const out = await store.doc.send(
      new QueryCommand({
        TableName: store.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: start,
      }),
    );
    rows.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return itemsOf(store, index, pk, rows);
}

/** The items the index rows point at, in the rows' order, still where the index said they were. */
async function itemsOf(store: StoreContext, index: IndexRef, pk: string, rows: Item[]): Promise<Item[]> {
  // Every index row carries the item's table keys, whatever the projection.
  const items = await batchGetInOrder(store, rows.map((row) => ({ pk: String(row.pk), sk: String(row.sk) })));
  return items.filter(
    (item, i): item is Item => item !== undefined && item[index.partitionKey] === pk && item[index.sortKey] === rows[i][index.sortKey],
  );
}
