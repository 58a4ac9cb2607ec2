/**
 * The public premium subsidy of "商业+公益" insurance (docs/domain.md "Insurance"): the
 * city pays 50% of the premium, at most 150 yuan (15000 fen) per worker per calendar
 * year, for at most 3 calendar years per worker. Pure; all amounts are integer fen.
 *
 * How the numbers are made, in order:
 *
 * 1. Premium per line. A line is one enrolment's covered days in one calendar year
 *    (covered = on the roster AND the policy in force: a cancellation cuts it). Its premium
 *    is `premiumPerWorkerFen × days ÷ termDays`, where termDays is the policy's term as
 *    issued (startsOn..endsOn, both included) — a cancellation shortens the days, never
 *    raises the daily rate. Rounded to the nearest fen, halves up, once per line
 *    (integer arithmetic: no floating point touches an amount).
 * 2. Half of it, rounded down to whole fen (the subsidy never pays a fraction of a fen
 *    more than half): the line's uncapped subsidy.
 * 3. Three-year cap. The worker's subsidised years are the calendar years in which the
 *    worker has any line with an uncapped subsidy above 0 — across ALL enterprises, since
 *    the cap is the person's. Only the first three such years are subsidised; a later year
 *    pays 0 (the worker "hit the 3-year cap" that year).
 * 4. Annual cap. Within a subsidised year the worker's lines draw on one budget of 15000
 *    fen in the order their covered periods start (then enterprise id, then policy id):
 *    earlier cover is paid first, so a later enrolment at another enterprise never
 *    changes what an earlier one was granted. A worker whose uncapped subsidies in the
 *    year add up to more than 15000 fen "hit the annual cap".
 */
import type { Policy } from './policy';
import { coveredPeriod } from './policy';
import { daysInclusive, overlap } from './days';

export const SUBSIDY_RATE_PERCENT = 50;
export const SUBSIDY_CAP_PER_WORKER_YEAR_FEN = 15_000;
export const SUBSIDY_MAX_YEARS = 3;

/** The parts of a policy the subsidy reads. */
export type SubsidyPolicy = Pick<Policy, 'policyId' | 'startsOn' | 'endsOn' | 'cancellation' | 'premiumPerWorkerFen'>;

/** One roster period of a worker, with its policy. */
export interface SubsidyEnrolment {
  enterpriseId: string;
  from: string;
  until?: string;
  policy: SubsidyPolicy;
}

export interface SubsidyLine {
  enterpriseId: string;
  policyId: string;
  year: number;
  /** First and last covered day in that year. */
  from: string;
  until: string;
  days: number;
  premiumFen: number;
  /** Half the premium, before the caps. */
  uncappedSubsidyFen: number;
  subsidyFen: number;
}

export interface WorkerYear {
  year: number;
  premiumFen: number;
  uncappedSubsidyFen: number;
  subsidyFen: number;
  /** Among the worker's first three subsidised years. */
  withinYearLimit: boolean;
  /** The uncapped subsidies exceeded 15000 fen (in a year within the limit). */
  hitAnnualCap: boolean;
}

export interface WorkerSubsidy {
  /** The worker's first three subsidised years (ascending). */
  subsidisedYears: number[];
  lines: SubsidyLine[];
  years: WorkerYear[];
}

/** Term days of a policy as issued (both ends included). */
export const termDays = (policy: Pick<Policy, 'startsOn' | 'endsOn'>): number => daysInclusive(policy.startsOn, policy.endsOn);

/** `numerator ÷ denominator` rounded to the nearest integer, halves up (non-negative integers). */
export function roundHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The premium of `days` covered days of a policy, rounded to whole fen (step 1). */
export function premiumForDays(policy: Pick<Policy, 'startsOn' | 'endsOn' | 'premiumPerWorkerFen'>, days: number): number {
  return roundHalfUp(policy.premiumPerWorkerFen * days, termDays(policy));
}

/** Half, rounded down (step 2). */
export const halfOf = (premiumFen: number): number => Math.floor((premiumFen * SUBSIDY_RATE_PERCENT) / 100);

/** Splits enrolments into per-year lines with their premium (steps 1–2), uncapped. */
export function subsidyLines(enrolments: readonly SubsidyEnrolment[]): Omit<SubsidyLine, 'subsidyFen'>[] {
  const lines: Omit<SubsidyLine, 'subsidyFen'>[] = [];
  for (const e of enrolments) {
    const covered = coveredPeriod(e, e.policy);
    if (!covered) continue;
    for (let year = Number(covered.from.slice(0, 4)); year <= Number(covered.until.slice(0, 4)); year++) {
      const part = overlap(covered, { from: `${year}-01-01`, until: `${year}-12-31` });
      if (!part) continue;
      const days = daysInclusive(part.from, part.until);
      const premiumFen = premiumForDays(e.policy, days);
      lines.push({ enterpriseId: e.enterpriseId, policyId: e.policy.policyId, year, from: part.from, until: part.until, days, premiumFen, uncappedSubsidyFen: halfOf(premiumFen) });
    }
  }
  return lines.sort((a, b) => a.year - b.year || cmp(a.from, b.from) || cmp(a.enterpriseId, b.enterpriseId) || cmp(a.policyId, b.policyId));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One worker's subsidy over every year they were enrolled (steps 1–4). */
export function workerSubsidy(enrolments: readonly SubsidyEnrolment[]): WorkerSubsidy {
  const uncapped = subsidyLines(enrolments);
  const allYears = [...new Set(uncapped.map((l) => l.year))].sort((a, b) => a - b);
  const subsidisedYears = allYears.filter((y) => uncapped.some((l) => l.year === y && l.uncappedSubsidyFen > 0)).slice(0, SUBSIDY_MAX_YEARS);
  const lines: SubsidyLine[] = [];
  const years: WorkerYear[] = [];
  for (const year of allYears) {
    const withinYearLimit = subsidisedYears.includes(year);
    let budget = withinYearLimit ? SUBSIDY_CAP_PER_WORKER_YEAR_FEN : 0;
    const ofYear = uncapped.filter((l) => l.year === year);
    for (const line of ofYear) {
      const subsidyFen = Math.min(line.uncappedSubsidyFen, budget);
      budget -= subsidyFen;
      lines.push({ ...line, subsidyFen });
    }
    const sum = (f: (l: SubsidyLine) => number) => lines.filter((l) => l.year === year).reduce((s, l) => s + f(l), 0);
    const uncappedSubsidyFen = sum((l) => l.uncappedSubsidyFen);
    years.push({
      year,
      premiumFen: sum((l) => l.premiumFen),
      uncappedSubsidyFen,
      subsidyFen: sum((l) => l.subsidyFen),
      withinYearLimit,
      hitAnnualCap: withinYearLimit && uncappedSubsidyFen > SUBSIDY_CAP_PER_WORKER_YEAR_FEN,
    });
  }
  return { subsidisedYears, lines, years };
}

export interface PolicySubsidyLine {
  policyId: string;
  workers: number;
  enrolledDays: number;
  premiumFen: number;
  subsidyFen: number;
}

export interface EnterpriseSubsidyYear {
  enterpriseId: string;
  year: number;
  /** Workers with covered days at this enterprise in the year. */
  workersEnrolled: number;
  /** Of those, workers granted a subsidy above 0 on this enterprise's lines. */
  workersSubsidised: number;
  premiumFen: number;
  subsidyFen: number;
  /** Workers whose subsidy on this enterprise's lines was cut by the 15000 fen annual cap. */
  workersAtAnnualCap: number;
  /** Workers with (premium-bearing) cover here this year but past their three subsidised years. */
  workersAtYearLimit: number;
  policies: PolicySubsidyLine[];
}

/**
 * One enterprise's report for one year: each worker's subsidy is computed over ALL of the
 * worker's enrolments (the caps are the person's), then only this enterprise's lines of
 * that year are summed.
 */
export function enterpriseSubsidy(
  enterpriseId: string,
  year: number,
  workers: readonly { workerId: string; enrolments: readonly SubsidyEnrolment[] }[],
): EnterpriseSubsidyYear {
  const report: EnterpriseSubsidyYear = {
    enterpriseId,
    year,
    workersEnrolled: 0,
    workersSubsidised: 0,
    premiumFen: 0,
    subsidyFen: 0,
    workersAtAnnualCap: 0,
    workersAtYearLimit: 0,
    policies: [],
  };
  const byPolicy = new Map<string, PolicySubsidyLine & { workerIds: Set<string> }>();
  for (const worker of workers) {
    const result = workerSubsidy(worker.enrolments);
    const ours = result.lines.filter((l) => l.year === year && l.enterpriseId === enterpriseId);
    if (ours.length === 0) continue;
    report.workersEnrolled += 1;
    const subsidy = ours.reduce((s, l) => s + l.subsidyFen, 0);
    const uncapped = ours.reduce((s, l) => s + l.uncappedSubsidyFen, 0);
    if (subsidy > 0) report.workersSubsidised += 1;
    // Counted where the cap cut THIS enterprise's lines (not where another enterprise's later lines were cut).
    const withinYearLimit = result.subsidisedYears.includes(year);
    if (withinYearLimit && subsidy < uncapped) report.workersAtAnnualCap += 1;
    if (!withinYearLimit && uncapped > 0) report.workersAtYearLimit += 1;
    for (const line of ours) {
      report.premiumFen += line.premiumFen;
      report.subsidyFen += line.subsidyFen;
      let p = byPolicy.get(line.policyId);
      if (!p) {
        p = { policyId: line.policyId, workers: 0, enrolledDays: 0, premiumFen: 0, subsidyFen: 0, workerIds: new Set() };
        byPolicy.set(line.policyId, p);
      }
      p.workerIds.add(worker.workerId);
      p.enrolledDays += line.days;
      p.premiumFen += line.premiumFen;
      p.subsidyFen += line.subsidyFen;
    }
  }
  report.policies = [...byPolicy.values()]
    .map(({ workerIds, ...line }) => ({ ...line, workers: workerIds.size }))
    .sort((a, b) => cmp(a.policyId, b.policyId));
  return report;
}
