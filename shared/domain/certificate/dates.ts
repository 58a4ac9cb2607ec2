/**
 * Calendar days for the certificate rules. Validity, health checks and insurance run by
 * the day as people in Guangzhou read them, so "today" is the date in Asia/Shanghai
 * (UTC+8, no daylight saving time) whatever the clock of the machine says.
 * Dates are `YYYY-MM-DD` strings: they compare correctly as strings.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The date in Asia/Shanghai at `now`. */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The China date of a date or an RFC 3339 instant; undefined when it is neither. */
export function dateOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (DATE.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : chinaDate(new Date(ms));
}

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
