/**
 * The single table's key schema, owned by the store layer and used by the CDK app
 * (infra/stacks/stateful-stack.ts) to declare the table: the code that writes keys and
 * the infrastructure that defines them read the same constants.
 *
 * gsi1/gsi2 project ALL (the order lists read whole orders from them); gsi3–gsi5 project
 * KEYS_ONLY: an order update that does not change their keys costs no index write, and
 * their (rarer) list queries fetch the orders with BatchGetItem.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
  gsi2: { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' },
  gsi3: { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'KEYS_ONLY' },
  gsi4: { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk', projection: 'KEYS_ONLY' },
  gsi5: { indexName: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: 'KEYS_ONLY' },
  ttlAttribute: 'expiresAt',
} as const;

export const GSIS = [TABLE_KEYS.gsi1, TABLE_KEYS.gsi2, TABLE_KEYS.gsi3, TABLE_KEYS.gsi4, TABLE_KEYS.gsi5] as const;
