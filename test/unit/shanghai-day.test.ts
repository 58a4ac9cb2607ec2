/**
 * A day is a calendar day in Asia/Shanghai: an instant written in UTC (`Z`) or any other
 * offset lands on the day Guangzhou reads, whatever the process's time zone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { healthCheckValidUntil } from '../../shared/domain/certificate/issuance';
import { decide, type Order, type OrderCommandInput } from '../../shared/domain/order/order';
import { dayOf, shanghaiDay } from '../../shared/lib/shanghai-day';
import { validOrder } from '../support/fixtures';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('shanghaiDay / dayOf', () => {
  it.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai'])('places an instant on the Shanghai calendar with TZ=%s', (tz) => {
    process.env.TZ = tz;
    expect(shanghaiDay(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
    expect(shanghaiDay(new Date('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30');
    expect(dayOf('2026-11-30T17:00:00Z')).toBe('2026-12-01');
    expect(dayOf('2026-11-30T20:00:00-05:00')).toBe('2026-12-01');
    expect(dayOf('2026-12-01T00:30:00+08:00')).toBe('2026-12-01');
    expect(dayOf('2026-12-01')).toBe('2026-12-01');
    expect(dayOf('not a day')).toBeUndefined();
  });
});

describe('days in the rules', () => {
  const liveIn = (schedule: Order['schedule']): Order => ({
    ...validOrder(),
    orderId: 'ord_X',
    tenantId: 'ten_A',
    status: 'IN_SERVICE',
    mode: 'live_in',
    schedule,
    version: 3,
    createdAt: '2026-11-29T00:00:00.000Z',
    updatedAt: '2026-11-29T00:00:00.000Z',
  });
  const attendance = (date: string) =>
    ({ orderId: 'ord_X', tenantId: 'ten_A', type: 'order.attendance', at: '2026-12-01T00:00:00.000Z', payload: { date, checkIn: `${date}T08:00:00+08:00`, checkOut: `${date}T18:00:00+08:00` } }) as OrderCommandInput;

  it("a live-in placement's attendance days are its schedule's Shanghai days, whatever offset the schedule was written in", () => {
    // 2026-12-01 01:00 to 2026-12-11 00:30 in Guangzhou, written in UTC.
    const order = liveIn({ start: '2026-11-30T17:00:00Z', end: '2026-12-10T16:30:00Z' });
    expect(decide(order, attendance('2026-11-30'))).toEqual({ ok: false, reason: 'attendance date 2026-11-30 is outside the placement (2026-12-01 – 2026-12-11)' });
    expect(decide(order, attendance('2026-12-11'))).toMatchObject({ ok: true });
    expect(decide(order, attendance('2026-12-01'))).toMatchObject({ ok: true });
  });

  it("a health check's last day is a Shanghai day even when recorded as a UTC instant", () => {
    expect(healthCheckValidUntil({ examDate: '2026-01-15', passed: true, validUntil: '2026-06-30T18:00:00Z' })).toBe('2026-07-01');
    expect(healthCheckValidUntil({ examDate: '2026-01-14T17:00:00Z', passed: true, validUntil: '2027-06-30' })).toBe('2027-01-15');
  });
});
