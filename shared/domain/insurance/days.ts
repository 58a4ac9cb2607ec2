/**
 * Calendar days for insurance. A policy, an enrolment and a cancellation run by whole
 * days as people in Guangzhou read them (Asia/Shanghai, UTC+8, no daylight saving): every
 * date here is a `YYYY-MM-DD` string, and every period is INCLUSIVE at both ends — `endsOn`,
 * `until`, `on` and a cancellation's `effectiveOn` all name the last day with cover.
 * Dates compare correctly as strings. The clock helpers are the certificate rules' own
 * (domain/certificate/dates.ts), so a certificate's light and a claim's coverage agree
 * on what "today" is.
 */
export { addDays, addYears, chinaDate, dateOf, minDate } from '../certificate/dates';

const MS_PER_DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 (UTC midnight) of a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / MS_PER_DAY;
}

/** Days from `from` to `until`, both included (0 when `until` is before `from`). */
export function daysInclusive(from: string, until: string): number {
  return Math.max(0, dayNumber(until) - dayNumber(from) + 1);
}

/** The overlap of two inclusive periods, or undefined when they share no day. */
export function overlap(a: { from: string; until: string }, b: { from: string; until: string }): { from: string; until: string } | undefined {
  const from = a.from > b.from ? a.from : b.from;
  const until = a.until < b.until ? a.until : b.until;
  return from <= until ? { from, until } : undefined;
}
