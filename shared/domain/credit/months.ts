/**
 * Monthly counters summed over a window (docs/credit-grading.md "Arithmetic"): every rate
 * is computed from the window's totals, never averaged over months, so a busy month weighs
 * what its orders weigh. Months are summed oldest first; the guards refuse what the
 * counters can never hold, because a grade computed from impossible facts would still look
 * like a grade.
 */
import { ENTERPRISE_MONTH_COUNTERS, WORKER_MONTH_COUNTERS, type EnterpriseMonthCounter, type EnterpriseMonthFacts, type Period, type WorkerMonthFacts, type WorkerMonthCounter } from './facts';
import { assertPeriod } from './period';
import { amount, atMost, count } from './scoring';

export type EnterpriseTotals = Record<EnterpriseMonthCounter, number>;
export type WorkerTotals = Record<WorkerMonthCounter, number>;

/** Counters that are sums of hours rather than counts of events. */
const FRACTIONAL: ReadonlySet<string> = new Set<string>(['complaintResolutionHoursSum']);

function sumCounters<C extends string>(months: readonly ({ period: Period } & Partial<Record<C, number>>)[], counters: readonly C[]): Record<C, number> {
  const totals = Object.fromEntries(counters.map((c) => [c, 0])) as Record<C, number>;
  let previous = '';
  for (const month of months) {
    assertPeriod(month.period, 'a month of facts');
    // Strictly ascending: no month counted twice, and one order of addition for fractional sums.
    if (month.period <= previous) throw new Error(`months must be oldest first without repeats: ${month.period} after ${previous}`);
    previous = month.period;
    const values = {} as Record<C, number>;
    for (const c of counters) {
      const what = `${c} of ${month.period}`;
      values[c] = FRACTIONAL.has(c) ? amount(month[c], what) : count(month[c], what);
    }
    checkMonth(values as Partial<Record<string, number>>, month.period);
    for (const c of counters) totals[c] += values[c];
  }
  return totals;
}

/** What one month's counters can never show, whoever counted them. */
function checkMonth(m: Partial<Record<string, number>>, period: Period): void {
  const ratings = m.ratings ?? 0;
  const stars = m.ratingStarsSum ?? 0;
  // Every rating is 1 to 5 stars.
  if (stars < ratings || stars > 5 * ratings) throw new Error(`ratingStarsSum of ${period} (${stars}) is not between 1 and 5 stars for each of ${ratings} ratings`);
  if (m.onTimeCheckIns !== undefined) atMost(m.onTimeCheckIns, m.checkIns ?? 0, `onTimeCheckIns of ${period}`);
}

/** An enterprise's counters over the months given, each checked. */
export const sumMonths = (months: readonly EnterpriseMonthFacts[]): EnterpriseTotals => sumCounters(months, ENTERPRISE_MONTH_COUNTERS);

export const sumWorkerMonths = (months: readonly WorkerMonthFacts[]): WorkerTotals => sumCounters(months, WORKER_MONTH_COUNTERS);
