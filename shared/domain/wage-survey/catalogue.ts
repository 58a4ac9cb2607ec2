/**
 * What the wage survey (工资价位) is reported and published by (docs/wage-survey.md): the
 * posts, the experience bands, the pay types and the plausibility bounds of a reported
 * amount. Codes are stable English identifiers (they are keys in the table and in the
 * published JSON); the Chinese labels are what people read. A post that is also an order
 * service type keeps that type's code (shared/schemas/order.ts SERVICE_TYPES).
 */

/** Posts (岗位) the survey publishes. */
export const POSTS = ['nanny', 'maternity_matron', 'childcare', 'hourly_worker', 'elderly_care', 'hospital_care'] as const;
export type Post = (typeof POSTS)[number];

export const POST_LABELS: Readonly<Record<Post, string>> = {
  nanny: '保姆',
  maternity_matron: '月嫂',
  childcare: '育婴员',
  hourly_worker: '钟点工',
  elderly_care: '养老护理员',
  hospital_care: '医院陪护',
};

/**
 * Years of experience in the trade, as the enterprise knows them on the day it reports:
 * half-open intervals, so 1 year exactly is `1-to-3` and 5 years exactly `5-and-over`.
 */
export const EXPERIENCE_BANDS = ['under-1', '1-to-3', '3-to-5', '5-and-over'] as const;
export type ExperienceBand = (typeof EXPERIENCE_BANDS)[number];

export const BAND_LABELS: Readonly<Record<ExperienceBand, string>> = {
  'under-1': '1年以下',
  '1-to-3': '1年至3年以下',
  '3-to-5': '3年至5年以下',
  '5-and-over': '5年及以上',
};

export const PAY_TYPES = ['monthly', 'hourly'] as const;
export type PayType = (typeof PAY_TYPES)[number];

/**
 * Plausible pay in fen, both ends included. Not a legal floor or cap: the bounds catch an
 * amount typed in yuan instead of fen, or an hourly rate sent as monthly pay, before it
 * skews a published percentile (monthly 1,000–50,000 yuan; hourly 10–500 yuan).
 */
export const PAY_BOUNDS_FEN: Readonly<Record<PayType, { min: number; max: number }>> = {
  monthly: { min: 100_000, max: 5_000_000 },
  hourly: { min: 1_000, max: 50_000 },
};

export const isPlausiblePay = (payType: PayType, amountFen: number): boolean =>
  amountFen >= PAY_BOUNDS_FEN[payType].min && amountFen <= PAY_BOUNDS_FEN[payType].max;

/** One published wage cell: a post, a band and a pay type (monthly and hourly pay are never mixed). */
export interface WageCell {
  post: Post;
  experienceBand: ExperienceBand;
  payType: PayType;
}

/** Every wage cell, always published in this order, so which cells hold reports is not itself revealed. */
export const WAGE_CELLS: readonly WageCell[] = POSTS.flatMap((post) => EXPERIENCE_BANDS.flatMap((experienceBand) => PAY_TYPES.map((payType) => ({ post, experienceBand, payType }))));
