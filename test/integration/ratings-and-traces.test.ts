/**
 * Rating tokens and admin trace verification through the route handlers, against DynamoDB
 * Local and the local SQS queue: a token works once; forged and expired tokens get the same
 * 401 whether or not the order exists; ratings roll up to worker and enterprise; an entry
 * edited behind the API's back is named by the admin endpoint and by `anxin trace verify`.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { traceCommand } from '../../cli/admin-commands';
import { createTenant } from '../../shared/admin/onboarding';
import { issueRatingToken } from '../../shared/auth/rating-token';
import type { Caller } from '../../shared/auth/roles';
import { keys } from '../../shared/store/keys';
import { ratingTokensRepository } from '../../shared/store/rating-tokens-repository';
import { certifyWorker } from '../support/certificates';
import { driveOrder } from '../support/drive-order';
import { startRouteHarness, type RouteHarness } from '../support/route-harness';

let h: RouteHarness;
let A: Caller;
let B: Caller;
const ADMIN: Caller = { tenantId: 'ten_01JRTADMINXXXXXXXXXXXXXXXX', role: 'admin', keyId: 'key_admin' };

beforeAll(async () => {
  h = await startRouteHarness();
  // Real tenant records: the admin endpoint answers 404 for tenants that were never onboarded.
  A = { tenantId: (await createTenant(h.store, { name: '甲家政', role: 'enterprise' })).tenantId, role: 'enterprise', keyId: 'key_a' };
  B = { tenantId: (await createTenant(h.store, { name: '乙家政', role: 'enterprise' })).tenantId, role: 'enterprise', keyId: 'key_b' };
});
afterAll(async () => {
  await h?.close();
});

const rate = (token: string, stars = 4) => h.call(undefined, 'POST /v1/public/ratings', { body: { token, stars, comment: '很好' }, idempotencyKey: null });
const issueToken = async (caller: Caller, orderId: string) => (await h.call(caller, 'POST /v1/orders/{orderId}/rating-token', { params: { orderId } })).body.token as string;
const verification = (caller: Caller, query: Record<string, string>) => h.call(caller, 'GET /v1/admin/trace-verification', { query });

describe('rating tokens', () => {
  it('work once: the second use is 409', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    const token = await issueToken(A, orderId);
    expect((await rate(token)).status).toBe(202);
    const again = await rate(token);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe('/problems/rating-token-used');
    expect((await rate(token, 1)).status).toBe(409);
    await h.settle();
    expect((await h.call(A, 'GET /v1/orders/{orderId}', { params: { orderId } })).body).toMatchObject({ status: 'RATED', rating: { stars: 4 } });
  });

  it('are issued only for COMPLETED orders of the caller (409 / 404)', async () => {
    const { orderId } = await driveOrder(h, A, 'CONFIRMED');
    expect((await h.call(A, 'POST /v1/orders/{orderId}/rating-token', { params: { orderId } })).status).toBe(409);
    expect((await h.call(B, 'POST /v1/orders/{orderId}/rating-token', { params: { orderId } })).status).toBe(404);
  });

  it('refuse forged and expired tokens with the same 401, whether or not the order exists', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    const real = await issueToken(A, orderId);
    const forgedSecret = real.slice(0, -3) + (real.endsWith('AAA') ? 'BBB' : 'AAA');
    // A well-formed token nobody issued: no such token, no such order.
    const neverIssued = issueRatingToken().token;
    // An expired token for a real order, and one for an order that does not exist.
    const expired = async (forOrder: string) => {
      const issued = issueRatingToken();
      await ratingTokensRepository(h.store).put({
        tokenId: issued.id,
        tenantId: A.tenantId,
        orderId: forOrder,
        secretHash: issued.secretHash,
        status: 'unused',
        issuedAt: '2026-01-01T00:00:00.000Z',
        expiresAt: Math.floor(Date.now() / 1000) - 60,
      });
      return issued.token;
    };
    const tokens = [forgedSecret, neverIssued, await expired(orderId), await expired('ord_00000000000000000000000000'), 'garbage'];
    const answers = await Promise.all(tokens.map((t) => rate(t)));
    for (const a of answers) expect(a.status).toBe(401);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers[0]!.body).toMatchObject({ type: '/problems/invalid-token' });
    // The real token still works: a refused attempt does not burn it.
    expect((await rate(real)).status).toBe(202);
    await h.settle();
  });

  it('roll ratings up to the worker and the enterprise', async () => {
    const C: Caller = { tenantId: (await createTenant(h.store, { name: '丙家政', role: 'enterprise' })).tenantId, role: 'enterprise', keyId: 'key_c' };
    const first = await driveOrder(h, C, 'COMPLETED');
    const second = await driveOrder(h, C, 'COMPLETED');
    expect((await rate(await issueToken(C, first.orderId), 5)).status).toBe(202);
    expect((await rate(await issueToken(C, second.orderId), 2)).status).toBe(202);
    await h.settle();
    const item = async (key: { pk: string; sk: string }) =>
      (await h.store.doc.send(new GetCommand({ TableName: h.store.tableName, Key: key, ConsistentRead: true }))).Item;
    expect(await item(keys.workerRatings(C.tenantId, first.workerId))).toMatchObject({ ratingCount: 1, starsTotal: 5 });
    expect(await item(keys.workerRatings(C.tenantId, second.workerId))).toMatchObject({ ratingCount: 1, starsTotal: 2 });
    expect(await item(keys.tenantRatings(C.tenantId))).toMatchObject({ ratingCount: 2, starsTotal: 7 });
  });
});

describe('a rating link after the order moved on', () => {
  it('still rates an order the enterprise has closed: recorded and traced, the order stays CLOSED', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    const token = await issueToken(A, orderId);
    expect((await h.call(A, 'POST /v1/orders/{orderId}/close', { params: { orderId }, body: {} })).status).toBe(202);
    await h.settle();
    const rated = await rate(token, 5);
    expect(rated.status).toBe(202);
    await h.settle();
    const event = await h.call(A, 'GET /v1/events/{eventId}', { params: { eventId: rated.body.eventId as string } });
    expect(event.body).toMatchObject({ status: 'applied' });
    expect((await h.call(A, 'GET /v1/orders/{orderId}', { params: { orderId } })).body).toMatchObject({ status: 'CLOSED', rating: { stars: 5 } });
    const trace = await h.call(A, 'GET /v1/orders/{orderId}/trace', { params: { orderId } });
    expect((trace.body.entries as { type: string }[]).map((e) => e.type).slice(-2)).toEqual(['order.close', 'order.rate']);
    expect(trace.body.verification).toMatchObject({ valid: true });
  });

  it('is refused at once (409 problem) when the order is rated already, never accepted and dropped', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    const first = await issueToken(A, orderId);
    const second = await issueToken(A, orderId);
    expect((await rate(first, 4)).status).toBe(202);
    await h.settle();
    const late = await rate(second, 1);
    expect(late.status).toBe(409);
    expect(late.body.type).toBe('/problems/order-already-rated');
  });
});

describe('rating summaries', () => {
  it('the enterprise reads its own and a worker\'s summary; another enterprise gets 404 for the worker', async () => {
    const E: Caller = { tenantId: (await createTenant(h.store, { name: '戊家政', role: 'enterprise' })).tenantId, role: 'enterprise', keyId: 'key_e' };
    const first = await driveOrder(h, E, 'COMPLETED');
    const second = await driveOrder(h, E, 'COMPLETED');
    const rated = await rate(await issueToken(E, first.orderId), 5);
    expect(rated.status).toBe(202);
    expect((await rate(await issueToken(E, second.orderId), 2)).status).toBe(202);
    await h.settle();
    // A redelivered rating never counts twice: the summaries are side items behind the event guard.
    await h.settle();
    const own = await h.call(E, 'GET /v1/ratings/summary');
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ tenantId: E.tenantId, count: 2, average: 3.5, distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } });
    const worker = await h.call(E, 'GET /v1/workers/{workerId}/ratings/summary', { params: { workerId: first.workerId } });
    expect(worker.status).toBe(200);
    expect(worker.body).toEqual({ workerId: first.workerId, count: 1, average: 5, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 } });
    expect((await h.call(B, 'GET /v1/workers/{workerId}/ratings/summary', { params: { workerId: first.workerId } })).status).toBe(404);
    // The public check behind a worker's QR code shows the employer's summary (figures only).
    await certifyWorker(h.store, first.workerId, E.tenantId);
    const qrToken = (await h.call(E, 'GET /v1/workers/{workerId}/certificate', { params: { workerId: first.workerId } })).body.qr.token as string;
    const check = await h.call(undefined, 'GET /v1/public/certificates/{qrToken}', { params: { qrToken } });
    expect(check.body.enterpriseRating).toEqual({ count: 2, average: 3.5, distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 } });
    // Nothing rated yet: zero, no average.
    expect((await h.call(B, 'GET /v1/ratings/summary')).body).toEqual({ tenantId: B.tenantId, count: 0, distribution: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 } });
  });
});

describe('trace verification (admin)', () => {
  let T: Caller;
  const orders: string[] = [];
  let tampered: string;
  let tamperedEventId: string;

  beforeAll(async () => {
    T = { tenantId: (await createTenant(h.store, { name: '丁家政', role: 'enterprise' })).tenantId, role: 'enterprise', keyId: 'key_t' };
    for (const target of ['CONFIRMED', 'COMPLETED', 'CREATED', 'ASSIGNED'] as const) orders.push((await driveOrder(h, T, target)).orderId);
    tampered = orders[1]!;
    const key = { pk: keys.orderPartition(T.tenantId, tampered), sk: keys.traceSk(3) };
    tamperedEventId = (await h.store.doc.send(new GetCommand({ TableName: h.store.tableName, Key: key }))).Item!.eventId as string;
    // Someone with table access rewrites who did it.
    await h.store.doc.send(
      new UpdateCommand({ TableName: h.store.tableName, Key: key, UpdateExpression: 'SET actor.#r = :r', ExpressionAttributeNames: { '#r': 'role' }, ExpressionAttributeValues: { ':r': 'admin' } }),
    );
  });

  it('names the edited entry of the one broken order among several, with totals', async () => {
    const res = await verification(ADMIN, { tenantId: T.tenantId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenantId: T.tenantId, checked: 4, valid: 3, brokenCount: 1 });
    expect(res.body.broken).toEqual([
      {
        orderId: tampered,
        brokenAt: 3,
        reason: 'entry content does not match its hash',
        length: 5,
        entry: { seq: 3, eventId: tamperedEventId, type: 'order.confirm', at: expect.any(String) },
      },
    ]);
    expect(res.body.nextCursor).toBeUndefined();
  });

  it('verifies one order, and pages through a tenant with a cursor', async () => {
    expect((await verification(ADMIN, { tenantId: T.tenantId, orderId: orders[0]! })).body).toMatchObject({ orderId: orders[0], checked: 1, valid: 1, brokenCount: 0, broken: [] });
    expect((await verification(ADMIN, { tenantId: T.tenantId, orderId: tampered })).body).toMatchObject({ checked: 1, brokenCount: 1, broken: [{ orderId: tampered, brokenAt: 3 }] });
    const broken: string[] = [];
    let checked = 0;
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = (await verification(ADMIN, { tenantId: T.tenantId, limit: '1', ...(cursor ? { cursor } : {}) })).body;
      checked += page.checked;
      broken.push(...page.broken.map((b: { orderId: string }) => b.orderId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(checked).toBe(4);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(broken).toEqual([tampered]);
  });

  it("refuses with 400 invalid-cursor another tenant's cursor and made-up ones, before reading anything", async () => {
    const cursor = (await verification(ADMIN, { tenantId: T.tenantId, limit: '1' })).body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    const madeUp = Buffer.from(JSON.stringify({ sk: 'zzzz#ord_01JAAAAAAAAAAAAAAAAAAAAAAA', orderId: 'ord_01JAAAAAAAAAAAAAAAAAAAAAAA' })).toString('base64url');
    for (const query of [{ tenantId: B.tenantId, cursor }, { tenantId: T.tenantId, cursor: madeUp }, { tenantId: T.tenantId, cursor: `${madeUp}.${cursor.split('.')[1]}` }]) {
      const res = await verification(ADMIN, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.type).toBe('/problems/invalid-cursor');
    }
  });

  it('is for admins only (403), and answers 404 for unknown tenants and for orders of another tenant', async () => {
    for (const caller of [T, { ...T, role: 'insurer' as const }, { ...T, role: 'training-base' as const }]) {
      expect((await verification(caller, { tenantId: T.tenantId })).status).toBe(403);
    }
    expect((await verification(ADMIN, { tenantId: 'ten_00000000000000000000000000' })).status).toBe(404);
    expect((await verification(ADMIN, { tenantId: B.tenantId, orderId: orders[0]! })).status).toBe(404);
    expect((await verification(ADMIN, {})).status).toBe(400);
  });

  it('`anxin trace verify` reports the same break through the store layer, exit code 1', async () => {
    const lines: string[] = [];
    const target = ['--endpoint-url', inject('dynamodbEndpoint'), '--table', h.store.tableName];
    const code = await traceCommand(['verify', '--tenant', T.tenantId, ...target], (l) => lines.push(l));
    expect(code).toBe(1);
    expect(lines).toEqual([
      `BROKEN ${tampered} at entry 3 (entry 3: order.confirm, event ${tamperedEventId}): entry content does not match its hash`,
      '4 order(s) checked: 3 valid, 1 broken',
    ]);
    const one: string[] = [];
    expect(await traceCommand(['verify', '--tenant', T.tenantId, '--order', orders[0]!, ...target], (l) => one.push(l))).toBe(0);
    expect(one).toEqual(['1 order(s) checked: 1 valid, 0 broken']);
  });
});
