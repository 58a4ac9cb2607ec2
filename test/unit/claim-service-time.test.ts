/**
 * The pure checks a filing goes through before coverage: the 48 h reporting window, the
 * service time (check-in/out window, or a live-in attendance day in Asia/Shanghai), their
 * order, and how the coverage answer is folded in.
 */
import { describe, expect, it } from 'vitest';
import { assessFiling, checkBeforeCoverage } from '../../shared/domain/insurance/filing-check';
import { checkReportedInTime, checkServiceTime, REPORTING_WINDOW_HOURS, serviceDateOf } from '../../shared/domain/insurance/service-time';

const IN = '2026-12-02T08:58:00+08:00';
const OUT = '2026-12-02T12:03:00+08:00';
const hourly = { mode: 'hourly', checkInAt: IN, checkOutAt: OUT };

describe('serviceDateOf (Asia/Shanghai calendar day)', () => {
  it('turns at 16:00 UTC', () => {
    expect(serviceDateOf('2026-12-01T15:59:59Z')).toBe('2026-12-01');
    expect(serviceDateOf('2026-12-01T16:00:00Z')).toBe('2026-12-02');
    expect(serviceDateOf('2026-12-02T00:30:00+08:00')).toBe('2026-12-02');
    expect(serviceDateOf('2026-12-01T23:30:00-05:00')).toBe('2026-12-02');
  });
});

describe('checkReportedInTime', () => {
  it('accepts up to exactly 48 h after the incident, refuses later', () => {
    expect(REPORTING_WINDOW_HOURS).toBe(48);
    expect(checkReportedInTime('2026-12-01T10:00:00+08:00', '2026-12-03T02:00:00Z')).toEqual({ ok: true });
    expect(checkReportedInTime('2026-12-01T10:00:00+08:00', '2026-12-03T02:00:00.001Z')).toMatchObject({ ok: false, reason: 'reported-late' });
    expect(checkReportedInTime('2026-12-01T10:00:00+08:00', '2026-12-09T02:00:00Z')).toMatchObject({ ok: false, detail: expect.stringMatching(/192 h/) });
  });
});

describe('checkServiceTime', () => {
  it('inside check-in..check-out (both ends included) → evidence with both times', () => {
    for (const t of [IN, '2026-12-02T10:00:00+08:00', OUT]) {
      expect(checkServiceTime(hourly, t, '2026-12-02T06:00:00Z')).toEqual({ ok: true, evidence: { basis: 'check-in-out', checkInAt: IN, checkOutAt: OUT } });
    }
  });

  it('before check-in, after check-out, or no check-in at all → outside-service-time', () => {
    for (const t of ['2026-12-02T08:57:59+08:00', '2026-12-02T12:03:01+08:00']) {
      expect(checkServiceTime(hourly, t, '2026-12-02T06:00:00Z')).toMatchObject({ ok: false, reason: 'outside-service-time' });
    }
    expect(checkServiceTime({ mode: 'hourly' }, '2026-12-02T10:00:00+08:00', '2026-12-02T06:00:00Z')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/no check-in/),
    });
  });

  it('checked in, not yet out: from check-in to the filing', () => {
    const open = { mode: 'hourly', checkInAt: IN };
    expect(checkServiceTime(open, '2026-12-02T11:00:00+08:00', '2026-12-02T03:30:00Z')).toEqual({ ok: true, evidence: { basis: 'check-in-out', checkInAt: IN } });
    expect(checkServiceTime(open, '2026-12-02T11:45:00+08:00', '2026-12-02T03:30:00Z')).toMatchObject({ ok: false, reason: 'outside-service-time' });
  });

  it('live-in: a recorded attendance day covers the whole day; without one, the window still counts', () => {
    const liveIn = { mode: 'live_in', checkInAt: '2026-11-01T09:00:00+08:00', checkOutAt: '2026-11-20T18:00:00+08:00' };
    // After check-out (another placement period), on a day with attendance.
    expect(checkServiceTime(liveIn, '2026-11-25T23:30:00+08:00', '2026-11-26T00:00:00Z', true)).toEqual({ ok: true, evidence: { basis: 'attendance-day', date: '2026-11-25' } });
    expect(checkServiceTime(liveIn, '2026-11-25T23:30:00+08:00', '2026-11-26T00:00:00Z', false)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/no attendance is recorded for 2026-11-25/),
    });
    expect(checkServiceTime(liveIn, '2026-11-10T03:00:00+08:00', '2026-11-10T00:00:00Z', false)).toMatchObject({ ok: true, evidence: { basis: 'check-in-out' } });
    // Attendance only counts for live-in placements.
    expect(checkServiceTime({ mode: 'hourly' }, '2026-11-25T10:00:00+08:00', '2026-11-25T03:00:00Z', true)).toMatchObject({ ok: false });
  });
});

describe('checkBeforeCoverage: the first failing check is the reason', () => {
  const filedAt = '2026-12-02T06:00:00Z';
  const at = '2026-12-02T10:00:00+08:00';

  it('order-not-found, no-worker-on-order, reported-late, outside-service-time, in that order', () => {
    expect(checkBeforeCoverage({ order: undefined, occurredAt: at, filedAt })).toMatchObject({ ok: false, reason: 'order-not-found' });
    expect(checkBeforeCoverage({ order: { ...hourly }, occurredAt: at, filedAt })).toMatchObject({ ok: false, reason: 'no-worker-on-order' });
    // Late and outside the service time: late wins.
    expect(checkBeforeCoverage({ order: { ...hourly, workerId: 'w' }, occurredAt: '2026-11-20T10:00:00+08:00', filedAt })).toMatchObject({
      ok: false,
      reason: 'reported-late',
      workerId: 'w',
    });
    expect(checkBeforeCoverage({ order: { ...hourly, workerId: 'w' }, occurredAt: '2026-12-02T13:00:00+08:00', filedAt })).toMatchObject({
      ok: false,
      reason: 'outside-service-time',
    });
    expect(checkBeforeCoverage({ order: { ...hourly, workerId: 'w' }, occurredAt: at, filedAt })).toEqual({
      ok: true,
      workerId: 'w',
      evidence: { basis: 'check-in-out', checkInAt: IN, checkOutAt: OUT },
    });
  });

  it('assessFiling folds in the coverage answer', () => {
    const pre = checkBeforeCoverage({ order: { ...hourly, workerId: 'w' }, occurredAt: at, filedAt });
    expect(assessFiling(pre, { covered: true, insurerId: 'ten_I', policyId: 'pol_P', policyNumber: 'N-1' })).toEqual({
      covered: true,
      workerId: 'w',
      insurerId: 'ten_I',
      policyId: 'pol_P',
      policyNumber: 'N-1',
      evidence: { basis: 'check-in-out', checkInAt: IN, checkOutAt: OUT },
    });
    expect(assessFiling(pre, { covered: false, reason: 'cover-not-included', detail: 'd' })).toMatchObject({ covered: false, reason: 'cover-not-included', workerId: 'w' });
    expect(() => assessFiling(pre)).toThrow(/coverage/);
    const failed = checkBeforeCoverage({ order: undefined, occurredAt: at, filedAt });
    expect(assessFiling(failed)).toEqual({ covered: false, reason: 'order-not-found', detail: 'the enterprise has no such order' });
  });
});
