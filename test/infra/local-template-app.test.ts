/**
 * local/template on the REAL app: reads the assembly the global setup synthesized with
 * local/synth.ts (stage dev, exactly as the local platform does) and checks the topology the rest of local/
 * will run: the domain queues with their DLQs, the table, the bundles, the orders
 * consumer's event-source mapping, and the HTTP API routes behind the authorizer.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readTopology } from '../../local/template';
import type { Topology } from '../../local/topology';

const SQS = 'http://127.0.0.1:9324';
const outdir = inject('anxinCloudAssembly');
let topology: Topology;

beforeAll(() => {
  topology = readTopology({ cdkOutDir: outdir, stage: 'dev', region: 'us-east-1', accountId: '000000000000', sqsEndpoint: SQS });
});

const queueNamed = (domain: string) => topology.queues.find((q) => q.queueName === `anxin-dev-${domain}.fifo`);

describe('the synthesized Anxin app, read as a local topology', () => {
  it.each(['orders', 'training', 'claims'])('has the %s FIFO queue with its DLQ', (domain) => {
    const queue = queueNamed(domain);
    expect(queue, `${domain} queue`).toBeDefined();
    expect(queue).toMatchObject({ fifo: true, url: `${SQS}/000000000000/anxin-dev-${domain}.fifo` });
    const dlq = topology.queues.find((q) => q.arn === queue!.redrive?.deadLetterTargetArn);
    expect(dlq, `${domain} DLQ`).toBeDefined();
    expect(dlq!.fifo).toBe(true);
    // DESIGN: DLQ with maxReceiveCount >= 5.
    expect(queue!.redrive!.maxReceiveCount).toBeGreaterThanOrEqual(5);
  });

  it('has the table with its GSIs and TTL', () => {
    expect(topology.tables).toHaveLength(1);
    const table = topology.tables[0]!;
    expect(table.tableName).toBe('anxin-dev-table');
    expect(table.keySchema.map((k) => k.KeyType)).toEqual(['HASH', 'RANGE']);
    expect(table.globalSecondaryIndexes.length).toBeGreaterThan(0);
    for (const gsi of table.globalSecondaryIndexes) {
      for (const key of gsi.KeySchema) {
        expect(table.attributeDefinitions.map((a) => a.AttributeName)).toContain(key.AttributeName);
      }
    }
    expect(table.ttlAttribute).toBeTruthy();
  });

  it('has every function with a bundle directory holding index.mjs and a Node.js runtime', () => {
    expect(topology.functions.length).toBeGreaterThan(3);
    for (const fn of topology.functions) {
      expect(fn.bundleDir.startsWith(outdir), fn.logicalId).toBe(true);
      expect(existsSync(path.join(fn.bundleDir, 'index.mjs')), `${fn.logicalId} index.mjs`).toBe(true);
      expect(fn.handler).toBe('index.handler');
      expect(fn.runtime).toMatch(/^nodejs/);
      // Environment values are resolved strings: no unresolved intrinsics left.
      for (const value of Object.values(fn.environment)) expect(value).not.toMatch(/Fn::|"Ref"|\$\{Token/);
      if ('TABLE_NAME' in fn.environment) expect(fn.environment.TABLE_NAME).toBe('anxin-dev-table');
    }
    const create = topology.functions.find((f) => 'ORDERS_QUEUE_URL' in f.environment);
    expect(create?.environment.ORDERS_QUEUE_URL).toBe(queueNamed('orders')!.url);
  });

  it('has the orders consumer event-source mapping with partial batch responses', () => {
    const orders = queueNamed('orders')!;
    const mapping = topology.eventSourceMappings.find((m) => m.queueLogicalId === orders.logicalId);
    expect(mapping).toBeDefined();
    expect(mapping).toMatchObject({ reportBatchItemFailures: true, enabled: true });
    expect(mapping!.batchSize).toBeLessThanOrEqual(10);
    const consumer = topology.functions.find((f) => f.logicalId === mapping!.functionLogicalId)!;
    expect(consumer).toBeDefined();
    // DESIGN: visibility timeout >= 6x the consumer's timeout.
    expect(orders.visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * consumer.timeoutSeconds);
  });

  it('has the HTTP API routes behind the Lambda authorizer', () => {
    expect(topology.httpApis).toHaveLength(1);
    const api = topology.httpApis[0]!;
    const routeKeys = api.routes.map((r) => r.routeKey);
    expect(routeKeys).toEqual(expect.arrayContaining(['POST /v1/orders', 'GET /v1/orders/{orderId}']));
    expect(api.authorizers).toHaveLength(1);
    const authorizer = api.authorizers[0]!;
    expect(topology.functions.map((f) => f.logicalId)).toContain(authorizer.functionLogicalId);
    expect(authorizer.identitySource.length).toBeGreaterThan(0);
    expect(authorizer.payloadFormatVersion).toBe('2.0');
    for (const route of api.routes.filter((r) => r.routeKey.startsWith('POST /v1/orders'))) {
      expect(route).toMatchObject({ authorizationType: 'CUSTOM', authorizerLogicalId: authorizer.logicalId, payloadFormatVersion: '2.0' });
    }
    for (const route of api.routes) {
      expect(topology.functions.map((f) => f.logicalId), route.routeKey).toContain(route.functionLogicalId);
    }
  });

  it('has the domain event bus, and the orders consumer publishes to it by name (EVENT_BUS_NAME)', () => {
    expect(topology.eventBuses.map((b) => b.name)).toEqual(['anxin-dev-events']);
    const consumer = topology.functions.find((f) => f.environment.POWERTOOLS_SERVICE_NAME === 'orders-consumer');
    expect(consumer?.environment.EVENT_BUS_NAME).toBe('anxin-dev-events');
    // Every pattern rule, if any, targets queues and functions of the app on a bus that exists.
    for (const rule of topology.eventRules) expect(['default', 'anxin-dev-events']).toContain(rule.busName);
  });

  it('has schedules, if any, that target functions of the app', () => {
    for (const schedule of topology.schedules) {
      expect(topology.functions.map((f) => f.logicalId)).toContain(schedule.functionLogicalId);
      expect(schedule.scheduleExpression).toMatch(/^(rate|cron)\(/);
    }
  });

  it('has the personal-data keys for the local KMS endpoint: symmetric + HMAC_256, with their aliases', () => {
    const byAlias = (alias: string) => topology.keys.find((k) => k.aliases.includes(alias));
    expect(byAlias('alias/anxin-dev-personal-data')).toMatchObject({ keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', enabled: true });
    expect(byAlias('alias/anxin-dev-personal-data-hmac')).toMatchObject({ keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', enabled: true });
  });
});
