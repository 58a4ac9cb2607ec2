/**
 * The stations' pure rules (shared/domain/station/): the canonical details, changes at a
 * version (repeat, stale, closed), closing and reopening, which stations orders may name, the coverage
 * report on a hand-computed layout, the certified-worker counts per station service, and
 * which order events move a station's month (on events built by the real builder).
 */
import { describe, expect, it } from 'vitest';
import { countByService, servicesOfCategories } from '../../shared/domain/station/certified-kinds';
import { coverageReport } from '../../shared/domain/station/coverage';
import { EARTH_RADIUS_M } from '../../shared/domain/station/distance';
import { stationMonthDelta, stationMonthOf } from '../../shared/domain/station/month-figures';
import { acceptsOrders, decideChange, decideClose, decideReopen, normalizedDetails, STATION_SERVICES, type Station } from '../../shared/domain/station/station';
import { orderCloudEvent } from '../../shared/events/order-cloudevent';
import type { OrderEventCommand } from '../../shared/events/order-event-types';
import { readOrderCloudEvent } from '../../shared/events/read-order-cloudevent';
import { EXAMPLE_ORDER, EXAMPLE_STATION } from '../../shared/schemas/examples';

const station = (overrides: Partial<Station> = {}): Station => ({
  ...normalizedDetails(EXAMPLE_STATION),
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  creationHash: 'h0',
  version: 1,
  traceHead: { seq: 1, hash: 'a'.repeat(64) },
  ...overrides,
});

describe('station details and changes', () => {
  it('the example order names the example station', () => {
    expect(EXAMPLE_ORDER.stationId).toBe(EXAMPLE_STATION.stationId);
  });

  it('five services with stable codes and the programme’s labels; sets in one canonical order', () => {
    expect(STATION_SERVICES).toEqual({ home: '居家服务', 'maternal-infant': '母婴服务', 'elderly-care': '养老服务', 'medical-care': '医疗护理', referral: '转介服务' });
    expect(normalizedDetails({ services: ['referral', 'home', 'referral'], enterprises: ['ten_B', 'ten_A', 'ten_B'] })).toEqual({ services: ['home', 'referral'], enterprises: ['ten_A', 'ten_B'] });
  });

  it('a change at the current version applies over the details as read', () => {
    const decision = decideChange(station(), 1, { name: '新名字', services: ['referral', 'home'] }, 'h1');
    expect(decision).toEqual({ kind: 'change', details: expect.objectContaining({ name: '新名字', services: ['home', 'referral'], district: EXAMPLE_STATION.district }) });
  });

  it('a stale version is refused, the change that left it is a repeat, a closed station does not change', () => {
    const moved = station({ version: 2, lastChange: { fromVersion: 1, requestHash: 'h1' } });
    expect(decideChange(moved, 1, { name: 'x' }, 'h1')).toEqual({ kind: 'repeat' });
    expect(decideChange(moved, 1, { name: 'y' }, 'h2')).toEqual({ kind: 'stale', version: 2 });
    expect(decideChange(moved, 3, { name: 'y' }, 'h3')).toEqual({ kind: 'stale', version: 2 });
    expect(decideChange(station({ status: 'closed' }), 1, { name: 'y' }, 'h2')).toEqual({ kind: 'closed' });
  });

  it('closing twice changes nothing; orders name active stations only', () => {
    expect(decideClose(station())).toBe('close');
    expect(decideClose(station({ status: 'closed' }))).toBe('already-closed');
    expect(acceptsOrders(station())).toBe(true);
    expect(acceptsOrders(station({ status: 'closed' }))).toBe(false);
    expect(acceptsOrders(undefined)).toBe(false);
  });

  it('reopening: a closed station reopens; an active one is refused; its own key again is a repeat, with another body a reused key', () => {
    expect(decideReopen(station({ status: 'closed' }), 'evt_1', 'h1')).toBe('reopen');
    expect(decideReopen(station(), 'evt_1', 'h1')).toBe('not-closed');
    const reopened = station({ lastReopen: { eventId: 'evt_1', requestHash: 'h1' } });
    expect(decideReopen(reopened, 'evt_1', 'h1')).toBe('repeat');
    expect(decideReopen(reopened, 'evt_1', 'h2')).toBe('key-reused');
    expect(decideReopen(reopened, 'evt_2', 'h1')).toBe('not-closed');
    // Closed again since: the old reopening's retry is still that reopening, not a new one.
    expect(decideReopen({ ...reopened, status: 'closed' }, 'evt_1', 'h1')).toBe('repeat');
    expect(decideReopen({ ...reopened, status: 'closed' }, 'evt_2', 'h1')).toBe('reopen');
  });
});

describe('coverage', () => {
  // On the equator one metre east is 360 / (2πR) degrees of longitude.
  const east = (m: number) => ({ lat: 0, lng: (m * 360) / (2 * Math.PI * EARTH_RADIUS_M) });
  const area = (areaId: string, m: number, district = 'A区') => ({ areaId, district, street: `${areaId}街`, centroid: east(m) });

  it('names each area’s nearest station, covered within 1,200 m, and the share', () => {
    const stations = [
      { stationId: 'st-1', name: '一站', location: east(0) },
      { stationId: 'st-2', name: '二站', location: east(5000) },
    ];
    const report = coverageReport([area('a1', 1000), area('a2', 2600), area('a3', 4000, 'B区'), area('a0', 1201)], stations);
    expect(report.areas.map((r) => [r.areaId, r.nearest?.stationId, r.nearest?.distanceM, r.covered])).toEqual([
      ['a0', 'st-1', 1201, false],
      ['a1', 'st-1', 1000, true],
      ['a2', 'st-2', 2400, false],
      ['a3', 'st-2', 1000, true],
    ]);
    expect({ total: report.total, covered: report.covered, share: report.share, radiusM: report.radiusM }).toEqual({ total: 4, covered: 2, share: 0.5, radiusM: 1200 });
  });

  it('without stations nothing is covered; without areas the share is 0', () => {
    expect(coverageReport([area('a1', 0)], []).areas[0]).toMatchObject({ nearest: null, covered: false });
    expect(coverageReport([], [{ stationId: 's', name: 's', location: east(0) }])).toMatchObject({ total: 0, covered: 0, share: 0 });
  });
});

describe('certified workers per station service', () => {
  it('maps certificate categories onto the services, each worker once per service', () => {
    expect(servicesOfCategories(['nanny', 'cleaning', 'childcare'])).toEqual(['home', 'maternal-infant']);
    expect(servicesOfCategories(['other'])).toEqual([]);
    expect(countByService([['nanny', 'cleaning'], ['maternity_matron'], ['elderly_care', 'childcare'], []])).toEqual({ home: 1, 'maternal-infant': 2, 'elderly-care': 1 });
  });
});

describe("a station's monthly figures from order events", () => {
  const event = (command: OrderEventCommand, payload: unknown, at = '2026-11-30T16:30:00.000Z') =>
    readOrderCloudEvent(
      JSON.stringify(
        orderCloudEvent({
          stage: 'dev',
          commandType: command,
          eventId: 'evt_8ZK3M2N9P6R3T5V8W1X4Y7A0BC',
          orderId: 'ord_01JDX3S5Z8Q4K7M2N9P6R3T5V8',
          tenantId: 'ten_01JDX3S5Z8Q4K7M2N9P6R3T5V9',
          status: 'COMPLETED',
          previousStatus: command === 'order.create' ? null : 'IN_SERVICE',
          entry: { seq: 3, hash: 'a'.repeat(64), at },
          actorRole: 'enterprise',
          payload,
        }),
      ),
    ).event;

  it('counts a created order by its service type, in the Asia/Shanghai month of the event', () => {
    // 16:30 UTC on 30 November is 00:30 on 1 December in Guangzhou.
    expect(stationMonthDelta(event('order.create', EXAMPLE_ORDER), 'order.create', undefined)).toEqual({
      stationId: 'st-tianhe-01',
      period: '2026-12',
      counters: { ordersCreated: 1, 'created:cleaning': 1 },
    });
    const { stationId: _s, ...noStation } = EXAMPLE_ORDER;
    expect(stationMonthDelta(event('order.create', noStation), 'order.create', undefined)).toBeUndefined();
  });

  it('counts a completion and a rating for the station the order names', () => {
    const at = '2026-12-01T04:00:00.000Z';
    expect(stationMonthDelta(event('order.check-out', { at }, at), 'order.check-out', 'st-x')).toEqual({ stationId: 'st-x', period: '2026-12', counters: { ordersCompleted: 1 } });
    expect(stationMonthDelta(event('order.rate', { stars: 4 }, at), 'order.rate', 'st-x')).toEqual({ stationId: 'st-x', period: '2026-12', counters: { ratings: 1, ratingStarsSum: 4 } });
    expect(stationMonthDelta(event('order.rate', { stars: 4 }, at), 'order.rate', undefined)).toBeUndefined();
    expect(stationMonthDelta(event('order.check-in', { at }, at), 'order.check-in', 'st-x')).toBeUndefined();
  });

  it('reads a month item back with every counter', () => {
    expect(stationMonthOf({ period: '2026-12', ordersCreated: 3, 'created:nanny': 1, 'created:cleaning': 2, ratings: 1, ratingStarsSum: 5 })).toEqual({
      period: '2026-12',
      ordersCreated: 3,
      byServiceType: { nanny: 1, cleaning: 2 },
      ordersCompleted: 0,
      ratings: 1,
      ratingStarsSum: 5,
    });
  });
});
