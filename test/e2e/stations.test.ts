/**
 * Stations end to end on the local platform, over HTTP as officers, enterprises and
 * households use them (docs/stations.md): a handful of stations and areas registered by an
 * officer around a made-up point; the public 15-minute circle checked against this test's
 * own brute-force distance over every station it placed, in order; a change at a stale
 * version refused; orders naming an unknown or closed station refused (422, nothing
 * queued); a closed station reopened, back in the circle and on orders; the coverage report against the test's own nearest-station computation; a
 * station's month counted from an order driven through its whole life; certified-worker
 * counts after the nightly job. Every wait polls with a deadline.
 */
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { shanghaiMonth } from '../../shared/lib/shanghai-day';
import { EXAMPLE_STATION } from '../../shared/schemas/examples';
import { employmentRepository } from '../../shared/store/employment-repository';
import { certifyWorker } from '../support/certificates';
import { validOrder } from '../support/fixtures';
import { conformingFetch } from '../support/openapi-conformance';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
type Json = any;
type Point = { lat: number; lng: number };

let platform: TestPlatform;
let admin: string;
let requestCount = 0;

async function api(path: string, init: { method?: string; key?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.method === 'POST' && init.key) headers['idempotency-key'] = init.idempotencyKey ?? `e2e-stations-${process.pid}-${++requestCount}`;
  const res = await conformingFetch(`${platform.apiUrl}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const send = (method: string, key: string, path: string, body: unknown = {}) => api(path, { method, key, body });

/** This test's own great-circle distance: the haversine formula written out again, on the mean Earth radius. */
function metres(a: Point, b: Point): number {
  const r = Math.PI / 180;
  const s = Math.sin(((b.lat - a.lat) * r) / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(((b.lng - a.lng) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(s));
}
/** A point `north` and `east` metres from `p` (a local flat approximation: the test checks distances itself). */
const at = (p: Point, north: number, east: number): Point => ({ lat: p.lat + north / 111_195, lng: p.lng + east / (111_195 * Math.cos((p.lat * Math.PI) / 180)) });

/** A made-up place (no station of the demo nearby): everything this test registers is around it. */
const ORIGIN = { lat: 24.6, lng: 110.8 };
const OFFSETS: [number, number][] = [
  [150, 80],
  [-600, 500],
  [900, -700],
  [0, 1150],
  [-1300, 200],
  [2100, 2100],
  [400, -1600],
  [-250, -300],
];
const QUERY_POINTS = [ORIGIN, at(ORIGIN, 800, 600), at(ORIGIN, -900, -400)];
const run = `${process.pid}${Date.now() % 100_000}`;
const stationIds = OFFSETS.map((_, i) => `st-e2e-${run}-${i}`);
const placed = new Map<string, Point>();

let enterprise: { tenantId: string; key: string };
let outsider: { tenantId: string; key: string };

const nearby = async (p: Point) => {
  const res = await api(`/v1/public/stations/nearby?lat=${p.lat}&lng=${p.lng}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
/** The stations this test placed that are active and within 1,200 m of `p`, nearest first: by brute force. */
const expectedNearby = (p: Point, closed: Set<string>) =>
  [...placed]
    .filter(([id]) => !closed.has(id))
    .map(([id, location]) => ({ id, d: metres(p, location) }))
    .filter(({ d }) => d <= 1200)
    .sort((a, b) => a.d - b.d)
    .map(({ id }) => id);

beforeAll(async () => {
  platform = await startTestPlatform();
  admin = platform.keys.admin;
  const tenant = async (name: string) => {
    const t = await createTenant(platform.store, { name, role: 'enterprise' });
    return { tenantId: t.tenantId, key: (await createKey(platform.store, t.tenantId)).apiKey };
  };
  [enterprise, outsider] = await Promise.all([tenant('广州站内家政有限公司'), tenant('广州站外家政有限公司')]);
  for (const [i, [north, east]] of OFFSETS.entries()) {
    const location = at(ORIGIN, north, east);
    const res = await send('POST', admin, '/v1/admin/stations', {
      ...EXAMPLE_STATION,
      stationId: stationIds[i],
      name: `测试站${i}`,
      street: `测试街道${i % 3}`,
      location,
      enterprises: i % 2 === 0 ? [enterprise.tenantId] : [],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    placed.set(stationIds[i]!, location);
  }
  // No station this test placed is within a metre of the circle's edge from any query point,
  // so the two distance implementations cannot disagree on which side it lies.
  for (const p of QUERY_POINTS) for (const location of placed.values()) expect(Math.abs(metres(p, location) - 1200)).toBeGreaterThan(1);
}, 180_000);
afterAll(async () => {
  await platform?.close();
});

describe('the 15-minute circle', () => {
  it('returns exactly the stations a brute-force distance check selects, nearest first', async () => {
    for (const p of QUERY_POINTS) {
      const body = await nearby(p);
      const mine = body.items.filter((i: Json) => placed.has(i.stationId));
      expect(mine.map((i: Json) => i.stationId), JSON.stringify(p)).toEqual(expectedNearby(p, new Set()));
      expect(mine.length).toBe(body.items.length);
      for (const item of mine) expect(Math.abs(item.distanceM - metres(p, placed.get(item.stationId)!))).toBeLessThanOrEqual(1);
      expect(body).toMatchObject({ radiusM: 1200, walkMinutes: 15, datum: 'WGS-84' });
    }
    expect(expectedNearby(ORIGIN, new Set()).length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a point out of range (400)', async () => {
    expect((await api('/v1/public/stations/nearby?lat=95&lng=110')).status).toBe(400);
    expect((await api('/v1/public/stations/nearby?lat=24.6')).status).toBe(400);
  });
});

describe('the registry', () => {
  it('a change at a stale version is refused; at the version read it moves the station, and nearby follows', async () => {
    const id = stationIds[0]!;
    const read = await api(`/v1/admin/stations/${id}`, { key: admin });
    expect(read.status).toBe(200);
    expect(read.body.trace.verification).toEqual({ valid: true, length: 1 });
    const far = at(ORIGIN, 5000, 5000);
    expect((await send('PATCH', admin, `/v1/admin/stations/${id}`, { version: read.body.version + 1, location: far })).status).toBe(409);
    const moved = await send('PATCH', admin, `/v1/admin/stations/${id}`, { version: read.body.version, location: far });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    placed.set(id, far);
    expect((await nearby(ORIGIN)).items.map((i: Json) => i.stationId)).toEqual(expectedNearby(ORIGIN, new Set()));
    expect((await send('PATCH', admin, `/v1/admin/stations/${id}`, { version: read.body.version, name: '另一个改动' })).status).toBe(409);
    const after = await api(`/v1/admin/stations/${id}`, { key: admin });
    expect(after.body.trace.entries.map((e: Json) => e.type)).toEqual(['station.registered', 'station.changed']);
    // Only officers: an enterprise key is refused.
    expect((await send('POST', enterprise.key, '/v1/admin/stations', { ...EXAMPLE_STATION, stationId: `st-e2e-${run}-x` })).status).toBe(403);
    // A stationed tenant must be an enterprise; nothing is stored on the refusal.
    const refused = await send('POST', admin, '/v1/admin/stations', { ...EXAMPLE_STATION, stationId: `st-e2e-${run}-y`, enterprises: [`ten_${ulid()}`] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ pointer: '/enterprises/0', detail: 'is not an enterprise on the platform' }]);
    expect((await api(`/v1/admin/stations/st-e2e-${run}-y`, { key: admin })).status).toBe(404);
  });
});

describe('orders name active stations', () => {
  it('an unknown or closed station is refused with 422 at /stationId, and nothing is queued', async () => {
    const unknown = await send('POST', enterprise.key, '/v1/orders', validOrder({ stationId: `st-e2e-${run}-none` }));
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ type: '/problems/station-not-active', errors: [{ pointer: '/stationId' }] });

    const closing = stationIds[1]!;
    const closed = await send('POST', admin, `/v1/admin/stations/${closing}/close`, { reason: '测试关闭' });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    const refused = await send('POST', enterprise.key, '/v1/orders', validOrder({ stationId: closing }));
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('closed');
    expect((await nearby(ORIGIN)).items.map((i: Json) => i.stationId)).toEqual(expectedNearby(ORIGIN, new Set([closing])));
    placed.delete(closing);
    // Nothing was accepted for either: the enterprise has no orders.
    expect((await api('/v1/orders', { key: enterprise.key })).body.items).toEqual([]);
  });

  it('a reopened station is back in the circle and on orders; reopening an active one is 409, its own key again 200', async () => {
    const id = stationIds[7]!;
    const reopen = (idempotencyKey: string, body: unknown = {}) => api(`/v1/admin/stations/${id}/reopen`, { method: 'POST', key: admin, body, idempotencyKey });
    const active = await reopen(`e2e-reopen-${run}-0`);
    expect(active).toMatchObject({ status: 409, body: { type: '/problems/station-not-closed' } });
    expect((await api(`/v1/admin/stations/st-e2e-${run}-none/reopen`, { method: 'POST', key: admin, body: {} })).status).toBe(404);
    expect((await api(`/v1/admin/stations/${id}/reopen`, { method: 'POST', key: enterprise.key, body: {} })).status).toBe(403);

    expect((await send('POST', admin, `/v1/admin/stations/${id}/close`, { reason: '装修' })).body.status).toBe('closed');
    const location = placed.get(id)!;
    placed.delete(id);
    expect((await nearby(ORIGIN)).items.map((i: Json) => i.stationId)).toEqual(expectedNearby(ORIGIN, new Set()));
    expect((await send('POST', enterprise.key, '/v1/orders', validOrder({ stationId: id }))).status).toBe(422);

    const reopened = await reopen(`e2e-reopen-${run}-1`, { reason: '装修完成' });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'active', reopenReason: '装修完成', version: 3 });
    expect(reopened.body.closedAt).toBeUndefined();
    expect(await reopen(`e2e-reopen-${run}-1`, { reason: '装修完成' })).toEqual(reopened);
    expect((await reopen(`e2e-reopen-${run}-2`)).status).toBe(409);
    placed.set(id, location);
    expect((await nearby(ORIGIN)).items.map((i: Json) => i.stationId)).toEqual(expectedNearby(ORIGIN, new Set()));
    expect(expectedNearby(ORIGIN, new Set())).toContain(id);
    const trace = (await api(`/v1/admin/stations/${id}`, { key: admin })).body.trace;
    expect(trace.entries.map((e: Json) => e.type)).toEqual(['station.registered', 'station.closed', 'station.reopened']);
    expect(trace.verification).toEqual({ valid: true, length: 3 });
    // Orders may name it again.
    const order = await send('POST', enterprise.key, '/v1/orders', validOrder({ stationId: id }));
    expect(order.status, JSON.stringify(order.body)).toBe(202);
    const event = await eventually(async () => {
      const e = (await api(`/v1/events/${order.body.eventId}`, { key: enterprise.key })).body;
      return e?.status === 'accepted' ? undefined : e;
    }, 60_000, 'the order naming the reopened station to settle');
    expect(event.status, JSON.stringify(event)).toBe('applied');
  });
});

describe('coverage', () => {
  it("equals the test's own nearest-station computation over every area and active station", async () => {
    const areas: [string, Point][] = [
      [`ar-e2e-${run}-0`, at(ORIGIN, 100, -100)],
      [`ar-e2e-${run}-1`, at(ORIGIN, -1500, 2500)],
      [`ar-e2e-${run}-2`, at(ORIGIN, 3000, 0)],
      [`ar-e2e-${run}-3`, at(ORIGIN, 50_000, 0)],
    ];
    for (const [areaId, centroid] of areas) {
      const res = await send('PUT', admin, `/v1/admin/areas/${areaId}`, { district: '测试区', street: `测试片区 ${areaId}`, centroid });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const [report, allAreas, active] = await Promise.all([
      api('/v1/admin/station-coverage', { key: admin }),
      api('/v1/admin/areas', { key: admin }),
      api('/v1/admin/stations?status=active', { key: admin }),
    ]);
    expect(report.status).toBe(200);
    const expected = allAreas.body.items.map((area: Json) => {
      const ranked = active.body.items.map((s: Json) => ({ id: s.stationId, d: metres(area.centroid, s.location) })).sort((a: Json, b: Json) => a.d - b.d || (a.id < b.id ? -1 : 1));
      return { areaId: area.areaId, nearest: ranked[0]?.id ?? null, covered: ranked.length > 0 && ranked[0].d <= 1200 };
    });
    const got = report.body.areas.map((a: Json) => ({ areaId: a.areaId, nearest: a.nearest?.stationId ?? null, covered: a.covered }));
    expect([...got].sort((a, b) => a.areaId.localeCompare(b.areaId))).toEqual([...expected].sort((a: Json, b: Json) => a.areaId.localeCompare(b.areaId)));
    const covered = expected.filter((e: Json) => e.covered).length;
    expect(report.body).toMatchObject({ total: expected.length, covered, share: covered / expected.length, radiusM: 1200 });
    // The test's own areas: near the origin covered, 50 km away not.
    expect(got.find((a: Json) => a.areaId === areas[0]![0]).covered).toBe(true);
    expect(got.find((a: Json) => a.areaId === areas[3]![0]).covered).toBe(false);
  });
});

describe("a station's figures and certified workers", () => {
  it('counts an order driven through its life into its station’s month; an enterprise not stationed there is refused', async () => {
    const stationId = stationIds[2]!;
    const workerId = `wkr_${ulid()}`;
    await employmentRepository(platform.store).link({ tenantId: enterprise.tenantId, workerId, status: 'current', since: '2026-01-01' });
    await certifyWorker(platform.store, workerId, enterprise.tenantId);
    const created = await send('POST', enterprise.key, '/v1/orders', validOrder({ stationId, serviceType: 'nanny', mode: 'daytime' }));
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const orderId = created.body.orderId as string;
    const settled = async (res: { status: number; body: Json }) => {
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      const event = await eventually(async () => {
        const e = (await api(`/v1/events/${res.body.eventId}`, { key: enterprise.key })).body;
        return e?.status === 'accepted' ? undefined : e;
      }, 60_000, 'the command to settle');
      expect(event.status, JSON.stringify(event)).toBe('applied');
    };
    await settled(created);
    const step = (name: string, body: unknown = {}) => send('POST', enterprise.key, `/v1/orders/${orderId}/${name}`, body).then(settled);
    await step('assign', { workerId });
    await step('confirm');
    // Check-in evidence names a station too: a closed one is refused like an order's.
    expect((await send('POST', enterprise.key, `/v1/orders/${orderId}/check-in`, { at: '2026-12-01T09:01:00+08:00', stationId: stationIds[1], method: 'station' })).status).toBe(422);
    await step('check-in', { at: '2026-12-01T09:01:00+08:00', stationId, method: 'station' });
    await step('check-out', { at: '2026-12-01T12:00:00+08:00', method: 'app' });
    const link = await send('POST', enterprise.key, `/v1/orders/${orderId}/rating-token`);
    expect(link.status).toBe(201);
    const rating = await api('/v1/public/ratings', { method: 'POST', body: { token: link.body.token, stars: 4 } });
    expect(rating.status).toBe(202);

    const month = shanghaiMonth(new Date());
    const figures = await eventually(async () => {
      const res = await api(`/v1/stations/${stationId}/figures?from=${month}&to=${month}`, { key: enterprise.key });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.months[0]?.ratings === 1 && res.body.months[0]?.ordersCompleted === 1 ? res.body : undefined;
    }, 60_000, "the station's month");
    expect(figures.months).toEqual([{ period: month, ordersCreated: 1, byServiceType: { nanny: 1 }, ordersCompleted: 1, ratings: 1, ratingStarsSum: 4 }]);
    expect((await api(`/v1/stations/${stationId}/figures?from=${month}&to=${month}`, { key: admin })).body).toEqual(figures);
    expect((await api(`/v1/stations/${stationId}/figures?from=${month}&to=${month}`, { key: outsider.key })).status).toBe(403);
  });

  it('shows the certified workers of the stationed enterprises per service after the nightly count', async () => {
    const job = platform.topology.functions.find((f) => f.logicalId.startsWith('StationStaff'));
    expect(job, platform.topology.functions.map((f) => f.logicalId).join(', ')).toBeDefined();
    const result = (await platform.invoke(job!.logicalId, { tenantIds: [enterprise.tenantId] })) as Json;
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, result: { counted: 1, failed: [] } });
    const body = await nearby(ORIGIN);
    const stationed = body.items.filter((i: Json) => [stationIds[2], stationIds[4], stationIds[6]].includes(i.stationId));
    const unstationed = body.items.filter((i: Json) => [stationIds[3], stationIds[5], stationIds[7]].includes(i.stationId));
    expect(stationed.length).toBeGreaterThan(0);
    for (const item of stationed) {
      // The certificate fixture's categories: nanny (居家服务) and maternity matron (母婴服务).
      expect(item.services.map((s: Json) => [s.code, s.certifiedWorkers])).toEqual([
        ['home', 1],
        ['maternal-infant', 1],
        ['elderly-care', 0],
        ['referral', undefined],
      ]);
      expect(item.countsAsOf).toBe(result.result.countedAt);
    }
    for (const item of unstationed) expect(item.countsAsOf).toBeNull();
  });
});
