/**
 * Months and days for credit grading (docs/credit-grading.md "The period and the window").
 * A period is a calendar month `YYYY-MM` and a day is `YYYY-MM-DD`, both on the Asia/Shanghai
 * calendar: the counters are already filed by Shanghai month, so nothing here reads a clock
 * or a time zone. Both compare correctly as strings.
 */
import type { Period } from './facts';

/** How many months a grade looks back over, the graded period included. */
export const WINDOW_MONTHS = 12;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && PERIOD.test(value) && value >= '0001-01';
}

/** A real calendar day (30 February is not one). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DAY.exec(value);
  return m !== null && Number(m[1]) >= 1 && Number(m[3]) <= daysInMonth(Number(m[1]), Number(m[2]));
}

export function assertPeriod(value: unknown, what = 'period'): asserts value is Period {
  if (!isPeriod(value)) throw new Error(`${what} is not a YYYY-MM month: ${String(value)}`);
}

export function assertDay(value: unknown, what: string): asserts value is string {
  if (!isDay(value)) throw new Error(`${what} is not a YYYY-MM-DD day: ${String(value)}`);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; the proleptic Gregorian calendar.
  const d = new Date(Date.UTC(2000, month, 0));
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** Months since year 0, so that month arithmetic is integer arithmetic. */
const monthIndex = (period: Period): number => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;

const periodOfIndex = (index: number): Period => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** `period` moved by `months` (negative = earlier). */
export function addMonths(period: Period, months: number): Period {
  assertPeriod(period);
  const moved = periodOfIndex(monthIndex(period) + months);
  assertPeriod(moved, 'the month reached');
  return moved;
}

export const firstDayOf = (period: Period): string => {
  assertPeriod(period);
  return `${period}-01`;
};

export function lastDayOf(period: Period): string {
  assertPeriod(period);
  return `${period}-${String(daysInMonth(Number(period.slice(0, 4)), Number(period.slice(5, 7)))).padStart(2, '0')}`;
}

/** The 12 calendar months ending with the graded one: `2026-11` → `2025-12` … `2026-11`. */
export function windowOf(period: Period): { from: Period; to: Period } {
  return { from: addMonths(period, 1 - WINDOW_MONTHS), to: period };
}

/** The window's months, oldest first. */
export function windowMonths(period: Period): Period[] {
  const { from } = windowOf(period);
  return Array.from({ length: WINDOW_MONTHS }, (_, i) => addMonths(from, i));
}

/**
 * Whole months from `from` up to the end of `through` (both `YYYY-MM-DD`): the months
 * completed by the day after `through`, a month being complete on the same day-of-month
 * (or on the 1st of the month after, when that day does not exist in it). 0 when `through`
 * is before `from`. Joined 2025-12-01 → 12 months through 2026-11-30; joined 2025-12-02 → 11.
 */
export function wholeMonthsThrough(from: string, through: string): number {
  assertDay(from, 'from');
  assertDay(through, 'through');
  const next = new Date(Date.UTC(2000, 0, 1));
  next.setUTCFullYear(Number(through.slice(0, 4)), Number(through.slice(5, 7)) - 1, Number(through.slice(8, 10)) + 1);
  const months =
    (next.getUTCFullYear() - Number(from.slice(0, 4))) * 12 + (next.getUTCMonth() + 1 - Number(from.slice(5, 7))) - (next.getUTCDate() < Number(from.slice(8, 10)) ? 1 : 0);
  return Math.max(0, months);
}

/** Whole years from `from` up to the end of `through`: whole months ÷ 12, rounded down. */
export const wholeYearsThrough = (from: string, through: string): number => Math.floor(wholeMonthsThrough(from, through) / 12);
