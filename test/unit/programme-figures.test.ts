/**
 * The programme's read model (domain/programme/): what each write counts and in which
 * month, and how a year is assembled from shard items — flows per month, standing totals
 * carried from the years before, the latest graded period.
 */
import { describe, expect, it } from 'vitest';
import { certificateForceChanged, enterpriseJoined, gradeCounted, orderEventCounted, trainingCompleted, workerRegistered } from '../../shared/domain/programme/deltas';
import { programmeYear, SHARDS, shardOf, type MonthShard } from '../../shared/domain/programme/figures';

describe('what a write counts', () => {
  it('an enterprise in the month it joined the programme, else the Shanghai month it was onboarded', () => {
    expect(enterpriseJoined('t1', '2024-06-01', '2026-03-01T00:00:00Z')).toMatchObject({ month: '2024-06', counters: { enterprisesJoined: 1 } });
    // 2026-01-31T17:00Z is 1 February 01:00 in Guangzhou.
    expect(enterpriseJoined('t1', undefined, '2026-01-31T17:00:00Z').month).toBe('2026-02');
    expect(workerRegistered('w1', '2026-01-31T15:59:59Z').month).toBe('2026-01');
  });

  it('orders when created and when checked out, nothing else', () => {
    const event = { id: 'evt_1', time: '2026-05-31T16:30:00Z' };
    expect(orderEventCounted(event, 'order.create')).toEqual({ month: '2026-06', countedId: 'evt_1', counters: { ordersCreated: 1 } });
    expect(orderEventCounted(event, 'order.check-out')?.counters).toEqual({ servicesDelivered: 1 });
    for (const command of ['order.check-in', 'order.rate', 'order.cancel', 'order.no-show'] as const) expect(orderEventCounted(event, command)).toBeUndefined();
    expect(trainingCompleted('w1', '2026-07-15')).toMatchObject({ month: '2026-07', counters: { trainingPersonTimes: 1 } });
  });

  it('a certificate only when it crosses into or out of force; suspension keeps it in force', () => {
    const at = '2026-03-10T02:00:00Z';
    expect(certificateForceChanged('c1', undefined, 'ISSUED', at)?.counters).toEqual({ certificatesGranted: 1 });
    expect(certificateForceChanged('c1', 'ISSUED', 'ACTIVATED', at)).toBeUndefined();
    expect(certificateForceChanged('c1', 'ACTIVATED', 'SUSPENDED', at)).toBeUndefined();
    expect(certificateForceChanged('c1', 'SUSPENDED', 'REVOKED', at)?.counters).toEqual({ certificatesLapsed: 1 });
    expect(certificateForceChanged('c1', 'ACTIVATED', 'EXPIRED', at)?.counters).toEqual({ certificatesLapsed: 1 });
    expect(certificateForceChanged('c1', 'EXPIRED', 'ACTIVATED', at)?.counters).toEqual({ certificatesGranted: 1 });
    expect(certificateForceChanged('c1', 'REVOKED', 'REVOKED', at)).toBeUndefined();
  });

  it('a grade in its period; an upheld objection moves it from the old grade to the new one', () => {
    expect(gradeCounted('t1', '2026-04', undefined, '3A')).toEqual({ month: '2026-04', countedId: 't1', counters: { 'grade:3A': 1 } });
    expect(gradeCounted('t1', '2026-04', undefined, null)?.counters).toEqual({ 'grade:ungraded': 1 });
    expect(gradeCounted('t1', '2026-04', { grade: '3A' }, '4A')?.counters).toEqual({ 'grade:4A': 1, 'grade:3A': -1 });
    expect(gradeCounted('t1', '2026-04', { grade: '3A' }, '3A')).toBeUndefined();
  });

  it('the shard is stable and within range', () => {
    const shards = new Set(Array.from({ length: 2000 }, (_, i) => shardOf(`id-${i}`)));
    expect([...shards].every((s) => s >= 0 && s < SHARDS)).toBe(true);
    expect(shards.size).toBe(SHARDS);
    expect(shardOf('evt_X')).toBe(shardOf('evt_X'));
  });
});

describe('a year from shard items', () => {
  const items: MonthShard[] = [
    // Before the year: carried into the standing totals, not into the year's flows.
    { month: '2025-11', counters: { enterprisesJoined: 2, workersRegistered: 10, certificatesGranted: 4, ordersCreated: 99 } },
    { month: '2025-12', counters: { certificatesLapsed: 1 } },
    // Two shards of one month add up.
    { month: '2026-01', counters: { enterprisesJoined: 1, ordersCreated: 3, 'grade:4A': 1 } },
    { month: '2026-01', counters: { ordersCreated: 2, servicesDelivered: 1, 'grade:4A': 1, 'grade:ungraded': 1 } },
    { month: '2026-03', counters: { workersRegistered: 5, certificatesGranted: 2, certificatesLapsed: 1, trainingPersonTimes: 7, 'grade:3A': 2, 'grade:4A': 1, 'grade:2A': 0 } },
    // After the last month shown: not counted.
    { month: '2026-05', counters: { ordersCreated: 1000 } },
  ];

  it('has every month up to the last, flows of its own and standing totals at its end', () => {
    const year = programmeYear('2026', items, '2026-04');
    expect(year.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const [jan, feb, mar] = year.months;
    expect(jan).toMatchObject({ enterprisesJoined: 1, ordersCreated: 5, servicesDelivered: 1, enterprises: 3, workers: 10, certifiedWorkers: 3 });
    expect(jan!.creditGrades).toEqual({ '5A': 0, '4A': 2, '3A': 0, '2A': 0, '1A': 0, ungraded: 1 });
    expect(feb).toMatchObject({ ordersCreated: 0, enterprises: 3, workers: 10, certifiedWorkers: 3 });
    expect(mar).toMatchObject({ workersRegistered: 5, trainingPersonTimes: 7, workers: 15, certifiedWorkers: 4 });
    expect(year.totals).toMatchObject({ enterprisesJoined: 1, workersRegistered: 5, ordersCreated: 5, servicesDelivered: 1, trainingPersonTimes: 7, enterprises: 3, workers: 15, certifiedWorkers: 4 });
    expect(year.totals.latestGrades).toEqual({ period: '2026-03', counts: { '5A': 0, '4A': 1, '3A': 2, '2A': 0, '1A': 0, ungraded: 0 } });
  });

  it('a past year has twelve months; a year to come has none', () => {
    expect(programmeYear('2025', items).months).toHaveLength(12);
    expect(programmeYear('2025', items).totals).toMatchObject({ ordersCreated: 99, enterprises: 2, certifiedWorkers: 3 });
    const later = programmeYear('2027', items, '2026-04');
    expect(later.months).toEqual([]);
    expect(later.totals.latestGrades).toBeUndefined();
  });
});
