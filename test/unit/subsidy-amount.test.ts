/**
 * What each scheme allows (docs/subsidies.md "Amounts"), by hand and as properties
 * (fast-check): per-person amounts never pass the per-person yearly cap, a person already
 * paid for the year adds nothing, and the insurance scheme's amount is exactly the
 * insurance subsidy's (the same function GET /v1/insurance/subsidy uses).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/insurance/days';
import {
  enterpriseSubsidy,
  SUBSIDY_CAP_PER_WORKER_YEAR_FEN,
  SUBSIDY_MAX_YEARS,
  type SubsidyEnrolment,
} from '../../shared/domain/insurance/subsidy';
import { allowedAmount } from '../../shared/domain/subsidy/amount';
import { daysInYear, labourContractDays, moreThanHalfOfYear } from '../../shared/domain/subsidy/employment-days';
import type { EmploymentTerm, PersonFacts, SubsidyFacts } from '../../shared/domain/subsidy/facts';
import { SCHEMES, type SchemeId } from '../../shared/domain/subsidy/schemes';

const RUNS = { numRuns: 200 };

const base = (schemeId: SchemeId, over: Partial<SubsidyFacts> = {}): SubsidyFacts => ({
  schemeId,
  year: 2025,
  today: '2026-02-01',
  applicant: { tenantId: 'ten_A', role: 'enterprise', publicRecords: [], employmentModel: [], recognitions: [] },
  documents: [],
  awardedSubjects: [],
  persons: [],
  insuredWorkers: [],
  sources: [],
  ...over,
});

describe('by hand', () => {
  it('a fixed award allows its amount', () => {
    expect(allowedAmount(SCHEMES['leading-enterprise-award'], base('leading-enterprise-award')).allowedFen).toBe(30_000_000);
    expect(allowedAmount(SCHEMES['course-standard-introduction'], base('course-standard-introduction')).allowedFen).toBe(5_000_000);
  });

  it('more than half the year: 183 of 365 days counts, 183 of 366 does not', () => {
    expect(daysInYear(2025)).toBe(365);
    expect(daysInYear(2024)).toBe(366);
    expect(moreThanHalfOfYear(183, 2025)).toBe(true);
    expect(moreThanHalfOfYear(182, 2025)).toBe(false);
    expect(moreThanHalfOfYear(183, 2024)).toBe(false);
    expect(moreThanHalfOfYear(184, 2024)).toBe(true);
  });

  it('labour-contract days count only labour contracts, only inside the year, ends included', () => {
    const terms: EmploymentTerm[] = [
      { type: 'service-agreement', from: '2024-03-01', until: '2025-01-31' },
      { type: 'labour-contract', from: '2025-02-01', until: '2025-02-28' },
      { type: 'labour-contract', from: '2025-12-01' },
    ];
    expect(labourContractDays(terms, 2025)).toBe(28 + 31);
    expect(labourContractDays(terms, 2024)).toBe(0);
    expect(labourContractDays(terms, 2030)).toBe(365);
  });

  it('the graduate scheme pays 10,000 yuan per graduate who passes every person rule', () => {
    const g = (n: number, paidYears: number[]): PersonFacts => ({
      workerId: `w${n}`,
      terms: [{ type: 'labour-contract', from: '2024-09-01' }],
      graduation: { consented: true, recorded: { graduationYear: 2024, schoolType: 'higher-education' } },
      paidYears,
    });
    const result = allowedAmount(SCHEMES['graduate-employment'], base('graduate-employment', { persons: [g(1, []), g(2, [2025]), g(3, [2024])] }));
    expect(result.allowedFen).toBe(2_000_000);
    expect(result.persons!.map((p) => p.amountFen)).toEqual([1_000_000, 0, 1_000_000]);
  });
});

/** A day of 2023–2027 from a number of days after 2023-01-01. */
const dayAt = (offset: number) => addDays('2023-01-01', offset);

/** Up to three non-overlapping terms, oldest first, the last possibly still running. */
const termsArb: fc.Arbitrary<EmploymentTerm[]> = fc
  .array(fc.record({ gap: fc.integer({ min: 0, max: 400 }), length: fc.integer({ min: 1, max: 700 }), labour: fc.boolean() }), { maxLength: 3 })
  .chain((parts) =>
    fc.boolean().map((lastRunning) => {
      const terms: EmploymentTerm[] = [];
      let next = 0;
      parts.forEach((p, i) => {
        const from = next + p.gap;
        const until = from + p.length - 1;
        const running = lastRunning && i === parts.length - 1;
        terms.push({ type: p.labour ? 'labour-contract' : 'service-agreement', from: dayAt(from), ...(running ? {} : { until: dayAt(until) }) });
        next = until + 1;
      });
      return terms;
    }),
  );

const personArb = (i: number): fc.Arbitrary<PersonFacts> =>
  fc.record({
    terms: termsArb,
    paidYears: fc.uniqueArray(fc.integer({ min: 2021, max: 2026 }), { maxLength: 4 }),
    graduationYear: fc.integer({ min: 2018, max: 2026 }),
    schoolType: fc.constantFrom('higher-education', 'technician-college-advanced', 'special-education-vocational', 'other' as const),
    consented: fc.boolean(),
  }).map(({ terms, paidYears, graduationYear, schoolType, consented }) => ({
    workerId: `wkr_${i}`,
    terms,
    paidYears,
    graduation: { consented, recorded: { graduationYear, schoolType } },
  }));

const personsArb = fc.integer({ min: 0, max: 12 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => personArb(i))));

describe('per-person caps (properties)', () => {
  it.each(['employee-system-enterprise', 'graduate-employment'] as const)('%s: each line is 0 or the per-person amount, never above the cap; the total is the lines', (schemeId) => {
    const scheme = SCHEMES[schemeId];
    const cap = scheme.limits.perPersonYearFen!;
    fc.assert(
      fc.property(personsArb, fc.integer({ min: 2023, max: 2026 }), (persons, year) => {
        const result = allowedAmount(scheme, base(schemeId, { persons, year }));
        const lines = result.persons!;
        expect(lines).toHaveLength(persons.length);
        for (const [i, line] of lines.entries()) {
          expect(line.amountFen).toBeLessThanOrEqual(cap);
          expect([0, cap]).toContain(line.amountFen);
          expect(line.counted).toBe(line.failed.length === 0);
          expect(line.amountFen > 0).toBe(line.counted);
          // Paid for the year already (by anyone) → nothing more this year.
          if (persons[i]!.paidYears.includes(year)) expect(line.amountFen).toBe(0);
          // Counted only with a labour contract more than half the year.
          if (!moreThanHalfOfYear(labourContractDays(persons[i]!.terms, year), year)) expect(line.amountFen).toBe(0);
        }
        expect(result.allowedFen).toBe(lines.reduce((s, l) => s + l.amountFen, 0));
        expect(result.allowedFen).toBeLessThanOrEqual(persons.length * cap);
        expect(Number.isSafeInteger(result.allowedFen)).toBe(true);
      }),
      RUNS,
    );
  });

  it('graduate-employment: never a fourth year for a person', () => {
    const scheme = SCHEMES['graduate-employment'];
    fc.assert(
      fc.property(personsArb, fc.integer({ min: 2023, max: 2026 }), (persons, year) => {
        const result = allowedAmount(scheme, base('graduate-employment', { persons, year }));
        for (const [i, line] of result.persons!.entries()) {
          const others = persons[i]!.paidYears.filter((y) => y !== year).length;
          if (others >= scheme.limits.maxYearsPerPerson!) expect(line.amountFen).toBe(0);
        }
      }),
      RUNS,
    );
  });
});

/** Enrolments of one worker: a few policies of 2024–2026 at one of three enterprises. */
const enrolmentsArb: fc.Arbitrary<SubsidyEnrolment[]> = fc.array(
  fc.record({
    enterprise: fc.constantFrom('ten_A', 'ten_B', 'ten_C'),
    start: fc.integer({ min: 365, max: 1400 }),
    termDays: fc.integer({ min: 30, max: 365 }),
    premium: fc.integer({ min: 0, max: 80_000 }),
    fromOffset: fc.integer({ min: 0, max: 200 }),
    until: fc.option(fc.integer({ min: 0, max: 364 }), { nil: undefined }),
  }),
  { maxLength: 4 },
).map((rows) =>
  rows.map((r, i) => {
    const startsOn = dayAt(r.start);
    const endsOn = dayAt(r.start + r.termDays - 1);
    const from = dayAt(r.start + Math.min(r.fromOffset, r.termDays - 1));
    const until = r.until === undefined ? undefined : dayAt(r.start + Math.min(r.termDays - 1, Math.max(r.until, Math.min(r.fromOffset, r.termDays - 1))));
    return { enterpriseId: r.enterprise, from, ...(until ? { until } : {}), policy: { policyId: `pol_${i}`, startsOn, endsOn, premiumPerWorkerFen: r.premium } };
  }),
);

describe('the insurance premium scheme (properties)', () => {
  it('allows exactly what the insurance subsidy gives the enterprise, within 150 yuan per worker subsidised', () => {
    fc.assert(
      fc.property(fc.array(enrolmentsArb, { maxLength: 6 }), fc.integer({ min: 2024, max: 2027 }), (perWorker, year) => {
        const insuredWorkers = perWorker.map((enrolments, i) => ({ workerId: `wkr_${i}`, enrolments }));
        const result = allowedAmount(SCHEMES['insurance-premium'], base('insurance-premium', { insuredWorkers, year }));
        const report = enterpriseSubsidy('ten_A', year, insuredWorkers);
        expect(result.allowedFen).toBe(report.subsidyFen);
        expect(result.insurance).toEqual(report);
        expect(result.allowedFen).toBeLessThanOrEqual(report.workersSubsidised * SUBSIDY_CAP_PER_WORKER_YEAR_FEN);
      }),
      RUNS,
    );
  });

  it('states the insurance rules\' caps, not its own', () => {
    expect(SCHEMES['insurance-premium'].limits).toMatchObject({ perPersonYearFen: SUBSIDY_CAP_PER_WORKER_YEAR_FEN, maxYearsPerPerson: SUBSIDY_MAX_YEARS, personLimitsBy: 'insurance-rules' });
  });
});
