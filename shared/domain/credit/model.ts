/**
 * The enterprise credit grade, model 2026.1 (docs/credit-grading.md). Pure: the result is
 * plain JSON computed only from the inputs, so a stored grade recomputed from its stored
 * inputs comes out the same, byte for byte. The score is computed for every enterprise —
 * one that is not graded still sees where it stands.
 */
import { DIMENSIONS, MIN_COMPLETED_ORDERS, MIN_TENURE_MONTHS, PENALTY_CAP_POINTS, type DimensionId } from './indicators';
import { checkStaff, managementIndicators, publicCreditIndicators, serviceIndicators, strengthIndicators } from './enterprise-dimensions';
import type { EnterpriseCreditInputs, Period } from './facts';
import { sumMonths } from './months';
import { assertDay, assertPeriod, firstDayOf, lastDayOf, wholeMonthsThrough, windowOf } from './period';
import { publicCreditTotals } from './public-credit';
import { roundScore, sumPoints, type IndicatorResult } from './scoring';

export const CREDIT_MODEL_VERSION = '2026.1';

export const GRADES = ['5A', '4A', '3A', '2A', '1A'] as const;
export type Grade = (typeof GRADES)[number];

/** The lowest rounded score of each grade, best first; below the last one, 1A. */
export const GRADE_THRESHOLDS = [
  { grade: '5A', minScore: 90 },
  { grade: '4A', minScore: 80 },
  { grade: '3A', minScore: 70 },
  { grade: '2A', minScore: 60 },
] as const satisfies readonly { grade: Grade; minScore: number }[];

/** The best grade an enterprise with PENALTY_CAP_POINTS of penalties in the window can get. */
export const CAPPED_GRADE: Grade = '2A';

export const NOT_GRADED_REASONS = ['tenure', 'orders', 'blacklisted'] as const;
export type NotGradedReason = (typeof NOT_GRADED_REASONS)[number];

export interface DimensionResult {
  id: DimensionId;
  label: string;
  weight: number;
  /** Its indicators' points added in order, unrounded. */
  points: number;
  indicators: IndicatorResult[];
}

export interface EnterpriseGradeResult {
  modelVersion: typeof CREDIT_MODEL_VERSION;
  tenantId: string;
  period: Period;
  window: { from: Period; to: Period };
  eligible: boolean;
  notGradedReasons: NotGradedReason[];
  /** 0–100, rounded to 2 decimals. */
  score: number;
  /** Null when not eligible. */
  grade: Grade | null;
  /** Present when the penalties in the window cap the grade (whether or not the cap lowered it). */
  cappedAt?: Grade;
  dimensions: DimensionResult[];
}

/** The grade a rounded score earns, before eligibility and caps. */
export function gradeForScore(score: number): Grade {
  return GRADE_THRESHOLDS.find((t) => score >= t.minScore)?.grade ?? '1A';
}

/** The worse of two grades. */
const worse = (a: Grade, b: Grade): Grade => (GRADES.indexOf(a) > GRADES.indexOf(b) ? a : b);

export function gradeEnterprise(inputs: EnterpriseCreditInputs): EnterpriseGradeResult {
  const { tenantId, period } = inputs;
  assertPeriod(period);
  assertDay(inputs.joinedOn, 'joinedOn');
  const window = windowOf(period);
  for (const m of inputs.months) {
    if (m.period < window.from || m.period > window.to) throw new Error(`month ${m.period} is outside the window ${window.from}..${window.to}`);
  }
  const totals = sumMonths(inputs.months);
  const staff = checkStaff(inputs.staff);
  const lastDay = lastDayOf(period);
  const tenureMonths = wholeMonthsThrough(inputs.joinedOn, lastDay);
  const publicCredit = publicCreditTotals(inputs.publicRecords, firstDayOf(window.from), lastDay);

  const indicatorsOf: Record<DimensionId, IndicatorResult[]> = {
    strength: strengthIndicators(staff, tenureMonths),
    service: serviceIndicators(totals),
    management: managementIndicators(staff),
    'public-credit': publicCreditIndicators(publicCredit),
  };
  const dimensions = DIMENSIONS.map(({ id, label, weight }) => ({ id, label, weight, points: sumPoints(indicatorsOf[id]), indicators: indicatorsOf[id] }));
  const score = roundScore(sumPoints(dimensions));

  const notGradedReasons: NotGradedReason[] = [];
  if (tenureMonths < MIN_TENURE_MONTHS) notGradedReasons.push('tenure');
  if (totals.ordersCompleted < MIN_COMPLETED_ORDERS) notGradedReasons.push('orders');
  if (publicCredit.blacklisted) notGradedReasons.push('blacklisted');
  const eligible = notGradedReasons.length === 0;
  const cappedAt = publicCredit.penalties >= PENALTY_CAP_POINTS ? CAPPED_GRADE : undefined;
  const byScore = gradeForScore(score);
  const grade = eligible ? (cappedAt ? worse(byScore, cappedAt) : byScore) : null;

  return {
    modelVersion: CREDIT_MODEL_VERSION,
    tenantId,
    period,
    window,
    eligible,
    notGradedReasons,
    score,
    grade,
    ...(cappedAt ? { cappedAt } : {}),
    dimensions,
  };
}

export { ENTERPRISE_INDICATORS, type EnterpriseIndicatorId } from './indicators';
export { isPeriod, lastDayOf, windowOf } from './period';
export { sumMonths } from './months';
