/**
 * The route handlers and the authorizer, invoked with API Gateway payload 2.0 events,
 * against DynamoDB Local and the local SQS endpoint: roles, tenant isolation, listing,
 * problem details, and a fuzz of the create route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import type { Caller } from '../../shared/auth/roles';
import type { HttpEvent, HttpResult } from '../../shared/lib/http';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { tenantsRepository } from '../../shared/store/tenants-repository';
import type { StoreContext } from '../../shared/store/client';
import { apiEvent, lambdaContext } from '../support/api-event';
import { registerTestStation } from '../support/stations';
import { createTestStore } from '../support/test-store';
import { startTestQueue, toRecord, type TestQueue } from '../support/sqs';
import { validOrder } from '../support/fixtures';
import { startTestEventBridge, type TestEventBridge } from '../support/eventbridge';
import { handlerEnv } from '../support/route-harness';
import { startTestKms } from '../support/kms';
import type { KmsServer } from '../../local/kms';

type Handler = (event: HttpEvent, context: typeof lambdaContext) => Promise<HttpResult>;

let store: StoreContext;
let queue: TestQueue;
let bus: TestEventBridge;
let kms: KmsServer;
const h = {} as Record<'create' | 'get' | 'list' | 'trace' | 'event', Handler>;
let consume: (event: SQSEvent, context: typeof lambdaContext) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
let authorize: (event: unknown) => Promise<{ isAuthorized: boolean; context?: Record<string, string> }>;

const A: Caller = { tenantId: 'ten_01JTENANTAAAAAAAAAAAAAAAAA', role: 'enterprise', keyId: 'key_a' };
const B: Caller = { tenantId: 'ten_01JTENANTBBBBBBBBBBBBBBBBB', role: 'enterprise', keyId: 'key_b' };

beforeAll(async () => {
  store = await createTestStore();
  // The example order names this station: orders may name active stations only.
  await registerTestStation(store);
  queue = await startTestQueue();
  // The consumer publishes domain events: a local bus with no rules accepts and drops them.
  bus = await startTestEventBridge({ buses: [{ logicalId: 'Bus', name: 'anxin-test-events', arn: 'arn:aws:events:us-east-1:000000000000:event-bus/anxin-test-events' }], rules: [], queues: [] });
  // The list signs its cursors with a key derived from KMS.
  const testKms = await startTestKms();
  kms = testKms.kms;
  Object.assign(process.env, {
    EVENT_BUS_NAME: 'anxin-test-events',
    AWS_ENDPOINT_URL_EVENTBRIDGE: bus.events.endpoint,
    STAGE: 'test',
    ...handlerEnv(store, queue),
    ...testKms.env,
  });
  h.create = (await import('../../functions/http/orders-create')).handler as unknown as Handler;
  h.get = (await import('../../functions/http/orders-get')).handler as unknown as Handler;
  h.list = (await import('../../functions/http/orders-list')).handler as unknown as Handler;
  h.trace = (await import('../../functions/http/orders-trace')).handler as unknown as Handler;
  h.event = (await import('../../functions/http/events-get')).handler as unknown as Handler;
  consume = (await import('../../functions/consumers/orders')).handler as never;
  authorize = (await import('../../functions/authorizer/index')).handler as never;
});
afterAll(async () => {
  await queue?.close();
  await bus?.close();
  await kms?.close();
});

const body = (r: HttpResult) => JSON.parse(r.body ?? 'null');

function post(caller: Caller, order: unknown, key = `k-${Math.random().toString(36).slice(2)}`, headers: Record<string, string> = {}) {
  return h.create(
    apiEvent({
      method: 'POST',
      routeKey: 'POST /v1/orders',
      path: '/v1/orders',
      caller,
      headers: { 'content-type': 'application/json', 'idempotency-key': key, ...headers },
      body: typeof order === 'string' ? order : JSON.stringify(order),
    }),
    lambdaContext,
  );
}

/** Runs the consumer over everything queued, like the event-source mapping would. */
async function consumeAll() {
  const messages = await queue.drain();
  if (messages.length === 0) return;
  const result = await consume({ Records: messages.map((m) => toRecord(m)) }, lambdaContext);
  expect(result.batchItemFailures).toEqual([]);
}

async function createApplied(caller: Caller, order = validOrder()) {
  const res = await post(caller, order);
  expect(res.statusCode).toBe(202);
  await consumeAll();
  return body(res) as { orderId: string; eventId: string };
}

const getOrder = (caller: Caller, orderId: string) =>
  h.get(apiEvent({ method: 'GET', routeKey: 'GET /v1/orders/{orderId}', path: `/v1/orders/${orderId}`, caller, pathParameters: { orderId } }), lambdaContext);
const getTrace = (caller: Caller, orderId: string) =>
  h.trace(apiEvent({ method: 'GET', routeKey: 'GET /v1/orders/{orderId}/trace', path: `/v1/orders/${orderId}/trace`, caller, pathParameters: { orderId } }), lambdaContext);
const getEvent = (caller: Caller, eventId: string) =>
  h.event(apiEvent({ method: 'GET', routeKey: 'GET /v1/events/{eventId}', path: `/v1/events/${eventId}`, caller, pathParameters: { eventId } }), lambdaContext);
const list = (caller: Caller, query: Record<string, string> = {}) =>
  h.list(apiEvent({ method: 'GET', routeKey: 'GET /v1/orders', path: '/v1/orders', caller, query }), lambdaContext);

describe('POST /v1/orders', () => {
  it('answers 202 with ids and a Location, then the event turns applied', async () => {
    const res = await post(A, validOrder());
    expect(res.statusCode).toBe(202);
    const accepted = body(res);
    expect(accepted).toMatchObject({ status: 'accepted', orderId: expect.stringMatching(/^ord_/), eventId: expect.stringMatching(/^evt_/) });
    expect(res.headers?.location).toBe(`/v1/events/${accepted.eventId}`);
    expect(body(await getEvent(A, accepted.eventId))).toMatchObject({ status: 'accepted' });
    await consumeAll();
    expect(body(await getEvent(A, accepted.eventId))).toMatchObject({ status: 'applied', subjectId: accepted.orderId });
    expect(body(await getOrder(A, accepted.orderId))).toMatchObject({ orderId: accepted.orderId, status: 'CREATED', version: 1 });
    const trace = body(await getTrace(A, accepted.orderId));
    expect(trace.verification).toEqual({ valid: true, length: 1 });
  });

  it.each(['insurer', 'training-base', 'admin'] as const)('is forbidden (403) to the %s role', async (role) => {
    const res = await post({ ...A, role }, validOrder());
    expect(res.statusCode).toBe(403);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
  });

  it('requires an Idempotency-Key (400) and JSON (415)', async () => {
    const noKey = await h.create(
      apiEvent({ method: 'POST', routeKey: 'POST /v1/orders', path: '/v1/orders', caller: A, headers: { 'content-type': 'application/json' }, body: JSON.stringify(validOrder()) }),
      lambdaContext,
    );
    expect(noKey.statusCode).toBe(400);
    expect((await post(A, validOrder(), undefined, { 'content-type': 'text/plain' })).statusCode).toBe(415);
  });

  it('answers invalid JSON with 400 and invalid fields with 422 listing each field', async () => {
    expect((await post(A, '{"serviceType":')).statusCode).toBe(400);
    const res = await post(A, { ...validOrder(), mode: 'weekly', extra: true });
    expect(res.statusCode).toBe(422);
    const problem = body(res);
    expect(problem).toMatchObject({ type: '/problems/validation-error', status: 422, title: 'Request failed validation' });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/mode', detail: 'must be one of: hourly, daytime, live_in' },
        { pointer: '/', detail: 'unknown field(s): extra' },
      ]),
    );
  });

  it('answers a district that is not well-formed text with 422 naming it, never a 500', async () => {
    // JSON.stringify writes the lone surrogate as the escape `\ud800`: valid JSON.
    const res = await post(A, JSON.stringify({ ...validOrder(), district: '天河区\ud800' }));
    expect(res.statusCode).toBe(422);
    expect(body(res).errors).toEqual([{ pointer: '/district', detail: 'must be well-formed Unicode text (it holds a lone surrogate)' }]);
  });

  it('refuses an oversized body with 413', async () => {
    const res = await post(A, { ...validOrder(), district: 'x'.repeat(20_000) });
    expect(res.statusCode).toBe(413);
  });

  it('replays the same answer for the same key and refuses the key with another body (422)', async () => {
    const first = await post(A, validOrder(), 'replay-key-001');
    const second = await post(A, validOrder(), 'replay-key-001');
    expect(body(second)).toEqual(body(first));
    const conflict = await post(A, validOrder({ district: '黄埔区' }), 'replay-key-001');
    expect(conflict.statusCode).toBe(422);
    expect(body(conflict).type).toBe('/problems/idempotency-key-reused');
    await consumeAll();
  });

  it('never answers 5xx and stores nothing for random bodies and headers (fuzzed)', async () => {
    await consumeAll();
    const count = async () => (await store.doc.send(new ScanCommand({ TableName: store.tableName, Select: 'COUNT' }))).Count;
    const before = await count();
    const jsonish = fc.oneof(
      fc.json(),
      fc.string(),
      fc.anything().map((v) => { try { return JSON.stringify(v) ?? 'null'; } catch { return '{}'; } }),
      fc.record({ ...Object.fromEntries(Object.keys(validOrder()).map((k) => [k, fc.anything()])) }).map((v) => JSON.stringify(v)),
    );
    const headers = fc.record(
      {
        'content-type': fc.oneof(fc.constant('application/json'), fc.string()),
        'idempotency-key': fc.oneof(fc.string(), fc.constant('fuzz-key-0001')),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(jsonish, headers, async (raw, hdrs) => {
        const res = await h.create(
          apiEvent({ method: 'POST', routeKey: 'POST /v1/orders', path: '/v1/orders', caller: A, headers: hdrs, body: raw }),
          lambdaContext,
        );
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.headers?.['content-type']).toBe('application/problem+json');
        expect(res.body).not.toMatch(/at .*\.ts|Error:|DynamoDB|anxin-/);
      }),
      { numRuns: 150 },
    );
    expect(await count()).toBe(before);
    expect(await queue.drain()).toHaveLength(0);
  });
});

describe('tenant isolation', () => {
  it("hides one tenant's order, trace and event from another (404)", async () => {
    const { orderId, eventId } = await createApplied(A);
    for (const res of [await getOrder(B, orderId), await getTrace(B, orderId), await getEvent(B, eventId)]) {
      expect(res.statusCode).toBe(404);
      expect(body(res).type).toBe('/problems/not-found');
    }
    expect(body(await list(B)).items.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
  });

  it('answers 404 for ids that cannot exist', async () => {
    expect((await getOrder(A, 'ord_nope')).statusCode).toBe(404);
    expect((await getEvent(A, '../../etc')).statusCode).toBe(404);
  });
});

describe('GET /v1/orders', () => {
  const C: Caller = { tenantId: 'ten_01JTENANTCCCCCCCCCCCCCCCCC', role: 'enterprise', keyId: 'key_c' };

  it('pages through every order exactly once, newest first', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await createApplied(C)).orderId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await list(C, { limit: '3', ...(cursor ? { cursor } : {}) });
      expect(res.statusCode).toBe(200);
      const page = body(res);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((o: { orderId: string }) => o.orderId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
  });

  it('filters by status and time range', async () => {
    expect(body(await list(C, { status: 'CREATED' })).items.length).toBeGreaterThanOrEqual(7);
    expect(body(await list(C, { status: 'ASSIGNED' })).items).toEqual([]);
    expect(body(await list(C, { to: '2000-01-01T00:00:00+08:00' })).items).toEqual([]);
    expect(body(await list(C, { from: new Date(Date.now() - 3_600_000).toISOString() })).items.length).toBeGreaterThanOrEqual(7);
  });

  it('refuses bad query parameters and forged cursors with 400', async () => {
    for (const query of [{ limit: '1000' }, { status: 'LOST' }, { cursor: 'not-a-cursor' }, { cursor: Buffer.from('{"a":1}').toString('base64url') }] as Record<string, string>[]) {
      const res = await list(C, query);
      expect(res.statusCode).toBe(400);
      expect(res.headers?.['content-type']).toBe('application/problem+json');
    }
  });

  it("refuses with 400 invalid-cursor a cursor reused with other bounds or filter, another tenant's, a tampered or a made-up one", async () => {
    const D: Caller = { tenantId: 'ten_01JTENANTDDDDDDDDDDDDDDDDD', role: 'enterprise', keyId: 'key_d' };
    for (let i = 0; i < 3; i++) await createApplied(D);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const first = body(await list(D, { limit: '2', from }));
    expect(first.nextCursor).toEqual(expect.any(String));
    const cursor: string = first.nextCursor;
    const [payload, mac] = cursor.split('.');
    const madeUp = Buffer.from(JSON.stringify({ sk: '2020-01-01T00:00:00.000Z#ord_01JAAAAAAAAAAAAAAAAAAAAAAA', orderId: 'ord_01JAAAAAAAAAAAAAAAAAAAAAAA' })).toString('base64url');
    const refused: [Caller, Record<string, string>][] = [
      [D, { cursor, from, to: '2000-01-01T00:00:00Z' }],
      [D, { cursor }],
      [D, { cursor, from, status: 'CREATED' }],
      [C, { cursor, from }],
      [D, { cursor: `${Buffer.from('2999-01-01T00:00:00.000Z#ord_x').toString('base64url')}.${mac}`, from }],
      [D, { cursor: `${payload}.${mac!.startsWith('A') ? 'B' : 'A'}${mac!.slice(1)}`, from }],
      [D, { cursor: madeUp }],
      [D, { cursor: madeUp, from: '2020-06-01T00:00:00Z' }],
    ];
    for (const [caller, query] of refused) {
      const res = await list(caller, query);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expect(res.headers?.['content-type']).toBe('application/problem+json');
      expect(body(res).type).toBe('/problems/invalid-cursor');
    }
    // The cursor still works with the query it was issued for (the limit may change between pages).
    expect((await list(D, { cursor, from, limit: '5' })).statusCode).toBe(200);
  });
});

describe('authorizer', () => {
  const authEvent = (authorization?: string) => ({
    version: '2.0',
    type: 'REQUEST',
    routeArn: 'arn:aws:execute-api:us-east-1:000000000000:api/$default/GET/v1/orders',
    identitySource: authorization ? [authorization] : [],
    routeKey: 'GET /v1/orders',
    rawPath: '/v1/orders',
    rawQueryString: '',
    headers: authorization ? { authorization } : {},
    requestContext: {},
  });

  it('maps a valid key to its tenant and role, and refuses revoked, wrong and malformed keys', async () => {
    const tenant = await createTenant(store, { name: '广州安心家政', role: 'enterprise' });
    const key = await createKey(store, tenant.tenantId, 'test');
    expect(await authorize(authEvent(`Bearer ${key.apiKey}`))).toEqual({
      isAuthorized: true,
      context: { tenantId: tenant.tenantId, role: 'enterprise', keyId: key.keyId },
    });
    const wrong = key.apiKey.slice(0, -4) + (key.apiKey.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await authorize(authEvent(`Bearer ${wrong}`))).toEqual({ isAuthorized: false });
    expect(await authorize(authEvent('Bearer nonsense'))).toEqual({ isAuthorized: false });
    await tenantsRepository(store).revokeKey(key.keyId, new Date().toISOString());
    expect(await authorize(authEvent(`Bearer ${key.apiKey}`))).toEqual({ isAuthorized: false });
  });

  it('stores only the hash of a key', async () => {
    const tenant = await createTenant(store, { name: 'x', role: 'insurer' });
    const key = await createKey(store, tenant.tenantId);
    const secret = key.apiKey.split('.')[1]!;
    const all = await store.doc.send(new ScanCommand({ TableName: store.tableName }));
    expect(JSON.stringify(all.Items)).not.toContain(secret);
  });
});

describe('orders consumer', () => {
  it('reports an unreadable record as a failure and applies the rest of the batch', async () => {
    await post(A, validOrder());
    const [good] = await queue.drain();
    const poison = { ...toRecord(good!), messageId: 'poison-1', body: '{"not":"a command"}', attributes: { ...toRecord(good!).attributes, MessageGroupId: 'other-group' } };
    const result = await consume({ Records: [poison, toRecord(good!)] }, lambdaContext);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'poison-1' }]);
  });
});
