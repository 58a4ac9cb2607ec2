/** The order's business rules beyond the transition table (shared/domain/order/order.ts). */
import { describe, expect, it } from 'vitest';
import { decide, replay, type Order, type OrderCommandInput } from '../../shared/domain/order/order';
import { validOrder } from '../support/fixtures';

const base = { orderId: 'ord_X', tenantId: 'ten_A' };
const cmd = (type: OrderCommandInput['type'], payload: unknown, at = '2026-12-01T00:00:00.000Z') =>
  ({ ...base, type, payload, at }) as OrderCommandInput;

function orderIn(status: Order['status'], extra: Partial<Order> = {}): Order {
  return {
    ...validOrder(),
    ...base,
    status,
    version: 3,
    createdAt: '2026-11-30T00:00:00.000Z',
    updatedAt: '2026-11-30T00:00:00.000Z',
    ...extra,
  };
}

describe('order rules', () => {
  it('assigns only a worker employed by the enterprise', () => {
    expect(decide(orderIn('CREATED'), cmd('order.assign', { workerId: 'w-9' }), { workerEmployed: false })).toEqual({
      ok: false,
      reason: 'worker w-9 is not currently employed by this enterprise',
    });
    expect(decide(orderIn('CREATED'), cmd('order.assign', { workerId: 'w-1' }), { workerEmployed: true })).toMatchObject({
      ok: true,
      order: { status: 'ASSIGNED', workerId: 'w-1', version: 4 },
    });
  });

  it('confirms only with a worker, and a reschedule asks for confirmation again', () => {
    expect(decide(orderIn('RESCHEDULED'), cmd('order.confirm', {}))).toMatchObject({ ok: false, reason: 'assign a worker before confirming' });
    const rescheduled = decide(
      orderIn('CONFIRMED', { workerId: 'w-1', confirmedAt: 'x' }),
      cmd('order.reschedule', { schedule: { start: '2026-12-02T09:00:00+08:00', end: '2026-12-02T11:00:00+08:00' }, reasonCode: 'schedule_conflict' }),
    );
    expect(rescheduled).toMatchObject({ ok: true, order: { status: 'RESCHEDULED', rescheduledCount: 1, confirmedAt: undefined } });
  });

  it('refuses a reschedule that ends before it starts', () => {
    const d = decide(orderIn('CREATED'), cmd('order.reschedule', { schedule: { start: '2026-12-02T11:00:00Z', end: '2026-12-02T09:00:00Z' }, reasonCode: 'other' }));
    expect(d).toEqual({ ok: false, reason: 'schedule.end must be after schedule.start' });
  });

  it('records attendance days for live-in placements only, inside the placement, once per day', () => {
    const liveIn = orderIn('IN_SERVICE', { mode: 'live_in', schedule: { start: '2026-12-01T09:00:00+08:00', end: '2026-12-20T18:00:00+08:00' } });
    const day = (date: string) => cmd('order.attendance', { date, checkIn: `${date}T08:00:00+08:00`, checkOut: `${date}T18:00:00+08:00` });
    expect(decide(liveIn, day('2026-12-03'))).toMatchObject({ ok: true, order: { status: 'IN_SERVICE', attendanceDays: 1, lastAttendanceDate: '2026-12-03' } });
    expect(decide(liveIn, day('2026-12-03'), { attendanceRecorded: true })).toEqual({ ok: false, reason: 'attendance for 2026-12-03 is already recorded' });
    expect(decide(liveIn, day('2026-12-25'))).toMatchObject({ ok: false, reason: expect.stringContaining('outside the placement') });
    expect(decide(orderIn('IN_SERVICE'), day('2026-12-01'))).toEqual({ ok: false, reason: 'attendance days are recorded for live-in placements only' });
    const backwards = cmd('order.attendance', { date: '2026-12-03', checkIn: '2026-12-03T18:00:00+08:00', checkOut: '2026-12-03T08:00:00+08:00' });
    expect(decide(liveIn, backwards)).toEqual({ ok: false, reason: 'checkOut must be after checkIn' });
  });

  it('refuses a check-out before the check-in', () => {
    const inService = orderIn('IN_SERVICE', { checkIn: { at: '2026-12-01T09:00:00+08:00' } });
    expect(decide(inService, cmd('order.check-out', { at: '2026-12-01T08:00:00+08:00' }))).toEqual({ ok: false, reason: 'check-out cannot be before check-in' });
    expect(decide(inService, cmd('order.check-out', { at: '2026-12-01T12:00:00+08:00' }))).toMatchObject({ ok: true, order: { status: 'COMPLETED' } });
  });

  it('keeps who cancelled and why', () => {
    expect(decide(orderIn('ASSIGNED'), cmd('order.cancel', { by: 'household', reasonCode: 'schedule_conflict' }))).toMatchObject({
      ok: true,
      order: { status: 'CANCELLED', cancellation: { by: 'household', reasonCode: 'schedule_conflict', at: '2026-12-01T00:00:00.000Z' } },
    });
  });

  it('replays a whole hourly service', () => {
    const at = (m: number) => new Date(Date.parse('2026-12-01T00:00:00Z') + m * 60_000).toISOString();
    const order = replay(
      [
        cmd('order.create', validOrder(), at(0)),
        cmd('order.assign', { workerId: 'w-1' }, at(1)),
        cmd('order.confirm', {}, at(2)),
        cmd('order.check-in', { at: at(60) }, at(60)),
        cmd('order.check-out', { at: at(240) }, at(240)),
        cmd('order.rate', { stars: 5 }, at(300)),
        cmd('order.close', {}, at(301)),
      ],
      () => ({ workerEmployed: true }),
    );
    expect(order).toMatchObject({ status: 'CLOSED', version: 7, workerId: 'w-1', rating: { stars: 5 }, closedAt: at(301) });
  });
});
