/**
 * Calendar dates (YYYY-MM-DD) as the worker rules use them: exam dates, validity, training
 * days. Pure; dates are compared as strings (ISO dates sort like the calendar). "Today" is
 * the date in China (UTC+8, no daylight saving), because that is where the records are made.
 */

import { shanghaiDay } from '../../lib/shanghai-day';

/** The date in China (Asia/Shanghai) at `now`. */
export const chinaDate = shanghaiDay;

/**
 * The same calendar day one year later; 29 February becomes 28 February (a certificate
 * valid "for one year" from a leap day must not run into March).
 */
export function oneYearAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + 1, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0); // rolled into March: last day of February
  return target.toISOString().slice(0, 10);
}

/** The year of a YYYY-MM-DD date, as a string (statistics are kept per year). */
export const yearOf = (date: string): string => date.slice(0, 4);
