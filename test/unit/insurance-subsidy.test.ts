/**
 * The premium subsidy, with hand-computed examples (amounts in fen). A 365-day policy at
 * 36500 fen costs exactly 100 fen a day, which keeps the arithmetic checkable by eye.
 */
import { describe, expect, it } from 'vitest';
import {
  enterpriseSubsidy,
  premiumForDays,
  roundHalfUp,
  SUBSIDY_CAP_PER_WORKER_YEAR_FEN,
  subsidyLines,
  termDays,
  workerSubsidy,
  type SubsidyEnrolment,
  type SubsidyPolicy,
} from '../../shared/domain/insurance/subsidy';

const policy = (policyId: string, startsOn: string, endsOn: string, premiumPerWorkerFen: number, over: Partial<SubsidyPolicy> = {}): SubsidyPolicy => ({
  policyId,
  startsOn,
  endsOn,
  premiumPerWorkerFen,
  ...over,
});
const year = (y: number, premium = 36_500, id = `pol_${y}`) => policy(id, `${y}-01-01`, `${y}-12-31`, premium);
const enrol = (p: SubsidyPolicy, enterpriseId = 'ten_A', from = p.startsOn, until?: string): SubsidyEnrolment => ({ enterpriseId, from, ...(until ? { until } : {}), policy: p });

describe('premium per line (rounding)', () => {
  it('counts term days with both ends included, leap years too', () => {
    expect(termDays({ startsOn: '2026-01-01', endsOn: '2026-12-31' })).toBe(365);
    expect(termDays({ startsOn: '2028-01-01', endsOn: '2028-12-31' })).toBe(366);
    expect(termDays({ startsOn: '2026-07-01', endsOn: '2027-06-30' })).toBe(365);
  });

  it('rounds to the nearest fen, halves up', () => {
    expect(roundHalfUp(5, 2)).toBe(3);
    expect(roundHalfUp(3, 2)).toBe(2);
    expect(roundHalfUp(7, 3)).toBe(2);
    // 10000 × 100 / 365 = 2739.73 → 2740
    expect(premiumForDays(policy('p', '2026-01-01', '2026-12-31', 10_000), 100)).toBe(2740);
    // 10001 × 7 / 365 = 191.8 → 192
    expect(premiumForDays(policy('p', '2026-01-01', '2026-12-31', 10_001), 7)).toBe(192);
    // 3 × 1 / 2 = 1.5 → 2
    expect(premiumForDays(policy('p', '2026-01-01', '2026-01-02', 3), 1)).toBe(2);
  });

  it('splits a policy across calendar years by covered days', () => {
    // 2026-07-01..2027-06-30: 184 days in 2026, 181 in 2027; 100 fen a day.
    const lines = subsidyLines([enrol(policy('pol_X', '2026-07-01', '2027-06-30', 36_500))]);
    expect(lines.map(({ year: y, days, premiumFen, uncappedSubsidyFen }) => ({ y, days, premiumFen, uncappedSubsidyFen }))).toEqual([
      { y: 2026, days: 184, premiumFen: 18_400, uncappedSubsidyFen: 9_200 },
      { y: 2027, days: 181, premiumFen: 18_100, uncappedSubsidyFen: 9_050 },
    ]);
  });

  it('a cancellation cuts the days but not the daily rate; an odd premium halves down', () => {
    const cancelled = policy('pol_C', '2026-01-01', '2026-12-31', 36_500, { cancellation: { effectiveOn: '2026-03-31', cancelledAt: '2026-03-01T00:00:00Z' } });
    // Jan 31 + Feb 28 + Mar 31 = 90 days × 100 = 9000.
    expect(subsidyLines([enrol(cancelled)])[0]).toMatchObject({ days: 90, premiumFen: 9_000, uncappedSubsidyFen: 4_500 });
    // 10001 fen for the whole year: half is 5000.5 → 5000.
    expect(subsidyLines([enrol(year(2026, 10_001))])[0]).toMatchObject({ premiumFen: 10_001, uncappedSubsidyFen: 5_000 });
  });

  it('an enrolment covers only its own days inside the policy', () => {
    // 2026-03-01..2026-03-10 = 10 days × 100.
    expect(subsidyLines([enrol(year(2026), 'ten_A', '2026-03-01', '2026-03-10')])[0]).toMatchObject({ days: 10, premiumFen: 1_000, uncappedSubsidyFen: 500 });
  });
});

describe('workerSubsidy: caps', () => {
  it('pays half the premium under the cap', () => {
    const result = workerSubsidy([enrol(year(2026, 20_000))]);
    expect(result.years).toEqual([{ year: 2026, premiumFen: 20_000, uncappedSubsidyFen: 10_000, subsidyFen: 10_000, withinYearLimit: true, hitAnnualCap: false }]);
  });

  it('caps a worker at 150 yuan (15000 fen) a year', () => {
    // 36500 premium → half 18250 → 15000.
    const result = workerSubsidy([enrol(year(2026))]);
    expect(result.years[0]).toMatchObject({ premiumFen: 36_500, uncappedSubsidyFen: 18_250, subsidyFen: SUBSIDY_CAP_PER_WORKER_YEAR_FEN, hitAnnualCap: true });
  });

  it('the annual cap is shared by the worker\'s enrolments in the order their cover starts', () => {
    // Two policies at one enterprise, both all year: halves 10000 + 6000 = 16000 → the first (by policy id) 10000, the second 5000.
    const result = workerSubsidy([enrol(year(2026, 12_000, 'pol_B')), enrol(year(2026, 20_000, 'pol_A'))]);
    expect(result.lines.map((l) => [l.policyId, l.subsidyFen])).toEqual([
      ['pol_A', 10_000],
      ['pol_B', 5_000],
    ]);
    // Enterprise A Jan–Jun (181 days → 18100, half 9050), enterprise B Jul–Dec (184 days → 18400, half 9200):
    // A is paid first in full, B gets the rest of the 15000: 5950.
    const moved = workerSubsidy([enrol(year(2026, 36_500, 'pol_B'), 'ten_B', '2026-07-01'), enrol(year(2026, 36_500, 'pol_A'), 'ten_A', '2026-01-01', '2026-06-30')]);
    expect(moved.lines.map((l) => [l.enterpriseId, l.premiumFen, l.subsidyFen])).toEqual([
      ['ten_A', 18_100, 9_050],
      ['ten_B', 18_400, 5_950],
    ]);
  });

  it('subsidises the first three calendar years in which the worker was subsidised, across enterprises', () => {
    const result = workerSubsidy([enrol(year(2026, 20_000)), enrol(year(2027, 20_000)), enrol(year(2028, 20_000), 'ten_B'), enrol(year(2029, 20_000), 'ten_B')]);
    expect(result.subsidisedYears).toEqual([2026, 2027, 2028]);
    expect(result.years.map((y) => [y.year, y.subsidyFen, y.withinYearLimit])).toEqual([
      [2026, 10_000, true],
      [2027, 10_000, true],
      [2028, 10_000, true], // a leap year's 366 days are the whole term: still 20000
      [2029, 0, false],
    ]);
  });

  it('years without cover do not use up the three', () => {
    const result = workerSubsidy([enrol(year(2026, 2_000)), enrol(year(2028, 2_000)), enrol(year(2030, 2_000)), enrol(year(2031, 2_000))]);
    expect(result.subsidisedYears).toEqual([2026, 2028, 2030]);
    expect(result.years.find((y) => y.year === 2031)).toMatchObject({ subsidyFen: 0, withinYearLimit: false });
  });
});

describe('enterpriseSubsidy: the report of one enterprise and year', () => {
  it('sums its own lines, per policy, counting workers at each cap', () => {
    const polA = year(2026, 36_500, 'pol_A');
    const polB = year(2026, 20_000, 'pol_B');
    const report = enterpriseSubsidy('ten_A', 2026, [
      // w1: all year on pol_A → 36500, capped to 15000.
      { workerId: 'w1', enrolments: [enrol(polA)] },
      // w2: 2026-03-01..2026-03-10 on pol_A (10 days → 1000, half 500) and all year on pol_B (20000, half 10000).
      { workerId: 'w2', enrolments: [enrol(polA, 'ten_A', '2026-03-01', '2026-03-10'), enrol(polB)] },
      // w3: subsidised 2023–2025 elsewhere, so 2026 on pol_B pays nothing.
      { workerId: 'w3', enrolments: [enrol(year(2023), 'ten_Z'), enrol(year(2024), 'ten_Z'), enrol(year(2025), 'ten_Z'), enrol(polB)] },
      // w4: only another enterprise this year — not in ten_A's report.
      { workerId: 'w4', enrolments: [enrol(year(2026), 'ten_Z')] },
    ]);
    expect(report).toEqual({
      enterpriseId: 'ten_A',
      year: 2026,
      workersEnrolled: 3,
      workersSubsidised: 2,
      premiumFen: 36_500 + 1_000 + 20_000 + 20_000,
      subsidyFen: 15_000 + 500 + 10_000,
      workersAtAnnualCap: 1,
      workersAtYearLimit: 1,
      policies: [
        { policyId: 'pol_A', workers: 2, enrolledDays: 365 + 10, premiumFen: 37_500, subsidyFen: 15_500 },
        { policyId: 'pol_B', workers: 2, enrolledDays: 365 + 365, premiumFen: 40_000, subsidyFen: 10_000 },
      ],
    });
  });
});
