/**
 * The percentile the wage survey publishes (docs/wage-survey.md "Percentiles"): Hyndman and
 * Fan's type 7 — linear interpolation between the closest ranks, the definition of
 * Excel's PERCENTILE.INC, R's default `quantile` and NumPy's default `percentile`.
 *
 * For n sorted values x[0] ≤ … ≤ x[n-1] and a percentile p (0–100):
 *   h = (n − 1) · p / 100,  j = ⌊h⌋,  Q = x[j] + (h − j) · (x[j+1] − x[j])   (x[n] read as x[n-1])
 * and Q is rounded to a whole fen, halves up.
 *
 * Everything is done in integers (h scaled by 100), so 0.1 · 29 never becomes
 * 2.9000000000000004 and a half fen is rounded the same way on every machine.
 */

/** Type 7 percentile `percent` (an integer 0–100) of `sorted` (ascending integers, at least one). */
export function percentile(sorted: ArrayLike<number>, percent: number): number {
  const n = sorted.length;
  if (n === 0) throw new Error('percentile of no values');
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new Error(`percent must be an integer 0–100: ${percent}`);
  const scaled = (n - 1) * percent;
  const j = Math.floor(scaled / 100);
  const fraction = scaled - j * 100;
  const low = sorted[j]!;
  const high = sorted[Math.min(j + 1, n - 1)]!;
  // 100 · Q = 100 · x[j] + fraction · (x[j+1] − x[j]); amounts stay far below 2^53 / 100.
  return Math.floor((low * 100 + fraction * (high - low) + 50) / 100);
}

/** The values sorted ascending, as numbers (not as strings, JavaScript's default). */
export const sortedAscending = (values: Iterable<number>): Float64Array => Float64Array.from(values).sort();
