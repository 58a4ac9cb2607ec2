/**
 * The rate indicators an enterprise grade and a worker's stars both use, with their 0/0
 * cases (docs/credit-grading.md "Arithmetic"): where nothing could fail, a failure rate
 * scores full marks; where something failed against a base of 0, it scores 0.
 */
import { indicator, linear, type Bounds, type IndicatorDefinition, type IndicatorResult } from './scoring';

/** The rating indicator's normalised value while there are too few ratings to average. */
export const NEUTRAL_RATING = 0.5;

/** A value normalised between bounds. */
export const measured = (definition: IndicatorDefinition, bounds: Bounds, value: number): IndicatorResult => indicator(definition, value, linear(value, bounds));

/** Nothing to measure: the documented normalised value. */
export const unmeasured = (definition: IndicatorDefinition, normalized: number): IndicatorResult => indicator(definition, null, normalized);

/** `(100 × events) ÷ base`; base 0 → full marks without events, 0 with any. */
export const perHundred = (definition: IndicatorDefinition, bounds: Bounds, events: number, base: number): IndicatorResult =>
  base === 0 ? unmeasured(definition, events === 0 ? 1 : 0) : measured(definition, bounds, (100 * events) / base);

/** `noShows ÷ (completed + noShows)`: of the services a worker was due at; none due → full marks. */
export function noShowRate(definition: IndicatorDefinition, bounds: Bounds, noShows: number, completed: number): IndicatorResult {
  const due = completed + noShows;
  return due === 0 ? unmeasured(definition, 1) : measured(definition, bounds, noShows / due);
}

/** `starsSum ÷ ratings`, once there are at least `minRatings`; fewer → NEUTRAL_RATING. */
export const ratingAverage = (definition: IndicatorDefinition, bounds: Bounds, ratings: number, starsSum: number, minRatings: number): IndicatorResult =>
  ratings < minRatings ? unmeasured(definition, NEUTRAL_RATING) : measured(definition, bounds, starsSum / ratings);
