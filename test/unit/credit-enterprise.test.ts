/**
 * The enterprise grade of model 2026.1, computed by hand from docs/credit-grading.md: each
 * dimension, every 0/0 case, eligibility, the penalty cap, the black list, rounding and the
 * guards. The worked example is the one in the document.
 */
import { describe, expect, it } from 'vitest';
import type { EnterpriseCreditInputs, EnterpriseMonthFacts, PublicCreditRecord, StaffSnapshot } from '../../shared/domain/credit/facts';
import { CREDIT_MODEL_VERSION, gradeEnterprise, gradeForScore, type EnterpriseGradeResult } from '../../shared/domain/credit/model';
import { roundScore } from '../../shared/domain/credit/scoring';

const ZERO_MONTH: Omit<EnterpriseMonthFacts, 'period'> = {
  ordersCreated: 0,
  ordersCompleted: 0,
  checkIns: 0,
  onTimeCheckIns: 0,
  workerNoShows: 0,
  enterpriseCancellations: 0,
  ratings: 0,
  ratingStarsSum: 0,
  complaintsOpened: 0,
  complaintsResolved: 0,
  complaintResolutionHoursSum: 0,
};
const month = (period: string, counters: Partial<EnterpriseMonthFacts> = {}): EnterpriseMonthFacts => ({ period, ...ZERO_MONTH, ...counters });
const NO_STAFF: StaffSnapshot = { currentWorkers: 0, certified: 0, greenLights: 0, trained: 0, insured: 0 };
const record = (recordId: string, kind: PublicCreditRecord['kind'], points: number, effectiveOn: string, until?: string): PublicCreditRecord => ({
  recordId,
  kind,
  points,
  effectiveOn,
  ...(until ? { until } : {}),
  evidenceRef: `穗人社〔2026〕${recordId}号`,
});

/** The document's worked example, its window's counters split over two months. */
const EXAMPLE: EnterpriseCreditInputs = {
  tenantId: 'ten_EXAMPLE',
  period: '2026-11',
  joinedOn: '2023-06-15',
  months: [
    month('2025-12', { ordersCreated: 500, ordersCompleted: 400, checkIns: 400, onTimeCheckIns: 380, workerNoShows: 4, enterpriseCancellations: 13, ratings: 150, ratingStarsSum: 700, complaintsOpened: 5, complaintsResolved: 4, complaintResolutionHoursSum: 200 }),
    month('2026-11', { ordersCreated: 600, ordersCompleted: 600, checkIns: 600, onTimeCheckIns: 564, workerNoShows: 6, enterpriseCancellations: 20, ratings: 250, ratingStarsSum: 1100, complaintsOpened: 10, complaintsResolved: 8, complaintResolutionHoursSum: 520 }),
  ],
  staff: { currentWorkers: 40, certified: 30, greenLights: 24, trained: 36, insured: 20 },
  publicRecords: [record('p1', 'penalty', 3, '2026-03-01', '2026-08-31'), record('r1', 'reward', 1, '2025-06-01')],
};

const grade = (changes: Partial<EnterpriseCreditInputs> = {}) => gradeEnterprise({ ...EXAMPLE, ...changes });
const dimension = (r: EnterpriseGradeResult, id: string) => r.dimensions.find((d) => d.id === id)!;
const ind = (r: EnterpriseGradeResult, id: string) => r.dimensions.flatMap((d) => d.indicators).find((i) => i.id === id)!;
/** The service dimension of an enterprise whose window totals are `counters`. */
const service = (counters: Partial<EnterpriseMonthFacts>) => grade({ months: [month('2026-11', counters)] });

describe('the worked example of docs/credit-grading.md', () => {
  const r = gradeEnterprise(EXAMPLE);

  it('scores 79.78, grade 3A', () => {
    expect(r).toMatchObject({ modelVersion: CREDIT_MODEL_VERSION, tenantId: 'ten_EXAMPLE', period: '2026-11', window: { from: '2025-12', to: '2026-11' } });
    expect(r).toMatchObject({ eligible: true, notGradedReasons: [], score: 79.78, grade: '3A' });
    expect(r).not.toHaveProperty('cappedAt');
  });

  it('has the dimensions and indicators of the table, in order', () => {
    expect(r.dimensions.map((d) => [d.id, d.label, d.weight])).toEqual([
      ['strength', '企业实力', 15],
      ['service', '服务能力', 45],
      ['management', '管理能力', 25],
      ['public-credit', '公共信用', 15],
    ]);
    const expected: [string, number | null, number, number][] = [
      ['staff-size', 40, 0.8, 6.4],
      ['programme-tenure', 41, 41 / 60, (7 * 41) / 60],
      ['order-volume', 1000, 1, 8],
      ['on-time-rate', 0.944, 0.8, 5.6],
      ['worker-no-show-rate', 10 / 1010, 1, 6],
      ['enterprise-cancellation-rate', 0.03, 0.9, 3.6],
      ['rating-average', 4.5, 0.75, 6],
      ['complaints-per-100', 1.5, 0.75, 5.25],
      ['complaint-resolution-hours', 60, 0.75, 3.75],
      ['certified-share', 0.75, 0.75, 6],
      ['trained-share', 0.9, 0.9, 5.4],
      ['insured-share', 0.5, 0.5, 3],
      ['green-light-share', 0.6, 0.6, 3],
      ['public-record', -2, 13 / 15, 13],
    ];
    const actual = r.dimensions.flatMap((d) => d.indicators);
    expect(actual.map((i) => i.id)).toEqual(expected.map((e) => e[0]));
    for (const [id, value, normalized, points] of expected) {
      const i = ind(r, id);
      expect(i.value, id).toBeCloseTo(value!, 12);
      expect(i.normalized, id).toBeCloseTo(normalized, 12);
      expect(i.points, id).toBeCloseTo(points, 12);
    }
    expect(dimension(r, 'strength').points).toBeCloseTo(11.183333333333, 10);
    expect(dimension(r, 'service').points).toBeCloseTo(38.2, 10);
    expect(dimension(r, 'management').points).toBeCloseTo(17.4, 10);
    expect(dimension(r, 'public-credit').points).toBeCloseTo(13, 10);
  });

  it('is plain JSON and the same on every computation', () => {
    const again = gradeEnterprise(structuredClone(EXAMPLE));
    expect(JSON.stringify(again)).toBe(JSON.stringify(r));
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

describe('企业实力 (strength)', () => {
  it.each([
    [0, 0],
    [10, 1.6],
    [50, 8],
    [120, 8], // capped at 50 workers
  ])('%i workers → %d points for size', (currentWorkers, points) => {
    expect(ind(grade({ staff: { ...NO_STAFF, currentWorkers } }), 'staff-size').points).toBeCloseTo(points, 12);
  });

  it.each([
    ['2026-12-01', 0, 0], // joined after the period: tenure 0
    ['2025-12-01', 12, 1.4],
    ['2021-12-01', 60, 7],
    ['2015-01-01', 143, 7], // capped at 60 months
  ])('joined %s → %i months, %d points', (joinedOn, months, points) => {
    const t = ind(grade({ joinedOn }), 'programme-tenure');
    expect(t.value).toBe(months);
    expect(t.points).toBeCloseTo(points, 12);
  });
});

describe('服务能力 (service): each indicator and its 0/0 case', () => {
  it('order volume is log10(1 + n) ÷ log10(1001), full from 1000', () => {
    expect(ind(service({}), 'order-volume')).toMatchObject({ value: 0, normalized: 0, points: 0 });
    expect(ind(service({ ordersCompleted: 10 }), 'order-volume').normalized).toBeCloseTo(Math.log10(11) / Math.log10(1001), 15);
    expect(ind(service({ ordersCompleted: 10 }), 'order-volume').normalized).toBeCloseTo(0.3471, 4);
    expect(ind(service({ ordersCompleted: 100 }), 'order-volume').normalized).toBeCloseTo(0.668, 4);
    expect(ind(service({ ordersCompleted: 1000 }), 'order-volume').normalized).toBe(1);
    expect(ind(service({ ordersCompleted: 5000 }), 'order-volume').normalized).toBe(1);
  });

  it('on-time rate: linear 0.8 → 0.98; no check-ins → null, 0', () => {
    expect(ind(service({}), 'on-time-rate')).toMatchObject({ value: null, normalized: 0, points: 0 });
    expect(ind(service({ checkIns: 100, onTimeCheckIns: 89 }), 'on-time-rate').normalized).toBeCloseTo(0.5, 12);
    expect(ind(service({ checkIns: 100, onTimeCheckIns: 80 }), 'on-time-rate').normalized).toBe(0);
    expect(ind(service({ checkIns: 100, onTimeCheckIns: 50 }), 'on-time-rate').normalized).toBe(0);
    expect(ind(service({ checkIns: 50, onTimeCheckIns: 49 }), 'on-time-rate')).toMatchObject({ value: 0.98, normalized: 1, points: 7 });
  });

  it('worker no-show rate: of completed + no-shows, linear 0.05 → 0.01; neither → null, 1', () => {
    expect(ind(service({}), 'worker-no-show-rate')).toMatchObject({ value: null, normalized: 1, points: 6 });
    expect(ind(service({ ordersCompleted: 97, workerNoShows: 3 }), 'worker-no-show-rate')).toMatchObject({ value: 0.03 });
    expect(ind(service({ ordersCompleted: 97, workerNoShows: 3 }), 'worker-no-show-rate').normalized).toBeCloseTo(0.5, 12);
    expect(ind(service({ workerNoShows: 2 }), 'worker-no-show-rate')).toMatchObject({ value: 1, normalized: 0, points: 0 });
  });

  it('cancellation rate: capped at 1; none created and none cancelled → null, 1; cancellations without orders created → 0', () => {
    expect(ind(service({}), 'enterprise-cancellation-rate')).toMatchObject({ value: null, normalized: 1, points: 4 });
    expect(ind(service({ enterpriseCancellations: 2 }), 'enterprise-cancellation-rate')).toMatchObject({ value: 1, normalized: 0, points: 0 });
    expect(ind(service({ ordersCreated: 100, enterpriseCancellations: 7 }), 'enterprise-cancellation-rate').normalized).toBeCloseTo(0.5, 12);
    expect(ind(service({ ordersCreated: 100, enterpriseCancellations: 2 }), 'enterprise-cancellation-rate').normalized).toBe(1);
    expect(ind(service({ ordersCreated: 3, enterpriseCancellations: 5 }), 'enterprise-cancellation-rate')).toMatchObject({ value: 1, normalized: 0 });
  });

  it('rating average: from 10 ratings, linear 3 → 5; fewer → null, 0.5', () => {
    expect(ind(service({}), 'rating-average')).toMatchObject({ value: null, normalized: 0.5, points: 4 });
    expect(ind(service({ ordersCompleted: 9, ratings: 9, ratingStarsSum: 45 }), 'rating-average')).toMatchObject({ value: null, normalized: 0.5 });
    expect(ind(service({ ordersCompleted: 10, ratings: 10, ratingStarsSum: 45 }), 'rating-average')).toMatchObject({ value: 4.5, normalized: 0.75, points: 6 });
    expect(ind(service({ ordersCompleted: 10, ratings: 10, ratingStarsSum: 20 }), 'rating-average')).toMatchObject({ value: 2, normalized: 0 });
    expect(ind(service({ ordersCompleted: 10, ratings: 10, ratingStarsSum: 50 }), 'rating-average')).toMatchObject({ value: 5, normalized: 1, points: 8 });
  });

  it('complaints per 100: linear 4.5 → 0.5; no completed order → null, 1 without complaints, 0 with any', () => {
    expect(ind(service({}), 'complaints-per-100')).toMatchObject({ value: null, normalized: 1, points: 7 });
    expect(ind(service({ complaintsOpened: 1 }), 'complaints-per-100')).toMatchObject({ value: null, normalized: 0, points: 0 });
    expect(ind(service({ ordersCompleted: 400, complaintsOpened: 10 }), 'complaints-per-100')).toMatchObject({ value: 2.5, normalized: 0.5, points: 3.5 });
    expect(ind(service({ ordersCompleted: 400, complaintsOpened: 0 }), 'complaints-per-100')).toMatchObject({ value: 0, normalized: 1 });
    expect(ind(service({ ordersCompleted: 20, complaintsOpened: 1 }), 'complaints-per-100')).toMatchObject({ value: 5, normalized: 0 });
  });

  it('resolution hours: linear 168 → 24; none resolved → null, 1 if none opened, 0 otherwise', () => {
    expect(ind(service({}), 'complaint-resolution-hours')).toMatchObject({ value: null, normalized: 1, points: 5 });
    expect(ind(service({ complaintsOpened: 2 }), 'complaint-resolution-hours')).toMatchObject({ value: null, normalized: 0, points: 0 });
    expect(ind(service({ complaintsResolved: 2, complaintResolutionHoursSum: 192 }), 'complaint-resolution-hours')).toMatchObject({ value: 96, normalized: 0.5, points: 2.5 });
    expect(ind(service({ complaintsResolved: 4, complaintResolutionHoursSum: 10.5 }), 'complaint-resolution-hours')).toMatchObject({ value: 2.625, normalized: 1 });
    expect(ind(service({ complaintsResolved: 1, complaintResolutionHoursSum: 400 }), 'complaint-resolution-hours')).toMatchObject({ value: 400, normalized: 0 });
  });

  it('an enterprise with no activity: what nothing could fail scores full, what nothing showed scores 0', () => {
    const s = dimension(service({}), 'service');
    // volume 0 + on-time 0 + no-show 6 + cancellation 4 + rating 4 (neutral) + complaints 7 + resolution 5
    expect(s.points).toBe(26);
  });

  it('rates come from the window totals, not an average of monthly rates', () => {
    const r = grade({ months: [month('2026-01', { checkIns: 10, onTimeCheckIns: 0 }), month('2026-02', { checkIns: 90, onTimeCheckIns: 89 })] });
    expect(ind(r, 'on-time-rate').value).toBe(0.89);
  });
});

describe('管理能力 (management)', () => {
  it('shares of the current workers, the green lights included', () => {
    const r = grade({ staff: { currentWorkers: 20, certified: 10, greenLights: 5, trained: 20, insured: 0 } });
    expect(ind(r, 'certified-share')).toMatchObject({ value: 0.5, points: 4 });
    expect(ind(r, 'trained-share')).toMatchObject({ value: 1, points: 6 });
    expect(ind(r, 'insured-share')).toMatchObject({ value: 0, points: 0 });
    expect(ind(r, 'green-light-share')).toMatchObject({ value: 0.25, points: 1.25 });
    expect(dimension(r, 'management').points).toBe(11.25);
  });

  it('no current workers → every share null, 0', () => {
    const r = grade({ staff: NO_STAFF });
    for (const i of dimension(r, 'management').indicators) expect(i, i.id).toMatchObject({ value: null, normalized: 0, points: 0 });
  });
});

describe('公共信用 (public credit)', () => {
  const publicCredit = (publicRecords: PublicCreditRecord[]) => grade({ publicRecords });

  it('starts at 15; penalties take, rewards give back up to 15, never below 0', () => {
    expect(dimension(publicCredit([]), 'public-credit').points).toBe(15);
    expect(dimension(publicCredit([record('r', 'reward', 4, '2026-01-01')]), 'public-credit').points).toBe(15);
    expect(dimension(publicCredit([record('p', 'penalty', 4, '2026-01-01')]), 'public-credit').points).toBeCloseTo(11, 12);
    expect(dimension(publicCredit([record('p', 'penalty', 4, '2026-01-01'), record('r', 'reward', 2.5, '2026-02-01')]), 'public-credit').points).toBeCloseTo(13.5, 12);
    expect(dimension(publicCredit([record('p', 'penalty', 4, '2026-01-01'), record('r', 'reward', 9, '2026-02-01')]), 'public-credit').points).toBe(15);
    const ruined = publicCredit([record('p', 'penalty', 12, '2026-01-01'), record('q', 'penalty', 12, '2026-01-01')]);
    expect(ind(ruined, 'public-record')).toMatchObject({ value: -24, normalized: 0, points: 0 });
  });

  it('counts a record in effect on any day of the window, and only those', () => {
    const points = (r: PublicCreditRecord) => dimension(publicCredit([r]), 'public-credit').points;
    expect(points(record('p', 'penalty', 3, '2026-11-30'))).toBeCloseTo(12, 12); // takes effect on the window's last day
    expect(points(record('p', 'penalty', 3, '2024-01-01', '2025-12-01'))).toBeCloseTo(12, 12); // ends on the window's first day
    expect(points(record('p', 'penalty', 3, '2024-01-01', '2025-11-30'))).toBe(15); // ended the day before
    expect(points(record('p', 'penalty', 3, '2026-12-01'))).toBe(15); // takes effect after the period
  });

  it('penalties of 5 points or more cap the grade at 2A, and rewards do not lift the cap', () => {
    const capped = publicCredit([record('p', 'penalty', 2, '2026-01-01'), record('q', 'penalty', 3, '2026-05-01', '2026-05-31'), record('r', 'reward', 5, '2026-06-01')]);
    // Public credit 15 − 5 + 5 = 15 points against the example's 13: 81.78 would be 4A.
    expect(capped.score).toBe(81.78);
    expect(capped).toMatchObject({ grade: '2A', cappedAt: '2A' });
    const below = publicCredit([record('p', 'penalty', 4.5, '2026-01-01')]);
    expect(below.grade).toBe('3A');
    expect(below).not.toHaveProperty('cappedAt');
  });

  it('the cap is stated even when the score gives 2A or less, and with a 1A it stays 1A', () => {
    const r = gradeEnterprise({ ...EXAMPLE, staff: NO_STAFF, publicRecords: [record('p', 'penalty', 6, '2026-01-01')] });
    expect(r.score).toBeLessThan(60);
    expect(r).toMatchObject({ grade: '1A', cappedAt: '2A' });
  });

  it('a black-list entry in effect on the period’s last day withholds the grade; one that ended before does not', () => {
    const listed = publicCredit([record('b', 'blacklist', 0, '2026-11-30')]);
    expect(listed).toMatchObject({ eligible: false, notGradedReasons: ['blacklisted'], grade: null, score: 81.78 });
    expect(publicCredit([record('b', 'blacklist', 0, '2024-01-01', '2026-11-30')]).notGradedReasons).toEqual(['blacklisted']);
    const ended = publicCredit([record('b', 'blacklist', 0, '2026-01-01', '2026-11-29')]);
    expect(ended).toMatchObject({ eligible: true, grade: '4A', score: 81.78 });
    expect(publicCredit([record('b', 'blacklist', 0, '2026-12-01')]).grade).toBe('4A');
  });
});

describe('eligibility', () => {
  it('at least 12 months on the programme at the end of the period', () => {
    expect(grade({ joinedOn: '2025-12-01' })).toMatchObject({ eligible: true, notGradedReasons: [] });
    const r = grade({ joinedOn: '2025-12-02' });
    expect(r).toMatchObject({ eligible: false, notGradedReasons: ['tenure'], grade: null });
    expect(r.score).toBeGreaterThan(0);
  });

  it('at least 10 completed orders in the window', () => {
    expect(grade({ months: [month('2026-11', { ordersCompleted: 10 })] }).notGradedReasons).toEqual([]);
    expect(grade({ months: [month('2026-11', { ordersCompleted: 9 })] })).toMatchObject({ eligible: false, notGradedReasons: ['orders'], grade: null });
  });

  it('lists every reason that applies, in order, and still computes the score', () => {
    const r = grade({ joinedOn: '2026-06-01', months: [], publicRecords: [record('b', 'blacklist', 0, '2026-06-01')] });
    expect(r).toMatchObject({ eligible: false, notGradedReasons: ['tenure', 'orders', 'blacklisted'], grade: null });
    // 6.4 + 7 × 6 ÷ 60 (strength) + 26 (service, no activity) + 17.4 + 15
    expect(r.score).toBe(65.5);
  });
});

describe('score and grade', () => {
  it.each([
    [100, '5A'],
    [90, '5A'],
    [89.99, '4A'],
    [80, '4A'],
    [79.99, '3A'],
    [70, '3A'],
    [60, '2A'],
    [59.99, '1A'],
    [0, '1A'],
  ])('%d → %s', (score, g) => expect(gradeForScore(score)).toBe(g));

  it('rounds once, half away from zero, on the value × 100 as a double', () => {
    expect(roundScore(79.78333333)).toBe(79.78);
    expect(roundScore(0.125)).toBe(0.13);
    expect(roundScore(-0.125)).toBe(-0.13);
    expect(roundScore(89.995)).toBe(90); // 8999.5 exactly as a double
    expect(roundScore(1.005)).toBe(1); // 100.49999999999999 as a double
  });

  it('a perfect enterprise scores 100', () => {
    const perfect = gradeEnterprise({
      ...EXAMPLE,
      joinedOn: '2020-01-01',
      months: [month('2026-11', { ordersCreated: 1000, ordersCompleted: 1000, checkIns: 1000, onTimeCheckIns: 1000, ratings: 10, ratingStarsSum: 50 })],
      staff: { currentWorkers: 50, certified: 50, greenLights: 50, trained: 50, insured: 50 },
      publicRecords: [],
    });
    expect(perfect).toMatchObject({ score: 100, grade: '5A' });
  });
});

describe('guards: impossible inputs throw', () => {
  it.each<[string, Partial<EnterpriseCreditInputs>, RegExp]>([
    ['a bad period', { period: '2026-13' }, /not a YYYY-MM month/],
    ['a bad joinedOn', { joinedOn: '2026-02-30' }, /joinedOn is not a YYYY-MM-DD day/],
    ['a month outside the window', { months: [month('2025-11')] }, /outside the window 2025-12\.\.2026-11/],
    ['a month after the period', { months: [month('2026-12')] }, /outside the window/],
    ['months out of order', { months: [month('2026-02'), month('2026-01')] }, /oldest first/],
    ['a month twice', { months: [month('2026-02'), month('2026-02')] }, /without repeats/],
    ['a negative count', { months: [month('2026-02', { complaintsOpened: -1 })] }, /complaintsOpened of 2026-02 must be a non-negative integer/],
    ['a fractional count', { months: [month('2026-02', { ordersCompleted: 1.5 })] }, /ordersCompleted of 2026-02 must be a non-negative integer/],
    ['negative hours', { months: [month('2026-02', { complaintResolutionHoursSum: -2 })] }, /must be a non-negative number/],
    ['NaN hours', { months: [month('2026-02', { complaintResolutionHoursSum: Number.NaN })] }, /must be a non-negative number/],
    ['more than 5 stars a rating', { months: [month('2026-02', { ratings: 2, ratingStarsSum: 11 })] }, /ratingStarsSum of 2026-02/],
    ['stars without ratings', { months: [month('2026-02', { ratingStarsSum: 3 })] }, /ratingStarsSum of 2026-02/],
    ['more on-time check-ins than check-ins', { months: [month('2026-02', { checkIns: 1, onTimeCheckIns: 2 })] }, /onTimeCheckIns of 2026-02: 2 exceeds 1/],
    ['negative staff', { staff: { ...NO_STAFF, currentWorkers: -1 } }, /staff.currentWorkers/],
    ['more certified than workers', { staff: { ...NO_STAFF, currentWorkers: 1, certified: 2 } }, /staff.certified: 2 exceeds 1/],
    ['more green lights than certified', { staff: { currentWorkers: 5, certified: 1, greenLights: 2, trained: 0, insured: 0 } }, /staff.greenLights: 2 exceeds 1/],
    ['more insured than workers', { staff: { ...NO_STAFF, insured: 1 } }, /staff.insured/],
    ['a record listed twice', { publicRecords: [record('x', 'reward', 1, '2026-01-01'), record('x', 'reward', 1, '2026-01-01')] }, /listed twice/],
    ['negative points', { publicRecords: [record('x', 'penalty', -3, '2026-01-01')] }, /points of public record x/],
    ['a black-list entry with points', { publicRecords: [record('x', 'blacklist', 2, '2026-01-01')] }, /carries no points/],
    ['a record ending before it starts', { publicRecords: [record('x', 'penalty', 1, '2026-03-01', '2026-02-28')] }, /ends before it takes effect/],
    ['an unknown kind', { publicRecords: [{ ...record('x', 'penalty', 1, '2026-03-01'), kind: 'warning' as never }] }, /unknown kind/],
  ])('%s', (_, changes, message) => {
    expect(() => grade(changes)).toThrow(message);
  });

  it('a counter absent from a month counts as 0', () => {
    const sparse = { period: '2026-11', ordersCompleted: 12 } as EnterpriseMonthFacts;
    expect(grade({ months: [sparse] }).score).toBe(grade({ months: [month('2026-11', { ordersCompleted: 12 })] }).score);
  });
});
