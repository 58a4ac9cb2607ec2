/**
 * Stations against DynamoDB Local: the registry's traced changes (register, repeat,
 * conflict, change at a version, stale, close, reopen) with their geo index entries kept in the
 * same transaction; refusals that store nothing; the order's station check; the nearby
 * read over the geo index; the coverage report; the certified-worker counts; a station's
 * monthly figures counted once per event.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../shared/admin/onboarding';
import type { Caller } from '../../shared/auth/roles';
import { EARTH_RADIUS_M, type GeoPoint } from '../../shared/domain/station/distance';
import { cellOf } from '../../shared/domain/station/geo-cells';
import { Problem } from '../../shared/lib/problem';
import { EXAMPLE_STATION } from '../../shared/schemas/examples';
import { acceptCreateOrder } from '../../shared/services/accept-order-command';
import { requireActiveStation } from '../../shared/services/order-station';
import { stationCoverage } from '../../shared/services/station-coverage';
import { countStationStaff } from '../../shared/services/station-staff';
import { changeStation, closeStation, listStations, registerStation, reopenStation, stationWithTrace } from '../../shared/services/stations';
import { nearbyStations } from '../../shared/services/stations-nearby';
import { areasRepository } from '../../shared/store/areas-repository';
import type { StoreContext } from '../../shared/store/client';
import { creditFactsRepository } from '../../shared/store/credit-facts-repository';
import { employmentRepository } from '../../shared/store/employment-repository';
import { keys } from '../../shared/store/keys';
import { stationFiguresRepository } from '../../shared/store/station-figures-repository';
import { stationsRepository } from '../../shared/store/stations-repository';
import { certifyWorker } from '../support/certificates';
import { TEST_OFFICER } from '../support/stations';
import { createTestStore } from '../support/test-store';

let store: StoreContext & { client: { destroy(): void } };
let enterpriseId: string;
beforeAll(async () => {
  store = await createTestStore();
  enterpriseId = (await createTenant(store, { name: '广州测试家政有限公司', role: 'enterprise' })).tenantId;
});
afterAll(() => store?.client.destroy());

const deps = () => ({ store });
/** What a promise rejects with (undefined when it resolves). */
const thrown = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);
const id = () => `st-${ulid().toLowerCase()}`;
/** A point `north` and `east` metres from `origin` (small offsets, on the sphere). */
const offset = (origin: GeoPoint, north: number, east: number): GeoPoint => ({
  lat: origin.lat + (north / EARTH_RADIUS_M) * (180 / Math.PI),
  lng: origin.lng + (east / (EARTH_RADIUS_M * Math.cos((origin.lat * Math.PI) / 180))) * (180 / Math.PI),
});
const register = (overrides: Partial<typeof EXAMPLE_STATION> = {}) => registerStation(deps(), TEST_OFFICER, { ...EXAMPLE_STATION, stationId: id(), ...overrides });
const cellEntry = async (cell: string, stationId: string) => (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.stationCell(cell, stationId) }))).Item;

describe('the registry', () => {
  it('registers a traced station in the geo index; the same registration again is a repeat, another one a conflict', async () => {
    const first = await register({ enterprises: [enterpriseId] });
    expect(first.created).toBe(true);
    const { station, trace } = await stationWithTrace(store, first.station.stationId);
    expect(station).toMatchObject({ status: 'active', version: 1, enterprises: [enterpriseId] });
    expect(trace.entries.map((e) => e.type)).toEqual(['station.registered']);
    expect(trace.verification).toEqual({ valid: true, length: 1 });
    expect(await cellEntry(cellOf(station.location), station.stationId)).toMatchObject({ name: station.name, enterprises: [enterpriseId] });

    const again = await registerStation(deps(), TEST_OFFICER, { ...EXAMPLE_STATION, stationId: station.stationId, enterprises: [enterpriseId] });
    expect(again).toMatchObject({ created: false, station: { version: 1 } });
    const other = await thrown(registerStation(deps(), TEST_OFFICER, { ...EXAMPLE_STATION, stationId: station.stationId, name: '别的站' }));
    expect(other).toMatchObject({ status: 409, slug: 'station-exists' });
    expect((await stationsRepository(store).trace(station.stationId)).length).toBe(1);
  });

  it('refuses a stationed tenant that is not an enterprise, and stores nothing', async () => {
    const admin = (await createTenant(store, { name: 'officer', role: 'admin' })).tenantId;
    const stationId = id();
    const error = await thrown(registerStation(deps(), TEST_OFFICER, { ...EXAMPLE_STATION, stationId, enterprises: [enterpriseId, admin, `ten_${ulid()}`] }));
    expect(error).toMatchObject({ status: 422 });
    expect((error as Problem).body().errors).toEqual([
      { pointer: '/enterprises/1', detail: 'is not an enterprise on the platform' },
      { pointer: '/enterprises/2', detail: 'is not an enterprise on the platform' },
    ]);
    expect(await stationsRepository(store).get(stationId, true)).toBeUndefined();
  });

  it('changes at the version read: moves its geo entry; a stale version is 409; the same change again answers as it did', async () => {
    const { station } = await register();
    const moved = offset(station.location, 20_000, 0);
    const changed = await changeStation(deps(), TEST_OFFICER, station.stationId, { version: 1, location: moved, services: ['referral'] });
    expect(changed.station).toMatchObject({ version: 2, location: moved, services: ['referral'] });
    expect(await cellEntry(cellOf(station.location), station.stationId)).toBeUndefined();
    expect(await cellEntry(cellOf(moved), station.stationId)).toMatchObject({ services: ['referral'] });

    const repeat = await changeStation(deps(), TEST_OFFICER, station.stationId, { version: 1, location: moved, services: ['referral'] });
    expect(repeat).toMatchObject({ created: false, station: { version: 2 } });
    expect(await thrown(changeStation(deps(), TEST_OFFICER, station.stationId, { version: 1, name: '迟到的改动' }))).toMatchObject({ status: 409, slug: 'station-changed' });
    const { trace } = await stationWithTrace(store, station.stationId);
    expect(trace.entries.map((e) => e.type)).toEqual(['station.registered', 'station.changed']);
    expect(trace.verification.valid).toBe(true);
  });

  it('closes: the station leaves the geo index, closing again changes nothing, a closed station does not change', async () => {
    const { station } = await register();
    const closed = await closeStation(deps(), TEST_OFFICER, station.stationId, '场地到期');
    expect(closed.station).toMatchObject({ status: 'closed', closeReason: '场地到期', version: 2 });
    expect(await cellEntry(cellOf(station.location), station.stationId)).toBeUndefined();
    expect((await closeStation(deps(), TEST_OFFICER, station.stationId, undefined)).station.version).toBe(2);
    expect(await thrown(changeStation(deps(), TEST_OFFICER, station.stationId, { version: 2, name: 'x' }))).toMatchObject({ status: 409, slug: 'station-closed' });
    expect(await thrown(closeStation(deps(), TEST_OFFICER, 'st-none', undefined))).toMatchObject({ status: 404 });
  });

  it('reopens a closed station: back in the geo index and in nearby, orders may name it, the trace verifies', async () => {
    const { station } = await register();
    await closeStation(deps(), TEST_OFFICER, station.stationId, '场地到期');
    const reopened = await reopenStation(deps(), TEST_OFFICER, station.stationId, 'reopen-key-0001', '新场地');
    expect(reopened.station).toMatchObject({ status: 'active', version: 3, reopenReason: '新场地' });
    // The closing's time and reason no longer describe the station: the trace keeps when it closed.
    expect(reopened.station.closedAt).toBeUndefined();
    expect(reopened.station.closeReason).toBeUndefined();
    expect(await cellEntry(cellOf(station.location), station.stationId)).toMatchObject({ stationId: station.stationId, name: station.name });
    expect((await nearbyStations(store, station.location)).items.map((i) => i.stationId)).toContain(station.stationId);
    const caller: Caller = { tenantId: `ten_${ulid()}`, role: 'enterprise', keyId: 'key_x' };
    await requireActiveStation(store, caller, 'order-after-reopen', station.stationId);
    expect((await listStations(store, { status: 'active' })).map((s) => s.stationId)).toContain(station.stationId);
    expect((await listStations(store, { status: 'closed' })).map((s) => s.stationId)).not.toContain(station.stationId);

    const { trace } = await stationWithTrace(store, station.stationId);
    expect(trace.entries.map((e) => e.type)).toEqual(['station.registered', 'station.closed', 'station.reopened']);
    expect(trace.verification).toEqual({ valid: true, length: 3 });
    // A reopened station changes again at its version.
    expect((await changeStation(deps(), TEST_OFFICER, station.stationId, { version: 3, name: '重开的站' })).station).toMatchObject({ version: 4, name: '重开的站' });
  });

  it('reopening: an active station is 409; the same key again answers, with another body 422; an unknown station 404; each closing has its own event id', async () => {
    const { station } = await register();
    const notClosed = await thrown(reopenStation(deps(), TEST_OFFICER, station.stationId, 'reopen-key-active', undefined));
    expect(notClosed).toMatchObject({ status: 409, slug: 'station-not-closed' });
    expect((await stationsRepository(store).trace(station.stationId)).length).toBe(1);

    await closeStation(deps(), TEST_OFFICER, station.stationId, undefined);
    const first = await reopenStation(deps(), TEST_OFFICER, station.stationId, 'reopen-key-0002', undefined);
    expect(first.station).toMatchObject({ status: 'active', version: 3 });
    // A retry of that reopening answers the station as it is; a second reopening under another key is refused.
    expect((await reopenStation(deps(), TEST_OFFICER, station.stationId, 'reopen-key-0002', undefined)).station.version).toBe(3);
    expect(await thrown(reopenStation(deps(), TEST_OFFICER, station.stationId, 'reopen-key-0002', '别的理由'))).toMatchObject({ status: 422, slug: 'idempotency-key-reused' });
    expect(await thrown(reopenStation(deps(), TEST_OFFICER, station.stationId, 'reopen-key-0003', undefined))).toMatchObject({ status: 409, slug: 'station-not-closed' });

    // Closed again: the old reopening's retry still does not reopen it.
    await closeStation(deps(), TEST_OFFICER, station.stationId, '再次关闭');
    const retried = await reopenStation(deps(), TEST_OFFICER, station.stationId, 'reopen-key-0002', undefined);
    expect(retried.station).toMatchObject({ status: 'closed', version: 4 });
    expect(await cellEntry(cellOf(station.location), station.stationId)).toBeUndefined();

    const entries = await stationsRepository(store).trace(station.stationId);
    expect(entries.map((e) => e.type)).toEqual(['station.registered', 'station.closed', 'station.reopened', 'station.closed']);
    expect(new Set(entries.map((e) => e.eventId)).size).toBe(entries.length);
    expect(await thrown(reopenStation(deps(), TEST_OFFICER, 'st-none', 'reopen-key-0004', undefined))).toMatchObject({ status: 404 });
  });

  it('two reopenings of one closed station at once under different keys: one reopens, the other is 409', async () => {
    const { station } = await register();
    await closeStation(deps(), TEST_OFFICER, station.stationId, undefined);
    const outcomes = await Promise.all(
      ['race-key-000a', 'race-key-000b', 'race-key-000c'].map((key) =>
        reopenStation(deps(), TEST_OFFICER, station.stationId, key, undefined).then(
          () => 'ok',
          (e: Problem) => e.slug,
        ),
      ),
    );
    expect(outcomes.sort()).toEqual(['ok', 'station-not-closed', 'station-not-closed']);
    const { trace } = await stationWithTrace(store, station.stationId);
    expect(trace.entries.map((e) => e.type)).toEqual(['station.registered', 'station.closed', 'station.reopened']);
  });

  it('lists by district and by status (indexes, not scans)', async () => {
    const district = `测试区-${ulid()}`;
    const a = (await register({ district })).station;
    const b = (await register({ district })).station;
    await closeStation(deps(), TEST_OFFICER, b.stationId, undefined);
    expect((await listStations(store, { district })).map((s) => s.stationId)).toEqual([a.stationId, b.stationId].sort());
    expect((await listStations(store, { district, status: 'closed' })).map((s) => s.stationId)).toEqual([b.stationId]);
    expect((await listStations(store, { status: 'closed' })).map((s) => s.stationId)).toContain(b.stationId);
    expect((await listStations(store, { status: 'active' })).map((s) => s.stationId)).not.toContain(b.stationId);
  });
});

describe("an order's station", () => {
  const caller: Caller = { tenantId: `ten_${ulid()}`, role: 'enterprise', keyId: 'key_x' };

  it('must be registered and active; a retry of a command accepted before the closing still gets its answer', async () => {
    const { station } = await register();
    await requireActiveStation(store, caller, 'order-key-0001', station.stationId);
    await requireActiveStation(store, caller, 'order-key-0001', undefined);
    const unknown = await thrown(requireActiveStation(store, caller, 'order-key-0002', 'st-unknown'));
    expect(unknown).toMatchObject({ status: 422, slug: 'station-not-active' });
    expect((unknown as Problem).body().errors).toEqual([{ pointer: '/stationId', detail: 'names no registered station' }]);

    const sent: unknown[] = [];
    const sqs = { send: async (c: unknown) => void sent.push(c) } as never;
    await acceptCreateOrder({ store, sqs, queueUrl: 'memory://orders' }, caller, 'order-key-0003', { ...(await import('../support/fixtures')).validOrder(), stationId: station.stationId });
    await closeStation(deps(), TEST_OFFICER, station.stationId, undefined);
    const closed = await thrown(requireActiveStation(store, caller, 'order-key-0004', station.stationId));
    expect((closed as Problem).body()).toMatchObject({ detail: `Station ${station.stationId} is closed.`, errors: [{ pointer: '/stationId', detail: 'names a closed station' }] });
    await requireActiveStation(store, caller, 'order-key-0003', station.stationId);
  });
});

describe('nearby, coverage, counts and figures', () => {
  // A made-up origin far from every other test's stations (its own geohash cells).
  const origin = { lat: -33.5, lng: 151.1 };

  it('nearby: the active stations within 1,200 m over the 9 cells, nearest first, with the counts', async () => {
    const enterprise = (await createTenant(store, { name: '近邻家政', role: 'enterprise' })).tenantId;
    const placed = [
      ['near', 100, 0],
      ['mid', 0, -700],
      ['edge', -1190, 0],
      ['out', 1250, 0],
      ['far', 0, 6000],
    ] as const;
    const ids: Record<string, string> = {};
    for (const [name, north, east] of placed) ids[name] = (await register({ location: offset(origin, north, east), enterprises: [enterprise], services: ['home', 'referral'] })).station.stationId;
    const closed = (await register({ location: offset(origin, 10, 10) })).station.stationId;
    await closeStation(deps(), TEST_OFFICER, closed, undefined);

    const before = await nearbyStations(store, origin);
    expect(before.items.map((i) => i.stationId)).toEqual([ids.near, ids.mid, ids.edge]);
    expect(before.items.map((i) => i.distanceM)).toEqual([100, 700, 1190]);
    expect(before.items[0]).toMatchObject({ services: [{ code: 'home', label: '居家服务', certifiedWorkers: 0 }, { code: 'referral', label: '转介服务' }], countsAsOf: null });

    // Two certified workers (nanny and cleaning both count once for 居家服务), one without a certificate.
    for (const categories of [['nanny', 'cleaning'], ['maternity_matron']]) {
      const workerId = `wkr_${ulid()}`;
      await employmentRepository(store).link({ tenantId: enterprise, workerId, status: 'current', since: '2026-01-01' });
      await certifyWorker(store, workerId, enterprise, { serviceCategories: categories });
    }
    await employmentRepository(store).link({ tenantId: enterprise, workerId: `wkr_${ulid()}`, status: 'current', since: '2026-01-01' });
    const run = await countStationStaff(store, new Date(), [enterprise]);
    expect(run).toMatchObject({ counted: 1, failed: [] });
    const after = await nearbyStations(store, origin);
    expect(after.items[0]!.services[0]).toEqual({ code: 'home', label: '居家服务', certifiedWorkers: 1 });
    expect(after.items[0]!.countsAsOf).toBe(run.countedAt);
    expect((await stationFiguresRepository(store).staffCounts([enterprise]))[0]?.byService).toEqual({ home: 1, 'maternal-infant': 1, 'elderly-care': 0 });
  });

  it('coverage: each area with its nearest active station and the share inside the circle', async () => {
    const areas = areasRepository(store);
    const at = new Date().toISOString();
    const suffix = ulid();
    await areas.put({ areaId: `ar-in-${suffix}`, district: '测试区', street: '里面', centroid: offset(origin, 150, 0), updatedAt: at });
    await areas.put({ areaId: `ar-out-${suffix}`, district: '测试区', street: '外面', centroid: offset(origin, 0, 4000), updatedAt: at });
    const report = await stationCoverage(store);
    const mine = report.areas.filter((a) => a.areaId.endsWith(suffix));
    expect(mine.map((a) => [a.street, a.nearest?.distanceM, a.covered])).toEqual([
      ['外面', 2000, false],
      ['里面', 50, true],
    ]);
    expect(report.share).toBe(report.covered / report.total);
  });

  it("a station's month: counted with the event's credit facts, once", async () => {
    const stationId = id();
    const facts = (eventId: string) => ({
      eventId,
      enterprise: { tenantId: enterpriseId, period: '2026-12', counters: { ordersCreated: 1 } },
      station: { stationId, period: '2026-12', counters: { ordersCreated: 1, 'created:nanny': 1 } },
    });
    const first = `evt_${ulid()}`;
    expect(await creditFactsRepository(store).applyEventFacts(facts(first))).toBe('counted');
    expect(await creditFactsRepository(store).applyEventFacts(facts(first))).toBe('duplicate');
    await creditFactsRepository(store).applyEventFacts(facts(`evt_${ulid()}`));
    await creditFactsRepository(store).applyEventFacts({ eventId: `evt_${ulid()}`, station: { stationId, period: '2027-01', counters: { ratings: 1, ratingStarsSum: 5 } } });
    expect(await stationFiguresRepository(store).months(stationId, '2026-01', '2027-12')).toEqual([
      { period: '2026-12', ordersCreated: 2, byServiceType: { nanny: 2 }, ordersCompleted: 0, ratings: 0, ratingStarsSum: 0 },
      { period: '2027-01', ordersCreated: 0, byServiceType: {}, ordersCompleted: 0, ratings: 1, ratingStarsSum: 5 },
    ]);
    const all = await store.doc.send(new QueryCommand({ TableName: store.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': keys.stationPartition(stationId) } }));
    expect(all.Items).toHaveLength(2);
  });
});
