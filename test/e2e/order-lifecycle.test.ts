/**
 * The whole life of a service, end to end on the local platform over HTTP, driven as a
 * partner would: an hourly service from post to close (with the household's rating and
 * complaint), a live-in placement with attendance days, illegal transitions, tenant
 * isolation on every order and complaint endpoint, and a trace entry edited in DynamoDB
 * Local that the admin endpoint names. Every wait polls with a deadline.
 */
import { conformingFetch } from '../support/openapi-conformance';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { employmentRepository } from '../../shared/store/employment-repository';
import { keys as tableKeys } from '../../shared/store/keys';
import { validOrder } from '../support/fixtures';
import { certifyWorker } from '../support/certificates';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;

let platform: TestPlatform;
let keyA: string; // the demo enterprise
let keyB: string; // another enterprise
let adminKey: string;
let tenantA: string;
let requestCount = 0;

beforeAll(async () => {
  platform = await startTestPlatform();
  keyA = platform.keys.enterprise;
  adminKey = platform.keys.admin;
  tenantA = (JSON.parse(readFileSync(`${platform.dataDir}/local.json`, 'utf8')) as { tenants: { enterprise: string } }).tenants.enterprise;
  const other = await createTenant(platform.store, { name: '另一家家政公司', role: 'enterprise' });
  keyB = (await createKey(platform.store, other.tenantId)).apiKey;
});
afterAll(async () => {
  await platform?.close();
});

async function api(path: string, init: { method?: string; key?: string; body?: unknown } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST' && init.key) headers['idempotency-key'] = `e2e-life-${process.pid}-${++requestCount}`;
  const res = await conformingFetch(`${platform.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const post = (key: string, path: string, body: unknown = {}) => api(path, { method: 'POST', key, body });

/** Waits until the event leaves `accepted` and returns it (applied, or rejected with a reason). */
const settled = (key: string, eventId: string): Promise<Json> =>
  eventually(async () => {
    const event = (await api(`/v1/events/${eventId}`, { key })).body;
    return event?.status === 'accepted' ? undefined : event;
  }, 20_000, `event ${eventId} to settle`);

/** Sends a command and waits for its outcome. */
async function command(key: string, orderId: string, name: string, body: unknown = {}): Promise<Json> {
  const res = await post(key, `/v1/orders/${orderId}/${name}`, body);
  expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(202);
  return settled(key, res.body.eventId);
}

async function createOrder(key: string, order = validOrder()): Promise<string> {
  const res = await post(key, '/v1/orders', order);
  expect(res.status).toBe(202);
  expect(await settled(key, res.body.eventId)).toMatchObject({ status: 'applied' });
  return res.body.orderId;
}

/** A worker employed by the tenant, with a certificate (the platform requires one for assignment). */
async function worker(tenantId: string): Promise<string> {
  const workerId = `wk-${Math.random().toString(36).slice(2, 10)}`;
  await employmentRepository(platform.store).link({ tenantId, workerId, status: 'current', since: '2026-01-01' });
  await certifyWorker(platform.store, workerId, tenantId);
  return workerId;
}

const trace = async (key: string, orderId: string) => (await api(`/v1/orders/${orderId}/trace`, { key })).body;
const traceTypes = async (orderId: string) => ((await trace(keyA, orderId)).entries as { type: string }[]).map((e) => e.type);

// Shared by the isolation checks at the end.
let hourly: { orderId: string; workerId: string; complaintId: string; eventId: string };

describe('an hourly service, driven as a partner would', () => {
  it('goes from post to close, each step applied, on the trace, verifying', async () => {
    const orderId = await createOrder(keyA);
    const workerId = await worker(tenantA);
    const expected = ['order.create'];
    const steps: [string, unknown, string][] = [
      ['assign', { workerId }, 'ASSIGNED'],
      ['confirm', {}, 'CONFIRMED'],
      ['check-in', { at: '2026-12-01T09:03:00+08:00', method: 'qr', geohash: 'ws0e9d4' }, 'IN_SERVICE'],
      ['check-out', { at: '2026-12-01T12:05:00+08:00', method: 'qr' }, 'COMPLETED'],
    ];
    for (const [name, body, status] of steps) {
      const event = await command(keyA, orderId, name, body);
      expect(event, name).toMatchObject({ status: 'applied', type: `order.${name}`, subjectId: orderId });
      expected.push(`order.${name}`);
      const t = await trace(keyA, orderId);
      expect(t.entries.map((e: { type: string }) => e.type)).toEqual(expected);
      expect(t.verification).toEqual({ valid: true, length: expected.length });
      expect((await api(`/v1/orders/${orderId}`, { key: keyA })).body.status).toBe(status);
    }

    // The enterprise hands the household a one-time link; the household rates without a key.
    const link = await post(keyA, `/v1/orders/${orderId}/rating-token`);
    expect(link.status).toBe(201);
    const rating = await api('/v1/public/ratings', { method: 'POST', body: { token: link.body.token, stars: 5, dimensions: { punctuality: 5 } } });
    expect(rating.status).toBe(202);
    expect(await settled(keyA, rating.body.eventId)).toMatchObject({ status: 'applied', type: 'order.rate' });
    expect((await api('/v1/public/ratings', { method: 'POST', body: { token: link.body.token, stars: 1 } })).status).toBe(409);

    expect(await command(keyA, orderId, 'close')).toMatchObject({ status: 'applied' });
    expect(await traceTypes(orderId)).toEqual([...expected, 'order.rate', 'order.close']);

    // Afterwards the household complains with the same link (status stays CLOSED), the enterprise resolves it.
    const complaint = await api('/v1/public/complaints', { method: 'POST', body: { token: link.body.token, category: 'damage', description: '花瓶碎了' } });
    expect(complaint.status).toBe(202);
    expect(await settled(keyA, complaint.body.eventId)).toMatchObject({ status: 'applied', type: 'order.open-complaint' });
    const resolved = await post(keyA, `/v1/complaints/${complaint.body.complaintId}/resolve`, { resolution: 'upheld', note: '已协商赔偿' });
    expect(resolved.status).toBe(202);
    expect(await settled(keyA, resolved.body.eventId)).toMatchObject({ status: 'applied' });

    const order = (await api(`/v1/orders/${orderId}`, { key: keyA })).body;
    expect(order).toMatchObject({ status: 'CLOSED', workerId, rating: { stars: 5 }, complaintCount: 1, openComplaintCount: 0, version: 9 });
    const t = await trace(keyA, orderId);
    expect(t.entries.map((e: { type: string }) => e.type)).toEqual([
      ...expected,
      'order.rate',
      'order.close',
      'order.complaint-opened',
      'order.complaint-resolved',
    ]);
    expect(t.verification).toEqual({ valid: true, length: 9 });
    expect(JSON.stringify(t)).not.toContain('花瓶');
    expect((await api(`/v1/complaints/${complaint.body.complaintId}`, { key: keyA })).body).toMatchObject({ status: 'resolved', source: 'household', description: '花瓶碎了' });
    hourly = { orderId, workerId, complaintId: complaint.body.complaintId, eventId: rating.body.eventId };
  });
});

describe('a live-in placement', () => {
  it('records attendance days, rejects a duplicate day with a reason, and lists them', async () => {
    const orderId = await createOrder(
      keyA,
      validOrder({
        serviceType: 'nanny',
        mode: 'live_in',
        schedule: { start: '2026-12-01T08:00:00+08:00', end: '2026-12-21T20:00:00+08:00' },
        price: { amountFen: 780000, currency: 'CNY' },
      }),
    );
    const workerId = await worker(tenantA);
    for (const [name, body] of [['assign', { workerId }], ['confirm', {}], ['check-in', { at: '2026-12-01T08:05:00+08:00', method: 'app' }]] as const) {
      expect(await command(keyA, orderId, name, body)).toMatchObject({ status: 'applied' });
    }
    const day = (date: string) => ({ date, checkIn: `${date}T08:00:00+08:00`, checkOut: `${date}T20:00:00+08:00` });
    for (const date of ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-08']) {
      expect(await command(keyA, orderId, 'attendance', day(date)), date).toMatchObject({ status: 'applied', type: 'order.attendance' });
    }
    const duplicate = await command(keyA, orderId, 'attendance', day('2026-12-02'));
    expect(duplicate).toMatchObject({ status: 'rejected', reason: 'attendance for 2026-12-02 is already recorded' });
    const outside = await command(keyA, orderId, 'attendance', day('2026-12-25'));
    expect(outside).toMatchObject({ status: 'rejected', reason: expect.stringContaining('outside the placement') });

    const attendance = (await api(`/v1/orders/${orderId}/attendance`, { key: keyA })).body;
    expect(attendance.days.map((d: { date: string }) => d.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-08']);
    expect(attendance.days[0]).toMatchObject({ checkIn: '2026-12-01T08:00:00+08:00', checkOut: '2026-12-01T20:00:00+08:00' });
    expect((await api(`/v1/orders/${orderId}`, { key: keyA })).body).toMatchObject({ status: 'IN_SERVICE', attendanceDays: 4, lastAttendanceDate: '2026-12-08' });
    expect(await command(keyA, orderId, 'check-out', { at: '2026-12-21T19:30:00+08:00' })).toMatchObject({ status: 'applied' });
    const t = await trace(keyA, orderId);
    expect(t.entries.filter((e: { type: string }) => e.type === 'order.attendance')).toHaveLength(4);
    expect(t.verification).toEqual({ valid: true, length: 9 });
  });
});

describe('illegal transitions', () => {
  it('end rejected with a reason and change nothing', async () => {
    const orderId = await createOrder(keyA);
    const before = (await api(`/v1/orders/${orderId}`, { key: keyA })).body;
    const cases: [string, unknown, string][] = [
      ['check-out', { at: '2026-12-01T12:00:00+08:00' }, 'cannot check-out an order in status CREATED'],
      ['check-in', { at: '2026-12-01T09:00:00+08:00' }, 'cannot check-in an order in status CREATED'],
      ['confirm', {}, 'cannot confirm an order in status CREATED'],
      ['assign', { workerId: 'wk-not-ours' }, 'worker wk-not-ours is not currently employed by this enterprise'],
      ['attendance', { date: '2026-12-01', checkIn: '2026-12-01T08:00:00+08:00', checkOut: '2026-12-01T20:00:00+08:00' }, 'cannot attendance an order in status CREATED'],
    ];
    for (const [name, body, reason] of cases) {
      expect(await command(keyA, orderId, name, body), name).toMatchObject({ status: 'rejected', reason });
    }
    expect((await api(`/v1/orders/${orderId}`, { key: keyA })).body).toEqual(before);
    expect((await trace(keyA, orderId)).verification).toEqual({ valid: true, length: 1 });
  });
});

describe("another tenant's order", () => {
  it('is invisible to every endpoint (404), including list filters, trace, attendance, commands, complaints and rating links', async () => {
    const { orderId, workerId, complaintId, eventId } = hourly;
    // B has an order of its own in the same district and station, so its filtered lists are not trivially empty.
    const own = await createOrder(keyB);
    const notFound = [
      await api(`/v1/orders/${orderId}`, { key: keyB }),
      await api(`/v1/orders/${orderId}/trace`, { key: keyB }),
      await api(`/v1/orders/${orderId}/attendance`, { key: keyB }),
      await api(`/v1/events/${eventId}`, { key: keyB }),
      await api(`/v1/complaints/${complaintId}`, { key: keyB }),
      await post(keyB, `/v1/complaints/${complaintId}/resolve`, { resolution: 'rejected' }),
      await post(keyB, `/v1/orders/${orderId}/complaints`, { category: 'other', description: '试探', source: 'enterprise' }),
      await post(keyB, `/v1/orders/${orderId}/rating-token`),
    ];
    const commandBodies: Record<string, unknown> = {
      assign: { workerId: 'wk-b' },
      confirm: {},
      reschedule: { schedule: { start: '2026-12-02T09:00:00+08:00', end: '2026-12-02T12:00:00+08:00' }, reasonCode: 'schedule_conflict' },
      'check-in': { at: '2026-12-01T09:00:00+08:00' },
      attendance: { date: '2026-12-01', checkIn: '2026-12-01T08:00:00+08:00', checkOut: '2026-12-01T20:00:00+08:00' },
      'check-out': { at: '2026-12-01T12:00:00+08:00' },
      cancel: { by: 'enterprise', reasonCode: 'other' },
      'no-show': { party: 'worker', at: '2026-12-01T09:30:00+08:00' },
      dispute: { reasonCode: 'quality' },
      resolve: { resolution: 'withdrawn' },
      close: {},
    };
    for (const [name, body] of Object.entries(commandBodies)) notFound.push(await post(keyB, `/v1/orders/${orderId}/${name}`, body));
    for (const res of notFound) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.type).toBe('/problems/not-found');
    }

    const station = validOrder().stationId!;
    const district = encodeURIComponent(validOrder().district);
    const lists = {
      all: '/v1/orders?limit=100',
      status: '/v1/orders?status=CLOSED&limit=100',
      created: '/v1/orders?status=CREATED&limit=100',
      workerId: `/v1/orders?workerId=${workerId}&limit=100`,
      stationId: `/v1/orders?stationId=${station}&limit=100`,
      district: `/v1/orders?district=${district}&limit=100`,
    };
    for (const [name, path] of Object.entries(lists)) {
      const ids = ((await api(path, { key: keyB })).body.items as { orderId: string }[]).map((o) => o.orderId);
      expect(ids, name).not.toContain(orderId);
      if (!['status', 'workerId'].includes(name)) expect(ids, name).toEqual([own]);
      // The owner does see it through the same filters (the filters are not simply broken).
      if (name !== 'created') expect(((await api(path, { key: keyA })).body.items as { orderId: string }[]).map((o) => o.orderId), name).toContain(orderId);
    }
    expect((await api('/v1/complaints', { key: keyB })).body.items).toEqual([]);
    // Tampering detection below must not see B's probes: nothing was appended to A's order.
    expect((await trace(keyA, orderId)).verification).toEqual({ valid: true, length: 9 });
  });
});

describe('a trace entry edited in DynamoDB Local', () => {
  it('is reported as the break point by the admin endpoint', async () => {
    const { orderId } = hourly;
    await platform.store.doc.send(
      new UpdateCommand({
        TableName: platform.store.tableName,
        Key: { pk: tableKeys.orderPartition(tenantA, orderId), sk: tableKeys.traceSk(6) },
        UpdateExpression: 'SET #at = :at',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':at': '2026-11-01T00:00:00.000Z' },
      }),
    );
    expect((await api(`/v1/admin/trace-verification?tenantId=${tenantA}`, { key: keyA })).status).toBe(403);
    const report = (await api(`/v1/admin/trace-verification?tenantId=${tenantA}`, { key: adminKey })).body;
    expect(report.checked).toBeGreaterThanOrEqual(3);
    expect(report.brokenCount).toBe(1);
    expect(report.valid).toBe(report.checked - 1);
    expect(report.broken).toEqual([
      { orderId, brokenAt: 6, reason: 'entry content does not match its hash', length: 9, entry: expect.objectContaining({ seq: 6, type: 'order.rate' }) },
    ]);
    const one = (await api(`/v1/admin/trace-verification?tenantId=${tenantA}&orderId=${orderId}`, { key: adminKey })).body;
    expect(one).toMatchObject({ orderId, checked: 1, brokenCount: 1, broken: [{ brokenAt: 6 }] });
    expect((await trace(keyA, orderId)).verification).toMatchObject({ valid: false, brokenAt: 6 });
  });
});
