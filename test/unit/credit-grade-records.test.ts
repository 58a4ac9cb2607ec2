/**
 * The pure parts around a stored credit grade: who may object to what, what an admin may
 * decide, how a window's months and records are assembled for the model, the event a grade
 * publishes, and which month the monthly run grades.
 */
import { describe, expect, it } from 'vitest';
import { ENTERPRISE_MONTH_COUNTERS, type EnterpriseCreditInputs } from '../../shared/domain/credit/facts';
import { decideObjection, decideObjectionDecision, type CreditGradeRecord } from '../../shared/domain/credit/grade-record';
import { gradeEnterprise } from '../../shared/domain/credit/model';
import { windowMonths } from '../../shared/domain/credit/period';
import { creditGradedEvent, CreditGradedEventSchema } from '../../shared/events/credit-cloudevent';
import { canonicalHash } from '../../shared/lib/hash';
import { creditGradeEventId } from '../../shared/lib/ids';
import { fillWindow, recordsInWindow } from '../../shared/services/credit-inputs';
import type { StoredPublicRecord } from '../../shared/store/credit-grades-repository';
import { previousShanghaiMonth as previousPeriod } from '../../shared/lib/shanghai-day';

const TENANT = 'ten_01KB2M0A1C3E5G7J9K1M3P5R7T';

function inputs(): EnterpriseCreditInputs {
  const months = fillWindow(windowMonths('2026-11'), [{ period: '2026-11', ordersCreated: 30, ordersCompleted: 25, checkIns: 25, onTimeCheckIns: 24, workerNoShows: 1, enterpriseCancellations: 1, ratings: 12, ratingStarsSum: 55, complaintsOpened: 1, complaintsResolved: 1, complaintResolutionHoursSum: 20 }]);
  return { tenantId: TENANT, period: '2026-11', joinedOn: '2023-03-01', months, staff: { currentWorkers: 10, certified: 8, greenLights: 7, trained: 9, insured: 6 }, publicRecords: [] };
}

function record(overrides: Partial<CreditGradeRecord> = {}): CreditGradeRecord {
  const i = inputs();
  return {
    tenantId: TENANT,
    period: '2026-11',
    enterpriseName: '广州安心家政服务有限公司',
    modelVersion: '2026.1',
    inputs: i,
    inputsHash: canonicalHash(i),
    result: gradeEnterprise(i),
    gradedAt: '2026-12-05T18:00:00.000Z',
    revision: 1,
    version: 1,
    traceHead: { seq: 1, hash: 'a'.repeat(64) },
    ...overrides,
  };
}

describe('objections', () => {
  it('may name any indicator of the grade, one at a time', () => {
    const grade = record();
    const ids = grade.result.dimensions.flatMap((d) => d.indicators.map((i) => i.id));
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) expect(decideObjection(grade, id)).toEqual({ ok: true });
    expect(decideObjection(grade, 'no-such-indicator')).toEqual({ ok: false, reason: 'unknown-indicator' });
    expect(decideObjection(undefined, ids[0]!)).toEqual({ ok: false, reason: 'not-graded' });
    const open = record({ openObjection: { objectionId: 'obj_1', indicatorId: ids[0]!, filedAt: '2026-12-06T00:00:00Z', status: 'open' } });
    expect(decideObjection(open, ids[1]!)).toEqual({ ok: false, reason: 'objection-open' });
  });

  it('an admin decides only the open objection', () => {
    const open = record({ openObjection: { objectionId: 'obj_1', indicatorId: 'x', filedAt: '2026-12-06T00:00:00Z', status: 'open' } });
    expect(decideObjectionDecision(open, 'obj_1')).toMatchObject({ ok: true });
    expect(decideObjectionDecision(open, 'obj_2')).toEqual({ ok: false });
    expect(decideObjectionDecision(record(), 'obj_1')).toEqual({ ok: false });
  });
});

describe('the inputs of a grade', () => {
  it('are all twelve months of the window, oldest first, every counter present, missing months 0', () => {
    const months = inputs().months;
    expect(months.map((m) => m.period)).toEqual(windowMonths('2026-11'));
    expect(months[0]!.period).toBe('2025-12');
    for (const m of months) expect(Object.keys(m)).toEqual(['period', ...ENTERPRISE_MONTH_COUNTERS]);
    expect(months.at(-1)!.ordersCompleted).toBe(25);
    expect(months[0]!.ordersCompleted).toBe(0);
  });

  it('hash the same whatever order an item’s attributes came back in', () => {
    const a = fillWindow(['2026-11'], [{ period: '2026-11', ordersCreated: 1, ordersCompleted: 2 } as never]);
    const b = fillWindow(['2026-11'], [{ ordersCompleted: 2, period: '2026-11', ordersCreated: 1 } as never]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('count records in effect on some day of the window, never revoked ones', () => {
    const base = { tenantId: TENANT, points: 3, evidenceRef: '穗家协〔2026〕1号', recordedAt: '2026-01-01T00:00:00Z', recordedBy: 'key_admin', requestHash: 'h' };
    const records: StoredPublicRecord[] = [
      { ...base, recordId: 'rec_a', kind: 'penalty', effectiveOn: '2026-03-01' },
      { ...base, recordId: 'rec_b', kind: 'reward', effectiveOn: '2024-01-01', until: '2025-11-30' }, // ended before the window
      { ...base, recordId: 'rec_c', kind: 'reward', effectiveOn: '2024-01-01', until: '2025-12-01' }, // its last day is the window's first
      { ...base, recordId: 'rec_d', kind: 'penalty', effectiveOn: '2026-12-01' }, // after the window
      { ...base, recordId: 'rec_e', kind: 'penalty', effectiveOn: '2026-05-01', revokedAt: '2026-06-01T00:00:00Z' },
    ];
    const counted = recordsInWindow(records, { firstDay: '2025-12-01', lastDay: '2026-11-30' });
    expect(counted.map((r) => r.recordId)).toEqual(['rec_c', 'rec_a']);
    expect(counted[0]).toEqual({ recordId: 'rec_c', kind: 'reward', points: 3, effectiveOn: '2024-01-01', until: '2025-12-01', evidenceRef: '穗家协〔2026〕1号' });
  });
});

describe('cn.anxin.enterprise.credit-graded.v1', () => {
  it('is a valid, closed CloudEvent with ids and figures only, the same bytes on every build', () => {
    const grade = record();
    const id = creditGradeEventId(TENANT, '2026-11', 1);
    const event = creditGradedEvent('prod', id, grade, { seq: 1, hash: 'b'.repeat(64) });
    expect(CreditGradedEventSchema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({ id, source: '/anxin/prod/credit', subject: TENANT, anxintenant: TENANT, anxintraceseq: 1 });
    expect(event.data).toEqual({
      tenantId: TENANT,
      period: '2026-11',
      modelVersion: '2026.1',
      revision: 1,
      eligible: grade.result.eligible,
      notGradedReasons: grade.result.notGradedReasons,
      grade: grade.result.grade,
      score: grade.result.score,
      inputsHash: grade.inputsHash,
      traceHash: 'b'.repeat(64),
    });
    expect(JSON.stringify(creditGradedEvent('prod', id, structuredClone(grade), { seq: 1, hash: 'b'.repeat(64) }))).toBe(JSON.stringify(event));
    // A revision is another event.
    expect(creditGradeEventId(TENANT, '2026-11', 2)).not.toBe(id);
  });
});

describe('the monthly run', () => {
  it('grades the month that ended in Asia/Shanghai', () => {
    expect(previousPeriod(new Date('2026-12-05T18:00:00Z'))).toBe('2026-11');
    // 1 January 00:30 in Guangzhou is still 31 December in UTC.
    expect(previousPeriod(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12');
    expect(previousPeriod(new Date('2027-01-05T18:00:00Z'))).toBe('2026-12');
  });
});
