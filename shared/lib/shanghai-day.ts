/**
 * A day in Anxin is a calendar day in Asia/Shanghai (UTC+8, no daylight saving time): the
 * day as people in Guangzhou read it. Attendance days, claim and cover days, certificate
 * and health-check validity all use it, whatever offset a client wrote an instant with
 * (`…Z` included) and whatever the process's time zone is (Lambda runs in UTC), so nothing
 * here reads the local time of the machine. Days are `YYYY-MM-DD` strings: they compare
 * correctly as strings.
 */

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The Asia/Shanghai day of an instant. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The Asia/Shanghai day of a day or an RFC 3339 instant: a `YYYY-MM-DD` day is taken as
 * it is; an instant is placed on the Shanghai calendar whatever its offset. Undefined when
 * the value is neither.
 */
export function dayOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (DAY.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : shanghaiDay(new Date(ms));
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai, for people to read. */
export const shanghaiMinute = (instant: Date): string =>
  new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

/** A real `YYYY-MM-DD` day of the calendar (not `2026-02-30`). */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** The Asia/Shanghai calendar month (`YYYY-MM`) of an instant. */
export const shanghaiMonth = (instant: Date): string => shanghaiDay(instant).slice(0, 7);

/** The calendar month before the one an instant falls in, in Asia/Shanghai (`YYYY-MM`). */
export function previousShanghaiMonth(instant: Date): string {
  const [year, month] = shanghaiMonth(instant).split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
