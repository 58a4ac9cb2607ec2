/**
 * The run's e2e platforms share one DynamoDB Local, each in a database of its own
 * (local/dynamodb/database-proxy.ts). Two platforms' proxies must never see each other's
 * tables, whatever key and region their callers sign with.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, PutItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { databaseNameFor, startDatabaseProxy } from '../../local/dynamodb/database-proxy';
import type { RunningProxy } from '../../local/metering/http-proxy';

const proxies: RunningProxy[] = [];
const clients: DynamoDBClient[] = [];
let a: RunningProxy;
let b: RunningProxy;

function client(endpoint: string, accessKeyId: string, region: string): DynamoDBClient {
  const c = new DynamoDBClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey: 'x' } });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  const endpoint = inject('sharedDynamodbEndpoint');
  const run = `${process.pid}${Date.now()}`;
  a = await startDatabaseProxy({ endpoint, database: databaseNameFor(`/data/a-${run}`) });
  b = await startDatabaseProxy({ endpoint, database: databaseNameFor(`/data/b-${run}`) });
  proxies.push(a, b);
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  for (const p of proxies) await p.close();
});

describe('one DynamoDB Local, a database per platform', () => {
  it('keeps each proxy in its own database, whatever key id and region its callers sign with', async () => {
    await client(a.endpoint, 'local', 'us-east-1').send(
      new CreateTableCommand({
        TableName: 'anxin',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // A function signing with its role's key, in another region: the same database.
    const asFunction = client(a.endpoint, 'ASIAFUNCTIONKEY1', 'cn-northwest-1');
    await asFunction.send(new PutItemCommand({ TableName: 'anxin', Item: { pk: { S: 'order-1' } } }));
    expect((await client(a.endpoint, 'other', 'eu-west-1').send(new GetItemCommand({ TableName: 'anxin', Key: { pk: { S: 'order-1' } } }))).Item).toEqual({ pk: { S: 'order-1' } });
    // The other platform sees no table at all.
    expect((await client(b.endpoint, 'local', 'us-east-1').send(new ListTablesCommand({}))).TableNames).toEqual([]);
    expect((await client(a.endpoint, 'local', 'us-east-1').send(new ListTablesCommand({}))).TableNames).toEqual(['anxin']);
  });

  it('names a database after its data directory, in the letters and digits DynamoDB Local accepts', () => {
    expect(databaseNameFor('/tmp/anxin-e2e-x')).toBe(databaseNameFor('/tmp/anxin-e2e-x'));
    expect(databaseNameFor('/tmp/anxin-e2e-x')).not.toBe(databaseNameFor('/tmp/anxin-e2e-y'));
    expect(databaseNameFor('/tmp/anxin-e2e-x')).toMatch(/^[A-Za-z0-9]+$/);
    expect(() => startDatabaseProxy({ endpoint: 'http://127.0.0.1:1', database: 'not-valid' })).toThrow(/letters and digits/);
  });
});
