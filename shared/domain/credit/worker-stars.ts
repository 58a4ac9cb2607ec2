/**
 * A worker's credit stars (1–5), model 2026.1 (docs/credit-grading.md "Worker stars"). Pure,
 * plain JSON out, like the enterprise grade. Stars rate the person across every enterprise
 * they served, over all their months up to `asOf`, and every worker has at least one star:
 * stars are shown to households, where no star would read as "unknown", not "poor".
 */
import type { WorkerCreditInputs } from './facts';
import { CREDIT_MODEL_VERSION } from './model';
import { sumWorkerMonths } from './months';
import { assertDay, wholeMonthsThrough, wholeYearsThrough } from './period';
import { noShowRate, perHundred, ratingAverage } from './rates';
import { count, indicator, roundScore, sumPoints, type Bounds, type Direction, type IndicatorResult } from './scoring';

const define = <const Id extends string>(id: Id, label: string, weight: number, direction: Direction) => ({ id, label, weight, direction });

/** Every indicator in the order a rating lists them; the weights add up to 100. */
export const WORKER_INDICATORS = [
  define('training-categories', '培训合格类别数', 15, 'higher-better'),
  define('certificate-tenure', '持证时长', 15, 'higher-better'),
  define('rating-average', '客户评价均分', 25, 'higher-better'),
  define('complaints-per-100', '每百单投诉数', 15, 'lower-better'),
  define('no-show-rate', '爽约率', 15, 'lower-better'),
  define('years-of-service', '从业年限', 15, 'higher-better'),
] as const;
export type WorkerIndicatorId = (typeof WORKER_INDICATORS)[number]['id'];
const W = Object.fromEntries(WORKER_INDICATORS.map((i) => [i.id, i])) as Record<WorkerIndicatorId, (typeof WORKER_INDICATORS)[number]>;

export const FULL_TRAINED_CATEGORIES = 3;
export const FULL_CERTIFICATE_MONTHS = 24;
export const FULL_SERVICE_YEARS = 5;
/** Fewer ratings than this are too few to average for one person. */
export const WORKER_MIN_RATINGS = 5;
export const WORKER_BOUNDS = {
  'rating-average': { worst: 3, best: 5 },
  'complaints-per-100': { worst: 10, best: 0 },
  'no-show-rate': { worst: 0.1, best: 0 },
} as const satisfies Partial<Record<WorkerIndicatorId, Bounds>>;

export type Stars = 1 | 2 | 3 | 4 | 5;
/** The lowest rounded score of each star count, most first; below the last one, 1 star. */
export const STAR_THRESHOLDS = [
  { stars: 5, minScore: 85 },
  { stars: 4, minScore: 70 },
  { stars: 3, minScore: 55 },
  { stars: 2, minScore: 40 },
] as const satisfies readonly { stars: Stars; minScore: number }[];

export interface WorkerCreditResult {
  modelVersion: typeof CREDIT_MODEL_VERSION;
  workerId: string;
  asOf: string;
  stars: Stars;
  /** 0–100, rounded to 2 decimals. */
  score: number;
  indicators: IndicatorResult[];
}

export const starsForScore = (score: number): Stars => STAR_THRESHOLDS.find((t) => score >= t.minScore)?.stars ?? 1;

export function rateWorker(inputs: WorkerCreditInputs): WorkerCreditResult {
  const { workerId, asOf } = inputs;
  assertDay(asOf, 'asOf');
  assertDay(inputs.registeredOn, 'registeredOn');
  const asOfMonth = asOf.slice(0, 7);
  for (const m of inputs.months) if (m.period > asOfMonth) throw new Error(`month ${m.period} is after asOf ${asOf}`);
  const t = sumWorkerMonths(inputs.months);
  const categories = count(inputs.trainedCategories, 'trainedCategories');
  if (inputs.certifiedSince !== undefined) assertDay(inputs.certifiedSince, 'certifiedSince');
  const certificateMonths = inputs.certifiedSince === undefined ? 0 : wholeMonthsThrough(inputs.certifiedSince, asOf);
  const years = wholeYearsThrough(inputs.registeredOn, asOf);

  const indicators = [
    indicator(W['training-categories'], categories, Math.min(categories, FULL_TRAINED_CATEGORIES) / FULL_TRAINED_CATEGORIES),
    indicator(W['certificate-tenure'], certificateMonths, Math.min(certificateMonths, FULL_CERTIFICATE_MONTHS) / FULL_CERTIFICATE_MONTHS),
    ratingAverage(W['rating-average'], WORKER_BOUNDS['rating-average'], t.ratings, t.ratingStarsSum, WORKER_MIN_RATINGS),
    perHundred(W['complaints-per-100'], WORKER_BOUNDS['complaints-per-100'], t.complaintsOpened, t.ordersCompleted),
    noShowRate(W['no-show-rate'], WORKER_BOUNDS['no-show-rate'], t.workerNoShows, t.ordersCompleted),
    indicator(W['years-of-service'], years, Math.min(years, FULL_SERVICE_YEARS) / FULL_SERVICE_YEARS),
  ];
  const score = roundScore(sumPoints(indicators));
  return { modelVersion: CREDIT_MODEL_VERSION, workerId, asOf, stars: starsForScore(score), score, indicators };
}
