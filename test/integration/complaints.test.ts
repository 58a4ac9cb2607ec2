/**
 * Complaints through the route handlers, against DynamoDB Local and the local SQS queue:
 * opened by the household (rating token) and by the enterprise, resolved by the enterprise
 * and by an admin acting for it, listed and read; each open/resolve lands on the order's
 * trace; roles (403) and tenant isolation (404) on every complaint route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '../../shared/auth/roles';
import { complaintsRepository } from '../../shared/store/complaints-repository';
import { keys } from '../../shared/store/keys';
import { driveOrder } from '../support/drive-order';
import { startRouteHarness, type RouteHarness } from '../support/route-harness';

const A: Caller = { tenantId: 'ten_01JCMPTENANTAAAAAAAAAAAAAA', role: 'enterprise', keyId: 'key_a' };
const B: Caller = { tenantId: 'ten_01JCMPTENANTBBBBBBBBBBBBBB', role: 'enterprise', keyId: 'key_b' };
const ADMIN: Caller = { tenantId: 'ten_01JCMPADMINXXXXXXXXXXXXXXX', role: 'admin', keyId: 'key_admin' };
const INSURER: Caller = { tenantId: 'ten_01JCMPINSURERYYYYYYYYYYYYY', role: 'insurer', keyId: 'key_ins' };
const TRAINING: Caller = { tenantId: 'ten_01JCMPTRAININGZZZZZZZZZZZZ', role: 'training-base', keyId: 'key_tb' };

const SECRET_TEXT = '阿姨打碎了花瓶，电话 13800138000';

let h: RouteHarness;
beforeAll(async () => {
  h = await startRouteHarness();
});
afterAll(async () => {
  await h?.close();
});

const openByEnterprise = (caller: Caller, orderId: string, body: unknown = { category: 'damage', description: SECRET_TEXT, source: 'enterprise' }) =>
  h.call(caller, 'POST /v1/orders/{orderId}/complaints', { params: { orderId }, body });
const openByHousehold = (token: string, body: Record<string, unknown> = { category: 'quality', description: '打扫不干净' }) =>
  h.call(undefined, 'POST /v1/public/complaints', { body: { token, ...body }, idempotencyKey: null });
const resolve = (caller: Caller, complaintId: string, body: unknown = { resolution: 'upheld', note: '已赔偿' }, query?: Record<string, string>) =>
  h.call(caller, 'POST /v1/complaints/{complaintId}/resolve', { params: { complaintId }, body, query });
const getComplaint = (caller: Caller, complaintId: string, query?: Record<string, string>) =>
  h.call(caller, 'GET /v1/complaints/{complaintId}', { params: { complaintId }, query });
const list = (caller: Caller, query: Record<string, string> = {}) => h.call(caller, 'GET /v1/complaints', { query });
const trace = (caller: Caller, orderId: string) => h.call(caller, 'GET /v1/orders/{orderId}/trace', { params: { orderId } });
const event = (caller: Caller, eventId: string, query?: Record<string, string>) =>
  h.call(caller, 'GET /v1/events/{eventId}', { params: { eventId }, query });
const ratingToken = async (caller: Caller, orderId: string) => {
  const res = await h.call(caller, 'POST /v1/orders/{orderId}/rating-token', { params: { orderId } });
  expect(res.status).toBe(201);
  return res.body.token as string;
};

describe('the enterprise opens a complaint', () => {
  it('is accepted (202), then opened on the order: trace entry, complaint item, counts; status unchanged', async () => {
    const { orderId, workerId } = await driveOrder(h, A, 'COMPLETED');
    const res = await openByEnterprise(A, orderId);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ orderId, status: 'accepted', complaintId: expect.stringMatching(/^cmp_/) });
    expect(res.headers.location).toBe(`/v1/events/${res.body.eventId}`);
    await h.settle();

    expect((await event(A, res.body.eventId)).body).toMatchObject({ status: 'applied', type: 'order.open-complaint' });
    const complaint = await getComplaint(A, res.body.complaintId);
    expect(complaint.status).toBe(200);
    expect(complaint.body).toMatchObject({
      complaintId: res.body.complaintId,
      orderId,
      status: 'open',
      source: 'enterprise',
      category: 'damage',
      description: SECRET_TEXT,
      workerId,
      openedBy: { role: 'enterprise' },
    });
    const order = (await h.call(A, 'GET /v1/orders/{orderId}', { params: { orderId } })).body;
    expect(order).toMatchObject({ status: 'COMPLETED', complaintCount: 1, openComplaintCount: 1 });
    const t = (await trace(A, orderId)).body;
    expect(t.entries.at(-1)).toMatchObject({ type: 'order.complaint-opened', eventId: res.body.eventId });
    expect(t.verification).toMatchObject({ valid: true });
  });

  it('refuses free text that is not well-formed Unicode or carries control characters (422 naming the field), and keeps it in NFC', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    for (const description of ['坏了\ud800', '\udc00', 'a\u0000b', 'bell\u0007', 'c1\u0085']) {
      const res = await openByEnterprise(A, orderId, { category: 'damage', description, source: 'enterprise' });
      expect(res.status, JSON.stringify(description)).toBe(422);
      expect(res.body.type).toBe('/problems/validation-error');
      expect(res.body.errors).toEqual([{ pointer: '/description', detail: expect.any(String) }]);
    }
    const token = await ratingToken(A, orderId);
    const household = await openByHousehold(token, { category: 'quality', description: '\ud83d' });
    expect(household.status).toBe(422);
    expect(household.body.errors).toEqual([{ pointer: '/description', detail: expect.any(String) }]);

    // Decomposed "é" (e + combining acute) is stored composed; line breaks and tabs are text.
    const res = await openByEnterprise(A, orderId, { category: 'damage', description: 'cafe\u0301\n\t第二行', source: 'enterprise' });
    expect(res.status).toBe(202);
    await h.settle();
    expect((await getComplaint(A, res.body.complaintId)).body.description).toBe('caf\u00e9\n\t第二行');
  });

  it('answers a retry with the same key with the same complaint id, and opens it once', async () => {
    const { orderId } = await driveOrder(h, A, 'CONFIRMED');
    const body = { category: 'punctuality', description: '迟到一小时', source: 'enterprise' };
    const first = await h.call(A, 'POST /v1/orders/{orderId}/complaints', { params: { orderId }, body, idempotencyKey: 'cmp-retry-0001' });
    const again = await h.call(A, 'POST /v1/orders/{orderId}/complaints', { params: { orderId }, body, idempotencyKey: 'cmp-retry-0001' });
    expect(again.body).toEqual(first.body);
    await h.settle();
    const entries = (await trace(A, orderId)).body.entries as { type: string }[];
    expect(entries.filter((e) => e.type === 'order.complaint-opened')).toHaveLength(1);
  });

  it('is rejected with a reason on a CANCELLED order, and changes nothing', async () => {
    const { orderId } = await driveOrder(h, A, 'CREATED');
    await h.call(A, 'POST /v1/orders/{orderId}/cancel', { params: { orderId }, body: { by: 'household', reasonCode: 'household_request' } });
    await h.settle();
    const res = await openByEnterprise(A, orderId);
    expect(res.status).toBe(202);
    await h.settle();
    expect((await event(A, res.body.eventId)).body).toMatchObject({ status: 'rejected', reason: 'cannot open a complaint on an order in status CANCELLED' });
    expect((await getComplaint(A, res.body.complaintId)).status).toBe(404);
    expect((await trace(A, orderId)).body.entries).toHaveLength(2);
  });

  it('refuses invalid bodies with 422 (too long, unknown fields, another source, blank)', async () => {
    const { orderId } = await driveOrder(h, A, 'CREATED');
    for (const body of [
      { category: 'damage', description: 'x'.repeat(1001), source: 'enterprise' },
      { category: 'damage', description: 'ok', source: 'enterprise', extra: 1 },
      { category: 'damage', description: 'ok', source: 'household' },
      { category: 'damage', description: '   ', source: 'enterprise' },
      { category: 'rudeness', description: 'ok', source: 'enterprise' },
    ]) {
      const res = await openByEnterprise(A, orderId, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    expect((await openByEnterprise(A, orderId, { category: 'damage', description: 'x'.repeat(1000), source: 'enterprise' })).status).toBe(202);
    await h.settle();
  });

  it('keeps the description out of the trace and the event record (only the payload hash is there)', async () => {
    const { orderId } = await driveOrder(h, A, 'CREATED');
    const res = await openByEnterprise(A, orderId);
    await h.settle();
    const partition = await h.store.doc.send(
      new QueryCommand({ TableName: h.store.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.orderPartition(A.tenantId, orderId) } }),
    );
    const eventItem = await h.store.doc.send(
      new QueryCommand({ TableName: h.store.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.event(A.tenantId, res.body.eventId).pk } }),
    );
    const stored = JSON.stringify([partition.Items, eventItem.Items]);
    expect(stored).toContain('order.complaint-opened');
    expect(stored).not.toContain('13800138000');
    expect(stored).not.toContain('花瓶');
  });
});

describe('the household opens a complaint with its rating token', () => {
  it('works before or after rating, once per token (409 after), and lands on the order trace', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    const token = await ratingToken(A, orderId);
    const first = await openByHousehold(token);
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ complaintId: expect.stringMatching(/^cmp_/), status: 'accepted' });
    expect(first.body.orderId).toBeUndefined();
    // The token still rates after its complaint…
    expect((await h.call(undefined, 'POST /v1/public/ratings', { body: { token, stars: 2 }, idempotencyKey: null })).status).toBe(202);
    // …but files no second complaint, same body or not.
    for (const body of [undefined, { category: 'conduct', description: '态度差' }]) {
      const again = await openByHousehold(token, body);
      expect(again.status).toBe(409);
      expect(again.body.type).toBe('/problems/complaint-token-used');
    }
    await h.settle();
    const complaint = (await getComplaint(A, first.body.complaintId)).body;
    expect(complaint).toMatchObject({ orderId, source: 'household', status: 'open', openedBy: { role: 'household' } });
    const types = ((await trace(A, orderId)).body.entries as { type: string }[]).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['order.complaint-opened', 'order.rate']);
  });

  it('works with a token already used for the rating', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    const token = await ratingToken(A, orderId);
    expect((await h.call(undefined, 'POST /v1/public/ratings', { body: { token, stars: 5 }, idempotencyKey: null })).status).toBe(202);
    await h.settle();
    expect((await openByHousehold(token)).status).toBe(202);
    await h.settle();
    expect((await h.call(A, 'GET /v1/orders/{orderId}', { params: { orderId } })).body).toMatchObject({ status: 'RATED', complaintCount: 1 });
  });

  it('refuses forged and unknown tokens with the same 401', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    const token = await ratingToken(A, orderId);
    const forged = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    const unknown = 'rt_rtk_01jzzzzzzzzzzzzzzzzzzzzzzz.' + 'A'.repeat(43);
    const answers = await Promise.all([forged, unknown, 'nonsense'].map((t) => openByHousehold(t)));
    for (const a of answers) expect(a.status).toBe(401);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
  });
});

describe('resolving', () => {
  it('by the enterprise: resolved with its resolution and note, on the trace; a second resolve is rejected with a reason', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    const opened = await openByEnterprise(A, orderId);
    await h.settle();
    const res = await resolve(A, opened.body.complaintId);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ orderId, complaintId: opened.body.complaintId, status: 'accepted' });
    await h.settle();
    expect((await event(A, res.body.eventId)).body).toMatchObject({ status: 'applied', type: 'order.resolve-complaint' });
    expect((await getComplaint(A, opened.body.complaintId)).body).toMatchObject({
      status: 'resolved',
      resolution: 'upheld',
      note: '已赔偿',
      resolvedBy: { role: 'enterprise' },
    });
    const t = (await trace(A, orderId)).body;
    expect(t.entries.at(-1).type).toBe('order.complaint-resolved');
    expect(t.verification.valid).toBe(true);
    expect((await h.call(A, 'GET /v1/orders/{orderId}', { params: { orderId } })).body).toMatchObject({ status: 'COMPLETED', openComplaintCount: 0 });

    const twice = await resolve(A, opened.body.complaintId, { resolution: 'rejected' });
    await h.settle();
    expect((await event(A, twice.body.eventId)).body).toMatchObject({ status: 'rejected', reason: `complaint ${opened.body.complaintId} is resolved already` });
  });

  it('by an admin acting for the tenant (?tenantId=): the trace names the admin; the admin reads the event with ?tenantId=', async () => {
    const { orderId } = await driveOrder(h, A, 'COMPLETED');
    const opened = await openByEnterprise(A, orderId);
    await h.settle();
    expect((await resolve(ADMIN, opened.body.complaintId)).status).toBe(400);
    const res = await resolve(ADMIN, opened.body.complaintId, { resolution: 'partially_upheld' }, { tenantId: A.tenantId });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/v1/events/${res.body.eventId}?tenantId=${A.tenantId}`);
    await h.settle();
    expect((await event(ADMIN, res.body.eventId, { tenantId: A.tenantId })).body).toMatchObject({ status: 'applied' });
    expect((await event(A, res.body.eventId)).body).toMatchObject({ status: 'applied' });
    expect((await getComplaint(ADMIN, opened.body.complaintId, { tenantId: A.tenantId })).body).toMatchObject({
      status: 'resolved',
      resolution: 'partially_upheld',
      resolvedBy: { role: 'admin' },
    });
    const last = (await trace(A, orderId)).body.entries.at(-1);
    expect(last).toMatchObject({ type: 'order.complaint-resolved', actor: ADMIN });
  });
});

describe('listing', () => {
  it('pages through own complaints newest first, by status, and an admin lists a tenant', async () => {
    const C: Caller = { tenantId: 'ten_01JCMPTENANTCCCCCCCCCCCCCC', role: 'enterprise', keyId: 'key_c' };
    const { orderId } = await driveOrder(h, C, 'COMPLETED');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await openByEnterprise(C, orderId, { category: 'quality', description: `第${i}次`, source: 'enterprise' })).body.complaintId);
      await h.settle();
    }
    await resolve(C, ids[1]!);
    await h.settle();

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(C, { limit: '3', ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      for (const item of page.body.items) expect(item.description).toBeUndefined();
      seen.push(...page.body.items.map((c: { complaintId: string }) => c.complaintId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const open = (await list(C, { status: 'open' })).body.items.map((c: { complaintId: string }) => c.complaintId);
    expect(open).toEqual([ids[3], ids[2], ids[0]]);
    expect((await list(C, { status: 'resolved' })).body.items.map((c: { complaintId: string }) => c.complaintId)).toEqual([ids[1]]);
    expect((await list(ADMIN, { tenantId: C.tenantId })).body.items).toHaveLength(4);
    expect(await complaintsRepository(h.store).rollUp(C.tenantId)).toEqual({ complaintCount: 4, openComplaintCount: 3, resolvedComplaintCount: 1 });
  });

  it('refuses bad queries and forged cursors with 400', async () => {
    for (const query of [{ status: 'closed' }, { limit: '0' }, { cursor: 'nope' }, { tenantId: 'not-a-tenant' }, { other: '1' }] as Record<string, string>[]) {
      expect((await list(A, query)).status, JSON.stringify(query)).toBe(400);
    }
  });
});

describe('roles and tenant isolation on every complaint route', () => {
  let orderId: string;
  let complaintId: string;
  beforeAll(async () => {
    ({ orderId } = await driveOrder(h, A, 'COMPLETED'));
    complaintId = (await openByEnterprise(A, orderId)).body.complaintId;
    await h.settle();
  });

  it.each([INSURER, TRAINING])('refuses the $role role (403) everywhere', async (caller) => {
    const answers = [
      await openByEnterprise(caller, orderId),
      await resolve(caller, complaintId),
      await getComplaint(caller, complaintId),
      await list(caller),
    ];
    for (const a of answers) expect(a.status).toBe(403);
  });

  it('refuses an admin the enterprise-only open route (403), and an enterprise naming another tenant (403)', async () => {
    expect((await openByEnterprise(ADMIN, orderId)).status).toBe(403);
    expect((await list(B, { tenantId: A.tenantId })).status).toBe(403);
    expect((await getComplaint(B, complaintId, { tenantId: A.tenantId })).status).toBe(403);
    expect((await resolve(B, complaintId, undefined, { tenantId: A.tenantId })).status).toBe(403);
    expect((await event(B, 'evt_0000000000000000000000000X', { tenantId: A.tenantId })).status).toBe(403);
  });

  it("hides one tenant's orders and complaints from another (404, like missing ones)", async () => {
    const answers = [
      await openByEnterprise(B, orderId),
      await resolve(B, complaintId),
      await getComplaint(B, complaintId),
      await getComplaint(A, 'cmp_00000000000000000000000000'),
      await getComplaint(A, 'not-an-id'),
      await getComplaint(ADMIN, complaintId, { tenantId: B.tenantId }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(404);
      expect(a.body.type).toBe('/problems/not-found');
    }
    expect((await list(B)).body.items.map((c: { complaintId: string }) => c.complaintId)).not.toContain(complaintId);
  });
});
