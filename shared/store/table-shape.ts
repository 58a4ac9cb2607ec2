/**
 * The single table's key schema, owned by the store layer and used by the CDK app
 * (infra/stacks/stateful-stack.ts) to declare the table: the code that writes keys and
 * the infrastructure that defines them read the same constants.
 */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1: { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  gsi2: { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ttlAttribute: 'expiresAt',
} as const;
