/**
 * What a published cell shows (docs/wage-survey.md "Withholding"): low (P10), median (P50)
 * and high (P90), only when the cell holds at least MIN_REPORTS values from at least
 * MIN_ENTERPRISES different enterprises. Anything less says INSUFFICIENT and nothing else —
 * not even how many values there are — so that no enterprise's pay (or prices) can be
 * read back from a thin cell.
 */
import { percentile, sortedAscending } from './percentile';

export const MIN_REPORTS = 30;
export const MIN_ENTERPRISES = 5;
export const INSUFFICIENT = 'insufficient data' as const;

/** The percentiles published, as integer percents. */
export const PUBLISHED_PERCENTILES = { low: 10, median: 50, high: 90 } as const;

export interface CellFigures {
  lowFen: number;
  medianFen: number;
  highFen: number;
  /** How many values the figures are computed from. */
  reports: number;
  /** From how many different enterprises. */
  enterprises: number;
}

export type CellResult = CellFigures | typeof INSUFFICIENT;

export const isPublishable = (reports: number, enterprises: number): boolean => reports >= MIN_REPORTS && enterprises >= MIN_ENTERPRISES;

/** One value of a cell and the enterprise it came from. */
export interface Sample {
  amountFen: number;
  tenantId: string;
}

/** The cell's figures from its samples, or INSUFFICIENT. */
export function cellResult(samples: readonly Sample[]): CellResult {
  const enterprises = new Set(samples.map((s) => s.tenantId)).size;
  if (!isPublishable(samples.length, enterprises)) return INSUFFICIENT;
  const sorted = sortedAscending(samples.map((s) => s.amountFen));
  return {
    lowFen: percentile(sorted, PUBLISHED_PERCENTILES.low),
    medianFen: percentile(sorted, PUBLISHED_PERCENTILES.median),
    highFen: percentile(sorted, PUBLISHED_PERCENTILES.high),
    reports: samples.length,
    enterprises,
  };
}
