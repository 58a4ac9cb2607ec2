/**
 * The wage survey's percentile (docs/wage-survey.md "Percentiles", shared/domain/wage-survey/
 * percentile.ts): Hyndman–Fan type 7, rounded to a whole fen, halves up. Hand-computed
 * examples, then properties against a brute-force computation written from the other
 * reading of the definition — the inverse of the piecewise-linear curve through the points
 * (k / (n − 1), x[k]) — in exact rational arithmetic (BigInt).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentile, sortedAscending } from '../../shared/domain/wage-survey/percentile';

const tens = Array.from({ length: 10 }, (_, i) => (i + 1) * 10);
const hundreds30 = Array.from({ length: 30 }, (_, i) => (i + 1) * 100);

describe('hand-computed examples', () => {
  it('10, 20, …, 100: P10 = 19, P50 = 55, P90 = 91', () => {
    // h = 9 · 0.1 = 0.9 → 10 + 0.9 · 10; h = 4.5 → 50 + 0.5 · 10; h = 8.1 → 90 + 0.1 · 10.
    expect([10, 50, 90].map((p) => percentile(tens, p))).toEqual([19, 55, 91]);
  });

  it('100, 200, …, 3000 (30 values): P10 = 390, P50 = 1550, P90 = 2710', () => {
    // h = 29 · 0.1 = 2.9 (a float would give 2.9000000000000004) → 300 + 0.9 · 100; h = 14.5; h = 26.1.
    expect([10, 50, 90].map((p) => percentile(hundreds30, p))).toEqual([390, 1550, 2710]);
  });

  it('P0 is the least value, P100 the greatest, one value is every percentile', () => {
    expect(percentile(tens, 0)).toBe(10);
    expect(percentile(tens, 100)).toBe(100);
    expect([0, 10, 50, 90, 100].map((p) => percentile([4200], p))).toEqual([4200, 4200, 4200, 4200, 4200]);
  });

  it('a half fen is rounded up, less than a half down', () => {
    expect(percentile([100, 101], 50)).toBe(101); // 100.5
    expect(percentile([100, 101, 103], 10)).toBe(100); // h = 0.2 → 100.2
    expect(percentile([100, 101, 103], 90)).toBe(103); // h = 1.8 → 101 + 0.8 · 2 = 102.6
    expect(percentile([100, 101, 102, 104], 50)).toBe(102); // h = 1.5 → 101.5
  });

  it('sorts numerically, not as strings', () => {
    expect([...sortedAscending([900, 10_000, 5_000, 100_000])]).toEqual([900, 5_000, 10_000, 100_000]);
  });

  it('refuses no values and a percent that is not an integer from 0 to 100', () => {
    expect(() => percentile([], 50)).toThrow(/no values/);
    expect(() => percentile(tens, 101)).toThrow(/percent/);
    expect(() => percentile(tens, 12.5)).toThrow(/percent/);
  });
});

/** The brute force: find the segment k/(n−1) ≤ p/100 ≤ (k+1)/(n−1) by walking, interpolate exactly, round halves up. */
function bruteForce(values: number[], percent: number): number {
  const x = [...values].sort((a, b) => a - b).map(BigInt);
  const n = BigInt(x.length);
  if (n === 1n) return Number(x[0]);
  const p = BigInt(percent);
  for (let k = 0n; k < n - 1n; k++) {
    // k/(n−1) ≤ p/100 ≤ (k+1)/(n−1)  ⇔  100k ≤ p(n−1) ≤ 100(k+1)
    if (100n * k <= p * (n - 1n) && p * (n - 1n) <= 100n * (k + 1n)) {
      // Q = x[k] + (p(n−1)/100 − k) · (x[k+1] − x[k]) = (100 x[k] + (p(n−1) − 100k)(x[k+1] − x[k])) / 100
      const num = 100n * x[Number(k)]! + (p * (n - 1n) - 100n * k) * (x[Number(k) + 1]! - x[Number(k)]!);
      return Number((2n * num + 100n) / 200n); // ⌊num/100 + 1/2⌋
    }
  }
  throw new Error('no segment');
}

const amounts = fc.array(fc.integer({ min: 1, max: 100_000_000 }), { minLength: 1, maxLength: 200 });
const percent = fc.integer({ min: 0, max: 100 });

describe('properties (fast-check)', () => {
  it('equals the brute-force computation for any values and percent', () => {
    fc.assert(fc.property(amounts, percent, (values, p) => percentile(sortedAscending(values), p) === bruteForce(values, p)), { numRuns: 2000 });
  });

  it('equals it on small ranges, where ties and halves are frequent', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 40 }), percent, (values, p) => percentile(sortedAscending(values), p) === bruteForce(values, p)), { numRuns: 2000 });
  });

  it('lies between the least and the greatest value and never decreases with the percent', () => {
    fc.assert(
      fc.property(amounts, percent, percent, (values, a, b) => {
        const sorted = sortedAscending(values);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        return sorted[0]! <= percentile(sorted, lo) && percentile(sorted, lo) <= percentile(sorted, hi) && percentile(sorted, hi) <= sorted[sorted.length - 1]!;
      }),
    );
  });
});
