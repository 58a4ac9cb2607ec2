/**
 * The arithmetic every credit indicator shares (docs/credit-grading.md "Arithmetic"):
 * linear normalisation between a worst and a best bound, points = weight × normalised,
 * sums in a fixed order, one rounding at the end. Plain IEEE 754 doubles in a fixed order
 * of operations, so the same inputs give the same bits on every Node version.
 */

export type Direction = 'higher-better' | 'lower-better';

/** Where an indicator scores 0 (`worst`) and where it scores full marks (`best`). */
export interface Bounds {
  worst: number;
  best: number;
}

/** One indicator as a grade or a star rating shows it. */
export interface IndicatorResult {
  id: string;
  label: string;
  /** The measured value; null when there was nothing to measure (a documented 0/0 case). */
  value: number | null;
  /** In [0, 1]. */
  normalized: number;
  weight: number;
  /** weight × normalized, unrounded. */
  points: number;
  direction: Direction;
}

/** An indicator's definition: what every grade shows beside the measurement. */
export interface IndicatorDefinition {
  id: string;
  label: string;
  weight: number;
  direction: Direction;
}

/** Clamped to [0, 1]; a −0 (0 divided by a negative span) becomes 0, so JSON and equality never see it. */
export const clamp01 = (x: number): number => (x <= 0 ? 0 : x > 1 ? 1 : x);

/**
 * `(value − worst) ÷ (best − worst)`, clamped to [0, 1]. The same expression serves both
 * directions: for a lower-is-better indicator `best` is the smaller bound, so the divisor
 * is negative and a smaller value scores more.
 */
export const linear = (value: number, { worst, best }: Bounds): number => clamp01((value - worst) / (best - worst));

/** A measured indicator, or one whose 0/0 case fixes its normalised value. */
export function indicator(definition: IndicatorDefinition, value: number | null, normalized: number): IndicatorResult {
  const { id, label, weight, direction } = definition;
  return { id, label, value, normalized, weight, points: weight * normalized, direction };
}

/** Points added left to right, from 0. */
export const sumPoints = (parts: readonly { points: number }[]): number => parts.reduce((sum, p) => sum + p.points, 0);

/** Round half away from zero to 2 decimals, on the value × 100 as a double. */
export function roundScore(value: number): number {
  const hundredths = Math.round(Math.abs(value) * 100);
  return (value < 0 ? -hundredths : hundredths) / 100;
}

/** A count: a non-negative safe integer. Absent counts as 0 (facts.ts: "absent = 0"). */
export function count(value: unknown, what: string): number {
  const n = value === undefined ? 0 : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new Error(`${what} must be a non-negative integer, got ${String(value)}`);
  return n;
}

/** A sum that may carry fractions (hours, points): finite and non-negative. */
export function amount(value: unknown, what: string): number {
  const n = value === undefined ? 0 : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new Error(`${what} must be a non-negative number, got ${String(value)}`);
  return n;
}

/** `part` may not exceed `whole` (a share of something is at most all of it). */
export function atMost(part: number, whole: number, what: string): void {
  if (part > whole) throw new Error(`${what}: ${part} exceeds ${whole}`);
}
