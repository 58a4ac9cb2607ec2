/**
 * Per-file test tables in the shared DynamoDB Local, created from what the CDK app
 * synthesizes for the stateful stack (via the local platform's template reader), so
 * tests run against the deployed table shape, never a hand-written copy. The synthesis runs
 * once per run, in the integration project's global setup (deployed-shape.ts); files read
 * its result with inject('testTable') instead of each importing aws-cdk-lib to make it again.
 */
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../../local/dynamodb/create-tables';
import type { LocalTable } from '../../local/topology';
import { createDocumentClient, type StoreContext } from '../../shared/store/client';

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The table as the stateful stack defines it (synthesized once per run by the global setup). */
export function synthesizedTable(): LocalTable {
  return inject('testTable');
}

export function dynamoClient(): DynamoDBClient {
  return new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: TEST_REGION, credentials: TEST_CREDENTIALS });
}

/** A fresh, empty table with the app's shape, and a store bound to it. */
export async function createTestStore(): Promise<StoreContext & { client: DynamoDBClient }> {
  const client = dynamoClient();
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, synthesizedTable(), tableName);
  return { client, doc: createDocumentClient(client), tableName };
}

/**
 * Every item of a test table (a Scan: tests only, no access pattern scans), or only those
 * whose partition key begins with one of `pkPrefixes`. The prefixes are a filter DynamoDB
 * applies before answering: the scan still reads every item, but a check of a few items in
 * a table a whole file has filled no longer ships the table (two files sent ~35 MB each per
 * run through the SDK and DynamoDB Local's JSON writer for their prefix filters).
 */
export async function scanItems(store: StoreContext, pkPrefixes: readonly string[] = []): Promise<Record<string, unknown>[]> {
  const filter = pkPrefixes.length
    ? {
        FilterExpression: pkPrefixes.map((_, i) => `begins_with(pk, :p${i})`).join(' OR '),
        ExpressionAttributeValues: Object.fromEntries(pkPrefixes.map((prefix, i) => [`:p${i}`, prefix])),
      }
    : {};
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await store.doc.send(new ScanCommand({ TableName: store.tableName, ExclusiveStartKey: start, ConsistentRead: true, ...filter }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
