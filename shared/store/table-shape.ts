/**
 * The single table's key schema, owned by the store layer and used by the CDK app
 * (infra/stacks/stateful-stack.ts) to declare the table: the code that writes keys and
 * the infrastructure that defines them read the same constants.
 *
 * Every GSI projects KEYS_ONLY. DynamoDB writes an index entry whenever a projected
 * attribute changes: with ALL, each order transition would rewrite the ~1.3 KB order in
 * gsi1 and move it in gsi2 (delete + put); with keys only, an update that keeps an item's
 * index keys costs no index write, and one that changes them (a status) writes small
 * entries. The lists pay instead: Query the index for a page of keys, then BatchGetItem
 * the items (index-page.ts).
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'KEYS_ONLY' },
  gsi2: { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'KEYS_ONLY' },
  gsi3: { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'KEYS_ONLY' },
  gsi4: { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'KEYS_ONLY' },
  gsi5: { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: 'KEYS_ONLY' },
  ttlAttribute: 'expiresAt',
} as const;

export const GSIS = [TABLE_KEYS.gsi1, TABLE_KEYS.gsi2, TABLE_KEYS.gsi3, TABLE_KEYS.gsi4, TABLE_KEYS.gsi5] as const;
