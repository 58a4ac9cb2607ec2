/**
 * End to end on the local platform, over HTTP as a partner would: the printed walkthrough,
 * API Gateway's auth answers, roles, tenant isolation, idempotency, the trace — and the
 * AWS CLI against the local endpoints.
 */
import { conformingFetch } from '../support/openapi-conformance';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { keys as tableKeys } from '../../shared/store/keys';
import { walkthrough } from '../../local/walkthrough';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { validOrder } from '../support/fixtures';
import { AWS_CLI } from '../support/aws-cli';

const run = promisify(execFile);

let platform: TestPlatform;
let enterpriseKey: string;
let otherEnterpriseKey: string;
let insurerKey: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  enterpriseKey = platform.keys.enterprise;
  const other = await createTenant(platform.store, { name: '另一家家政公司', role: 'enterprise' });
  otherEnterpriseKey = (await createKey(platform.store, other.tenantId)).apiKey;
  const insurer = await createTenant(platform.store, { name: '某保险公司', role: 'insurer' });
  insurerKey = (await createKey(platform.store, insurer.tenantId)).apiKey;
});
afterAll(async () => {
  await platform?.close();
});

function api(path: string, init: { method?: string; key?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  return conformingFetch(`${platform.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
const getJson = async (path: string, key?: string): Promise<any> => (await api(path, { key })).json();

async function postOrder(key: string, idempotencyKey: string, body: unknown = validOrder()) {
  const res = await api('/v1/orders', { method: 'POST', key, body, headers: { 'idempotency-key': idempotencyKey } });
  return { status: res.status, body: (await res.json()) as Record<string, string>, headers: res.headers };
}

const applied = (key: string, eventId: string) =>
  eventually(async () => {
    const event = (await (await api(`/v1/events/${eventId}`, { key })).json()) as { status: string };
    return event.status === 'accepted' ? undefined : event;
  }, 30_000, `event ${eventId} to settle`);

describe('the printed walkthrough', () => {
  it('works exactly as printed', async () => {
    const script = walkthrough(platform.apiUrl, enterpriseKey);
    // Asynchronously: the platform runs in this process and must keep serving meanwhile.
    const { stdout: output } = await run('bash', ['-c', script], { encoding: 'utf8', timeout: 60_000 });
    const lines = output.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ status: 'accepted' });
    expect(lines[1]).toMatchObject({ status: 'applied', type: 'order.create' });
    expect(lines[2]).toMatchObject({ status: 'CREATED', district: '天河区' });
    expect(lines[3]).toMatchObject({ verification: { valid: true, length: 1 } });
  });
});

describe('orders over HTTP', () => {
  it('accepts, applies and traces an order', async () => {
    const res = await postOrder(enterpriseKey, 'e2e-order-0001');
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/events/${res.body.eventId}`);
    expect(await applied(enterpriseKey, res.body.eventId!)).toMatchObject({ status: 'applied', subjectId: res.body.orderId });
    const order = await getJson(`/v1/orders/${res.body.orderId}`, enterpriseKey);
    expect(order).toMatchObject({ orderId: res.body.orderId, status: 'CREATED', version: 1 });
    const trace = await getJson(`/v1/orders/${res.body.orderId}/trace`, enterpriseKey);
    expect(trace.verification).toEqual({ valid: true, length: 1 });
    const list = await getJson('/v1/orders?status=CREATED&limit=100', enterpriseKey);
    expect(list.items.map((o: { orderId: string }) => o.orderId)).toContain(res.body.orderId);
  });

  it('publishes a CloudEvent for the applied order on the event bus, with the event id as its id', async () => {
    const res = await postOrder(enterpriseKey, 'e2e-order-event-1');
    await applied(enterpriseKey, res.body.eventId!);
    const published = await eventually(async () => {
      const recent = (await (await fetch(`${platform.eventsEndpoint}/_anxin/events?bus=anxin-dev-events`)).json()) as {
        events: { event: { 'detail-type': string; detail: Record<string, unknown> } }[];
      };
      return recent.events.find((e) => e.event.detail.id === res.body.eventId);
    }, 30_000, 'the order event on the bus');
    expect(published.event['detail-type']).toBe('cn.anxin.order.created.v1');
    expect(published.event.detail).toMatchObject({ specversion: '1.0', subject: res.body.orderId, type: 'cn.anxin.order.created.v1' });
    expect(JSON.stringify(published.event.detail)).not.toContain('hh-10086');
  });

  it('replays the same answer for a retried request and applies it once', async () => {
    const first = await postOrder(enterpriseKey, 'e2e-order-0002');
    const second = await postOrder(enterpriseKey, 'e2e-order-0002');
    expect(second).toMatchObject({ status: 202, body: first.body });
    await applied(enterpriseKey, first.body.eventId!);
    const trace = await getJson(`/v1/orders/${first.body.orderId}/trace`, enterpriseKey);
    expect(trace.entries).toHaveLength(1);
    const conflict = await postOrder(enterpriseKey, 'e2e-order-0002', validOrder({ district: '番禺区' }));
    expect(conflict.status).toBe(422);
  });

  it("answers API Gateway's 401 without a key and 403 for a wrong one", async () => {
    const none = await api('/v1/orders');
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ message: 'Unauthorized' });
    const wrong = await api('/v1/orders', { key: enterpriseKey.slice(0, -2) + (enterpriseKey.endsWith('AA') ? 'BB' : 'AA') });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ message: 'Forbidden' });
  });

  it('answers what no route matches with a problem+json 404, with or without a key (the $default route)', async () => {
    const cases: [string, string, string | undefined][] = [
      ['GET', '/nowhere', undefined],
      // A path parameter that decodes to hold a slash has one segment too many for its route.
      ['GET', '/v1/orders/a%2Fb', enterpriseKey],
      ['GET', '/v1/orders/a%2Fb/trace', undefined],
      ['PATCH', '/v1/orders', enterpriseKey],
    ];
    for (const [method, path, key] of cases) {
      const res = await api(path, { method, key });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
    }
    // A route that exists still wants its key: the catch-all is only what nothing else matches.
    expect((await api('/v1/orders')).status).toBe(401);
  });

  it('refuses order creation to an insurer (403, problem+json)', async () => {
    const res = await postOrder(insurerKey, 'e2e-insurer-0001');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ type: '/problems/forbidden', status: 403 });
  });

  it("keeps another tenant's order, trace and event invisible (404)", async () => {
    const mine = await postOrder(enterpriseKey, 'e2e-order-0003');
    await applied(enterpriseKey, mine.body.eventId!);
    for (const path of [`/v1/orders/${mine.body.orderId}`, `/v1/orders/${mine.body.orderId}/trace`, `/v1/events/${mine.body.eventId}`]) {
      const res = await api(path, { key: otherEnterpriseKey });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const list = await getJson('/v1/orders?limit=100', otherEnterpriseKey);
    expect(list.items).toEqual([]);
  });

  it('reports exactly which trace entry was edited behind its back', async () => {
    const res = await postOrder(enterpriseKey, 'e2e-order-0004');
    await applied(enterpriseKey, res.body.eventId!);
    const { tenants } = JSON.parse(readFileSync(`${platform.dataDir}/local.json`, 'utf8')) as { tenants: { enterprise: string } };
    await platform.store.doc.send(
      new UpdateCommand({
        TableName: platform.store.tableName,
        Key: { pk: tableKeys.orderPartition(tenants.enterprise, res.body.orderId!), sk: tableKeys.traceSk(1) },
        UpdateExpression: 'SET #t = :t',
        ExpressionAttributeNames: { '#t': 'type' },
        ExpressionAttributeValues: { ':t': 'order.cancel' },
      }),
    );
    const trace = await getJson(`/v1/orders/${res.body.orderId}/trace`, enterpriseKey);
    expect(trace.verification).toMatchObject({ valid: false, brokenAt: 1 });
  });
});

describe('the AWS CLI against the local endpoints', () => {
  const hasAws = AWS_CLI !== undefined;
  const aws = async (...args: string[]) =>
    (
      await run(AWS_CLI!, [...args, '--region', 'us-east-1', '--output', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_PAGER: '' },
        timeout: 30_000,
      })
    ).stdout;

  it.skipIf(!hasAws)('lists, sends and receives on the queues and scans the table', async () => {
    const sqs = ['--endpoint-url', platform.sqsEndpoint];
    const queues = JSON.parse(await aws('sqs', 'list-queues', ...sqs)).QueueUrls as string[];
    expect(queues.map((u) => u.split('/').at(-1)).sort()).toEqual(platform.topology.queues.map((q) => q.queueName).sort());
    // A queue no function consumes (a DLQ), so what we send stays there to be received.
    const { queues: all, eventSourceMappings } = platform.topology;
    const idle = all.find((q) => q.fifo && !eventSourceMappings.some((m) => m.queueLogicalId === q.logicalId))!;
    const url = queues.find((u) => u.endsWith(`/${idle.queueName}`))!;
    expect(url.startsWith(platform.sqsEndpoint)).toBe(true);
    await aws('sqs', 'send-message', ...sqs, '--queue-url', url, '--message-body', '{"hello":"anxin"}', '--message-group-id', 'g1', '--message-deduplication-id', 'd1');
    const received = JSON.parse(await aws('sqs', 'receive-message', ...sqs, '--queue-url', url, '--wait-time-seconds', '2'));
    expect(received.Messages[0].Body).toBe('{"hello":"anxin"}');
    await aws('sqs', 'delete-message', ...sqs, '--queue-url', url, '--receipt-handle', received.Messages[0].ReceiptHandle);
    const scan = JSON.parse(await aws('dynamodb', 'scan', '--endpoint-url', platform.dynamodbEndpoint, '--table-name', platform.store.tableName, '--select', 'COUNT'));
    expect(scan.Count).toBeGreaterThan(0);
  });
});
