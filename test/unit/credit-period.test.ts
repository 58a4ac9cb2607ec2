/** Months, windows and whole months for credit grading (docs/credit-grading.md "The period and the window"). */
import { describe, expect, it } from 'vitest';
import { addMonths, isDay, isPeriod, lastDayOf, wholeMonthsThrough, wholeYearsThrough, windowMonths, windowOf } from '../../shared/domain/credit/period';

describe('periods', () => {
  it.each(['2026-11', '2026-01', '2026-12', '0001-01', '9999-12'])('%s is a period', (p) => expect(isPeriod(p)).toBe(true));
  it.each(['2026-13', '2026-00', '2026-1', '26-11', '2026-11-01', '0000-12', '', 202611, null, undefined])('%s is not a period', (p) => expect(isPeriod(p)).toBe(false));

  it('the window is the 12 months ending with the period', () => {
    expect(windowOf('2026-11')).toEqual({ from: '2025-12', to: '2026-11' });
    expect(windowOf('2026-12')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(windowOf('2026-01')).toEqual({ from: '2025-02', to: '2026-01' });
    expect(windowMonths('2026-03')).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
  });

  it('moves across years both ways and refuses to leave the calendar', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-06', -30)).toBe('2023-12');
    expect(() => addMonths('0001-06', -6)).toThrow(/month reached/);
  });

  it('knows the last day of every month, leap years included', () => {
    expect(lastDayOf('2026-11')).toBe('2026-11-30');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2100-02')).toBe('2100-02-28');
    expect(lastDayOf('2000-02')).toBe('2000-02-29');
  });

  it('bad periods and days throw', () => {
    expect(() => windowOf('2026-13')).toThrow(/not a YYYY-MM month/);
    expect(() => lastDayOf('2026/11')).toThrow(/not a YYYY-MM month/);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-04-31')).toBe(false);
    expect(() => wholeMonthsThrough('2026-02-30', '2026-11-30')).toThrow(/not a YYYY-MM-DD day/);
  });
});

describe('whole months through a day', () => {
  it.each([
    ['2025-12-01', '2026-11-30', 12], // the whole of December to the end of November
    ['2025-12-02', '2026-11-30', 11],
    ['2025-11-30', '2026-11-30', 12],
    ['2023-06-15', '2026-11-30', 41],
    ['2026-11-01', '2026-11-30', 1],
    ['2026-11-02', '2026-11-30', 0],
    ['2026-12-01', '2026-11-30', 0], // joined after: 0, not negative
    ['2026-01-31', '2026-02-28', 1], // 31 January + 1 month has no day in February: complete on 1 March
    ['2026-01-31', '2026-02-27', 0],
    ['2028-01-30', '2028-02-28', 0],
    ['2028-01-30', '2028-02-29', 1],
  ])('%s through %s: %i', (from, through, months) => expect(wholeMonthsThrough(from, through)).toBe(months));

  it('whole years are whole months ÷ 12, rounded down', () => {
    expect(wholeYearsThrough('2021-12-01', '2026-11-30')).toBe(5);
    expect(wholeYearsThrough('2021-12-02', '2026-11-30')).toBe(4);
    expect(wholeYearsThrough('2026-11-30', '2026-11-30')).toBe(0);
  });
});
