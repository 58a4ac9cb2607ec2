/**
 * Properties of the enterprise grade that hold for every valid input (fast-check): bounds,
 * monotonicity in each indicator's documented direction, eligibility never skipped, the
 * thresholds and the cap, and the same result for the same inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EnterpriseCreditInputs, EnterpriseMonthFacts, PublicCreditRecord, StaffSnapshot } from '../../shared/domain/credit/facts';
import { ENTERPRISE_INDICATORS, GRADES, gradeEnterprise, type EnterpriseGradeResult, type Grade } from '../../shared/domain/credit/model';
import { enterpriseInputsArb } from '../support/credit-arbitraries';
import { expectWithinBounds } from '../support/credit-expect';

const RUNS = { numRuns: 300 };
const rank = (g: Grade) => GRADES.indexOf(g);

/** The grade the thresholds give a rounded score, as the document's table states them. */
const byThresholds = (score: number): Grade => (score >= 90 ? '5A' : score >= 80 ? '4A' : score >= 70 ? '3A' : score >= 60 ? '2A' : '1A');

/** One month's counter raised by `k`, within what a month can hold; undefined when there is no month or no room. */
function raise(inputs: EnterpriseCreditInputs, at: number, field: keyof Omit<EnterpriseMonthFacts, 'period'>, k: number): EnterpriseCreditInputs | undefined {
  if (inputs.months.length === 0) return undefined;
  const i = at % inputs.months.length;
  const m = inputs.months[i]!;
  const room = field === 'onTimeCheckIns' ? m.checkIns - m.onTimeCheckIns : field === 'ratingStarsSum' ? 5 * m.ratings - m.ratingStarsSum : k;
  if (room <= 0) return undefined;
  const months = inputs.months.map((month, j) => (j === i ? { ...month, [field]: month[field] + Math.min(k, room) } : month));
  return { ...inputs, months };
}

/** One staff count raised by 1, within the snapshot's own limits. */
function hire(inputs: EnterpriseCreditInputs, field: 'certified' | 'greenLights' | 'trained' | 'insured'): EnterpriseCreditInputs | undefined {
  const s = inputs.staff;
  const limit = field === 'greenLights' ? s.certified : s.currentWorkers;
  if (s[field] >= limit) return undefined;
  return { ...inputs, staff: { ...s, [field]: s[field] + 1 } as StaffSnapshot };
}

const addRecord = (inputs: EnterpriseCreditInputs, kind: 'penalty' | 'reward', points: number): EnterpriseCreditInputs => {
  const record: PublicCreditRecord = { recordId: `added-${kind}`, kind, points, effectiveOn: `${inputs.period}-01`, evidenceRef: 'added' };
  return { ...inputs, publicRecords: [...inputs.publicRecords, record] };
};

/** A change and the direction it may move the score: +1 never lowers it, −1 never raises it. */
const CHANGES: [string, 1 | -1, (x: EnterpriseCreditInputs, at: number, k: number) => EnterpriseCreditInputs | undefined][] = [
  ['more on-time check-ins (check-ins fixed)', 1, (x, at, k) => raise(x, at, 'onTimeCheckIns', k)],
  ['more stars (ratings fixed)', 1, (x, at, k) => raise(x, at, 'ratingStarsSum', k)],
  ['more completed orders', 1, (x, at, k) => raise(x, at, 'ordersCompleted', k)],
  ['more worker no-shows', -1, (x, at, k) => raise(x, at, 'workerNoShows', k)],
  ['more enterprise cancellations', -1, (x, at, k) => raise(x, at, 'enterpriseCancellations', k)],
  ['more complaints', -1, (x, at, k) => raise(x, at, 'complaintsOpened', k)],
  ['more hours to resolve complaints', -1, (x, at, k) => raise(x, at, 'complaintResolutionHoursSum', k)],
  ['one more certified worker', 1, (x) => hire(x, 'certified')],
  ['one more green light', 1, (x) => hire(x, 'greenLights')],
  ['one more trained worker', 1, (x) => hire(x, 'trained')],
  ['one more insured worker', 1, (x) => hire(x, 'insured')],
  ['a penalty', -1, (x, _, k) => addRecord(x, 'penalty', k)],
  ['a reward', 1, (x, _, k) => addRecord(x, 'reward', k)],
  ['an earlier joinedOn', 1, (x, _, k) => ({ ...x, joinedOn: `${Number(x.joinedOn.slice(0, 4)) - k}${x.joinedOn.slice(4)}` })],
];

const allIndicators = (r: EnterpriseGradeResult) => r.dimensions.flatMap((d) => d.indicators);

describe('bounds', () => {
  it('the weights: each dimension is the sum of its indicators, 100 in all', () => {
    const r = fc.sample(enterpriseInputsArb, 1).map(gradeEnterprise)[0]!;
    for (const d of r.dimensions) expect(d.indicators.reduce((s, i) => s + i.weight, 0), d.id).toBe(d.weight);
    expect(r.dimensions.reduce((s, d) => s + d.weight, 0)).toBe(100);
    expect(allIndicators(r).map(({ id, label, weight, direction }) => ({ id, label, weight, direction }))).toEqual(ENTERPRISE_INDICATORS.map(({ id, label, weight, direction }) => ({ id, label, weight, direction })));
  });

  it('the score stays in [0, 100], each dimension in [0, its weight], each indicator in [0, 1] and [0, its weight]', () => {
    fc.assert(
      fc.property(enterpriseInputsArb, (inputs) => {
        const r = gradeEnterprise(inputs);
        expectWithinBounds(r.score, allIndicators(r));
        for (const d of r.dimensions) {
          expect(d.points, d.id).toBeGreaterThanOrEqual(0);
          expect(d.points, d.id).toBeLessThanOrEqual(d.weight);
        }
      }),
      RUNS,
    );
  });
});

describe('monotone in the documented direction', () => {
  it.each(CHANGES)('%s', (_, direction, change) => {
    fc.assert(
      fc.property(enterpriseInputsArb, fc.nat(), fc.integer({ min: 1, max: 12 }), (inputs, at, k) => {
        const changed = change(inputs, at, k);
        fc.pre(changed !== undefined);
        const before = gradeEnterprise(inputs);
        const after = gradeEnterprise(changed!);
        if (direction === 1) expect(after.score).toBeGreaterThanOrEqual(before.score);
        else expect(after.score).toBeLessThanOrEqual(before.score);
        // With both graded, the grade moves the same way (a penalty may also bring the cap).
        if (before.grade && after.grade) {
          if (direction === 1) expect(rank(after.grade)).toBeLessThanOrEqual(rank(before.grade));
          else expect(rank(after.grade)).toBeGreaterThanOrEqual(rank(before.grade));
        }
        // What helps never adds a reason not to grade; what hurts never removes one.
        const [fewer, more] = direction === 1 ? [after, before] : [before, after];
        for (const reason of fewer.notGradedReasons) expect(more.notGradedReasons).toContain(reason);
      }),
      RUNS,
    );
  });
});

describe('eligibility and the grade', () => {
  it('grade is null exactly when a rule fails, and no rule is ever skipped', () => {
    fc.assert(
      fc.property(enterpriseInputsArb, (inputs) => {
        const r = gradeEnterprise(inputs);
        expect(r.grade === null).toBe(r.notGradedReasons.length > 0);
        expect(r.eligible).toBe(r.grade !== null);
        // Stated directly: 12 whole months at the end of the period ⇔ joined by the 1st of the window's first month.
        expect(r.notGradedReasons.includes('tenure')).toBe(inputs.joinedOn > `${r.window.from}-01`);
        const completed = inputs.months.reduce((n, m) => n + m.ordersCompleted, 0);
        expect(r.notGradedReasons.includes('orders')).toBe(completed < 10);
        // Day 0 of the next month: the period's last day.
        const lastDay = new Date(Date.UTC(Number(inputs.period.slice(0, 4)), Number(inputs.period.slice(5, 7)), 0)).toISOString().slice(0, 10);
        const listed = inputs.publicRecords.some((p) => p.kind === 'blacklist' && p.effectiveOn <= lastDay && (p.until === undefined || p.until >= lastDay));
        expect(r.notGradedReasons.includes('blacklisted')).toBe(listed);
      }),
      RUNS,
    );
  });

  it('a graded enterprise gets the grade of its rounded score, lowered to 2A by the cap', () => {
    fc.assert(
      fc.property(enterpriseInputsArb, (inputs) => {
        const r = gradeEnterprise(inputs);
        fc.pre(r.grade !== null);
        const penalties = inputs.publicRecords.filter((p) => p.kind === 'penalty' && p.effectiveOn <= `${inputs.period}-31` && (p.until === undefined || p.until >= `${r.window.from}-01`));
        const capped = penalties.reduce((n, p) => n + p.points, 0) >= 5;
        expect(r.cappedAt).toBe(capped ? '2A' : undefined);
        const g = byThresholds(r.score);
        expect(r.grade).toBe(capped && rank(g) < rank('2A') ? '2A' : g);
      }),
      RUNS,
    );
  });

  it('every grade occurs among the generated enterprises (the properties above are not vacuous)', () => {
    const grades = new Set(fc.sample(enterpriseInputsArb, 2000).map((x) => gradeEnterprise(x).grade));
    expect([...grades].sort()).toEqual(['1A', '2A', '3A', '4A', '5A', null].sort());
  });
});

describe('determinism', () => {
  it('the same inputs give a deep-equal result, byte for byte as JSON', () => {
    fc.assert(
      fc.property(enterpriseInputsArb, (inputs) => {
        const a = gradeEnterprise(inputs);
        const b = gradeEnterprise(structuredClone(inputs));
        expect(b).toStrictEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      RUNS,
    );
  });
});
