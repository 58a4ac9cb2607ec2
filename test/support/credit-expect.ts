/** What every credit result, an enterprise's grade or a worker's stars, keeps to (docs/credit-grading.md "Arithmetic"). */
import { expect } from 'vitest';
import type { IndicatorResult } from '../../shared/domain/credit/scoring';

/** The score in [0, 100] with at most 2 decimals; each indicator in [0, 1] normalised and [0, its weight] in points. */
export function expectWithinBounds(score: number, indicators: readonly IndicatorResult[]): void {
  expect(score).toBeGreaterThanOrEqual(0);
  expect(score).toBeLessThanOrEqual(100);
  expect(Math.round(score * 100) / 100).toBe(score);
  for (const i of indicators) {
    expect(i.normalized, i.id).toBeGreaterThanOrEqual(0);
    expect(i.normalized, i.id).toBeLessThanOrEqual(1);
    expect(i.points, i.id).toBeGreaterThanOrEqual(0);
    expect(i.points, i.id).toBeLessThanOrEqual(i.weight);
    expect(Number.isNaN(i.value), i.id).toBe(false);
  }
}
