/**
 * Counting days and heads on labour contracts (docs/subsidies.md "Rules"): the
 * per-person schemes pay for people an enterprise employs on a labour contract for more
 * than half of a calendar year, and the employee-system scheme asks for a yearly average
 * headcount. Days are Asia/Shanghai calendar days, `YYYY-MM-DD`, inclusive at both ends,
 * as everywhere in the insurance rules (whose day arithmetic this reuses).
 */
import { isCalendarDay } from '../../lib/shanghai-day';
import { daysInclusive, overlap } from '../insurance/days';
import { EMPLOYMENT_TYPES, type EmploymentTerm } from './facts';

export const yearPeriod = (year: number) => ({ from: `${year}-01-01`, until: `${year}-12-31` });

export const daysInYear = (year: number): number => daysInclusive(`${year}-01-01`, `${year}-12-31`);

/** A term's inclusive period; a running term runs to the end of time for counting purposes. */
const periodOf = (term: EmploymentTerm) => ({ from: term.from, until: term.until ?? '9999-12-31' });

/** Refuses terms no recorder should have produced: unknown types, impossible days, overlaps. */
export function checkTerms(terms: readonly EmploymentTerm[], what: string): void {
  const sorted = [...terms].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (const [i, t] of sorted.entries()) {
    if (!(EMPLOYMENT_TYPES as readonly string[]).includes(t.type)) throw new Error(`${what}: unknown employment type ${String(t.type)}`);
    if (!isCalendarDay(t.from) || (t.until !== undefined && !isCalendarDay(t.until))) throw new Error(`${what}: a term's days are not calendar days`);
    if (t.until !== undefined && t.until < t.from) throw new Error(`${what}: a term ends before it starts`);
    // A day counted under two terms would count twice; one person has one employer and one type at a time.
    const next = sorted[i + 1];
    if (next && periodOf(t).until >= next.from) throw new Error(`${what}: terms overlap`);
  }
}

/** Days of `year` on a labour contract. */
export function labourContractDays(terms: readonly EmploymentTerm[], year: number): number {
  return terms
    .filter((t) => t.type === 'labour-contract')
    .reduce((sum, t) => {
      const part = overlap(periodOf(t), yearPeriod(year));
      return sum + (part ? daysInclusive(part.from, part.until) : 0);
    }, 0);
}

/** More than half of the year's days: at most one employer can have a person that long in one year. */
export const moreThanHalfOfYear = (days: number, year: number): boolean => 2 * days > daysInYear(year);

/** The first day of the earliest labour contract that has days in `year`: the day the person was hired for it. */
export function hiredOn(terms: readonly EmploymentTerm[], year: number): string | undefined {
  return terms
    .filter((t) => t.type === 'labour-contract' && overlap(periodOf(t), yearPeriod(year)) !== undefined)
    .map((t) => t.from)
    .sort()[0];
}

/** The last day of each month of `year`. */
export function monthEnds(year: number): string[] {
  return Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(year, m + 1, 0)).toISOString().slice(0, 10));
}

/** On a labour contract on `day`. */
export const onLabourContract = (terms: readonly EmploymentTerm[], day: string): boolean =>
  terms.some((t) => t.type === 'labour-contract' && t.from <= day && periodOf(t).until >= day);

/** How many of `people` were on a labour contract on each month's last day of `year`. */
export function monthEndHeadcounts(people: readonly { terms: readonly EmploymentTerm[] }[], year: number): number[] {
  return monthEnds(year).map((day) => people.filter((p) => onLabourContract(p.terms, day)).length);
}
