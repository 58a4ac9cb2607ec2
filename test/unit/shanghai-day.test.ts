/**
 * A day is a calendar day in Asia/Shanghai: an instant written in UTC (`Z`) or any other
 * offset lands on the day Guangzhou reads, whatever the process's time zone.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { healthCheckValidUntil } from '../../shared/domain/certificate/issuance';
import { decide, type Order, type OrderCommandInput } from '../../shared/domain/order/order';
import { validOrder } from '../support/fixtures';

/**
 * The checks run in a child process started with TZ set: the unit tests share worker
 * threads (vitest.config.ts), and a thread keeps the process's time zone whatever its
 * process.env.TZ says, so a change there would test nothing.
 */
function daysIn(tz: string): unknown {
  const script = `
    const { dayOf, shanghaiDay } = await import(${JSON.stringify(new URL('../../shared/lib/shanghai-day.ts', import.meta.url).href)});
    console.log(JSON.stringify({
      offsetMinutes: new Date('2026-11-30T16:00:00Z').getTimezoneOffset(),
      midnight: shanghaiDay(new Date('2026-11-30T16:00:00Z')),
      justBefore: shanghaiDay(new Date('2026-11-30T15:59:59.999Z')),
      utc: dayOf('2026-11-30T17:00:00Z'),
      newYork: dayOf('2026-11-30T20:00:00-05:00'),
      shanghai: dayOf('2026-12-01T00:30:00+08:00'),
      plainDay: dayOf('2026-12-01'),
      garbage: dayOf('not a day') ?? null,
    }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
  return JSON.parse(out);
}

describe('shanghaiDay / dayOf', () => {
  it.each([
    ['UTC', 0],
    ['America/Los_Angeles', 480],
    ['Asia/Shanghai', -480],
  ])('places an instant on the Shanghai calendar with TZ=%s', (tz, offsetMinutes) => {
    expect(daysIn(tz)).toEqual({
      // The child really runs in that zone.
      offsetMinutes,
      midnight: '2026-12-01',
      justBefore: '2026-11-30',
      utc: '2026-12-01',
      newYork: '2026-12-01',
      shanghai: '2026-12-01',
      plainDay: '2026-12-01',
      garbage: null,
    });
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
