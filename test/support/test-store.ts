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
