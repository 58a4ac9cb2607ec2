/**
 * Per-file test tables in the shared DynamoDB Local, created from what the CDK app
 * synthesizes for the stateful stack (via the local platform's template reader), so
 * tests run against the deployed table shape, never a hand-written copy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { App } from 'aws-cdk-lib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { stageConfig } from '../../infra/config';
import { StatefulStack } from '../../infra/stacks/stateful-stack';
import { ensureTable } from '../../local/dynamodb/create-tables';
import { readTopology } from '../../local/template';
import type { LocalTable } from '../../local/topology';
import { createDocumentClient, type StoreContext } from '../../shared/store/client';

export const TEST_REGION = 'us-east-1';
export const TEST_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

let tableShape: LocalTable | undefined;

/** The table as the stateful stack defines it (synthesized once per test file; no assets, so it is quick). */
export function synthesizedTable(): LocalTable {
  if (tableShape) return tableShape;
  const outdir = mkdtempSync(join(tmpdir(), 'anxin-synth-'));
  try {
    const app = new App({ outdir });
    new StatefulStack(app, 'Anxin-test-Stateful', { config: stageConfig('dev') });
    app.synth();
    const topology = readTopology({ cdkOutDir: outdir, region: TEST_REGION, accountId: '000000000000', sqsEndpoint: 'http://127.0.0.1:9' });
    const table = topology.tables[0];
    if (!table) throw new Error('the stateful stack synthesized no table');
    tableShape = table;
    return table;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
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
