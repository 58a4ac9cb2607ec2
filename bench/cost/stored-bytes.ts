/**
 * What the table holds, in the bytes DynamoDB bills storage on: every item's size by AWS's
 * rules plus 100 bytes of overhead, and the same for each entry a global secondary index
 * keeps of it (its projection). Read straight from DynamoDB Local (never through the
 * meter); the cost phase takes it before and after a command's run, so the difference is
 * what the commands left behind.
 */
import { DescribeTableCommand, ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { itemSize, type TableShape, type WireItem } from '../../local/metering';
import { indexEntry } from '../../local/metering/dynamodb-capacity';

const ITEM_OVERHEAD_BYTES = 100;

export async function storedBytes(client: DynamoDBClient, tableName: string): Promise<number> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  const key = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) => ({
    hashKey: schema?.find((k) => k.KeyType === 'HASH')?.AttributeName ?? '',
    rangeKey: schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName,
  });
  const shape: TableShape = {
    name: tableName,
    ...key(Table?.KeySchema),
    indexes: (Table?.GlobalSecondaryIndexes ?? []).map((g) => ({
      name: g.IndexName ?? '',
      ...key(g.KeySchema),
      projection: (g.Projection?.ProjectionType ?? 'ALL') as 'ALL' | 'KEYS_ONLY' | 'INCLUDE',
      nonKeyAttributes: g.Projection?.NonKeyAttributes,
    })),
  };
  let bytes = 0;
  let start: Record<string, any> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const raw of page.Items ?? []) {
      const item = raw as unknown as WireItem;
      bytes += itemSize(item) + ITEM_OVERHEAD_BYTES;
      for (const index of shape.indexes) {
        const entry = indexEntry(shape, index, item);
        if (entry) bytes += itemSize(entry) + ITEM_OVERHEAD_BYTES;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return bytes;
}
