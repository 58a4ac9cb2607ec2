/**
 * Calendar days for the certificate rules. Validity, health checks and insurance run by
 * the day as people in Guangzhou read them: a day is a calendar day in Asia/Shanghai
 * (lib/shanghai-day.ts), whatever the clock of the machine says.
 * Dates are `YYYY-MM-DD` strings: they compare correctly as strings.
 */
import { dayOf, shanghaiDay } from '../../lib/shanghai-day';

/** The date in Asia/Shanghai at `now`. */
export const chinaDate = shanghaiDay;

/** The Shanghai day of a date or an RFC 3339 instant; undefined when it is neither. */
export const dateOf = dayOf;

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `date` plus `years`; 29 February becomes 28 February in a common year (not 1 March). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The earlier of two dates (either may be missing). */
export function minDate(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}
