/**
 * The survey's period is a calendar year on the Asia/Shanghai calendar
 * (docs/wage-survey.md "The period"): a report names its year; an order's price counts in
 * the year its order was posted.
 */
import { shanghaiDay } from '../../lib/shanghai-day';

export const YEAR_PATTERN = /^\d{4}$/;

/** The survey year an instant falls in. */
export const surveyYearOf = (instant: Date): string => shanghaiDay(instant).slice(0, 4);

/**
 * The years pay may be reported for at an instant: the current year and the one before (a
 * year's pay is known in full only after it ends). The nightly publication computes exactly
 * these two years.
 */
export function reportableYears(now: Date): [string, string] {
  const year = Number(surveyYearOf(now));
  return [String(year - 1), String(year)];
}
