/**
 * The DynamoDB metering proxy end to end: real SDK calls through the proxy to the test
 * run's DynamoDB Local, and the capacity it charges, worked out by hand per call.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dynamoDbMeter } from '../../local/metering/dynamodb-proxy';
import { startProxy, type RunningProxy } from '../../local/metering/http-proxy';
import { emptyUsage, sum } from '../../local/metering/usage';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const table = `metering-${randomUUID()}`;
const usage = emptyUsage();
let proxy: RunningProxy;
let direct: DynamoDBClient;
let metered: DynamoDBClient;
let doc: DynamoDBDocumentClient;

// `small`: the same writes as if every item were under 1 KB (one unit per item and index entry, ×2 in a transaction).
const snapshot = () => ({ wru: sum(usage.dynamodb.tableWru), index: { ...usage.dynamodb.indexWru }, small: usage.dynamodb.wruUnderOneKb, rru: sum(usage.dynamodb.rru) });

beforeAll(async () => {
  direct = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials });
  await direct.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'gpk', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [{ AttributeName: 'gpk', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    }),
  );
  proxy = await startProxy({ target: inject('dynamodbEndpoint'), handle: dynamoDbMeter(() => usage.dynamodb) });
  metered = new DynamoDBClient({ endpoint: proxy.endpoint, region: 'us-east-1', credentials });
  doc = DynamoDBDocumentClient.from(metered);
});

afterAll(async () => {
  metered?.destroy();
  await proxy?.close();
  await direct?.send(new DeleteTableCommand({ TableName: table })).catch(() => undefined);
  direct?.destroy();
});

describe('DynamoDB metering proxy', () => {
  it('charges a put by item size and writes the index the item has keys for', async () => {
    await doc.send(new PutCommand({ TableName: table, Item: { pk: 'a', sk: '1', gpk: 'x', body: 'y'.repeat(1500) } }));
    // ~1.5 KB: 2 WRU on the table, 2 on the ALL-projected index.
    expect(snapshot()).toEqual({ wru: 2, index: { gsi: 2 }, small: 2, rru: 0 });
  });

  it('charges an update by the larger image and moves the index entry (delete + put) when its key changes', async () => {
    await doc.send(new UpdateCommand({ TableName: table, Key: { pk: 'a', sk: '1' }, UpdateExpression: 'SET gpk = :g, body = :b', ExpressionAttributeValues: { ':g': 'z', ':b': 'small' } }));
    // Before ~1.5 KB, after a few bytes: 2 WRU; index: delete old entry (2) + put new one (1).
    expect(snapshot()).toEqual({ wru: 4, index: { gsi: 5 }, small: 2 + 3, rru: 0 });
  });

  it('charges transactions double, and failed conditional writes on the table only', async () => {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: 'b', sk: '1', n: 1 } } },
          { Put: { TableName: table, Item: { pk: 'b', sk: '2', n: 2 } } },
        ],
      }),
    );
    expect(snapshot().wru).toBe(4 + 2 * 2);
    await expect(doc.send(new PutCommand({ TableName: table, Item: { pk: 'b', sk: '1', gpk: 'q' }, ConditionExpression: 'attribute_not_exists(pk)' }))).rejects.toThrow();
    expect(snapshot()).toEqual({ wru: 9, index: { gsi: 5 }, small: 5 + 4 + 1, rru: 0 });
  });

  it('charges reads by consistency, and projected queries by the whole items read', async () => {
    await doc.send(new GetCommand({ TableName: table, Key: { pk: 'b', sk: '1' } }));
    await doc.send(new GetCommand({ TableName: table, Key: { pk: 'b', sk: '1' }, ConsistentRead: true }));
    expect(snapshot().rru).toBe(0.5 + 1);
    // Written around the proxy (not counted).
    const unmetered = DynamoDBDocumentClient.from(direct);
    for (const sk of ['1', '2', '3']) await unmetered.send(new PutCommand({ TableName: table, Item: { pk: 'c', sk, body: 'z'.repeat(2000) } }));
    await doc.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'c' }, ProjectionExpression: 'sk' }));
    // 3 × ~2 KB read (not the few bytes returned): ceil(~6 KB / 4 KB) = 2, eventually consistent = 1.
    expect(snapshot().rru).toBe(1.5 + 1);
    expect(usage.dynamodb.calls).toEqual({ PutItem: 2, UpdateItem: 1, TransactWriteItems: 1, GetItem: 2, Query: 1 });
    expect(usage.dynamodb.unmetered).toBe(0);
  });
});
