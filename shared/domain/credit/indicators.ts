/**
 * The enterprise credit indicators of model 2026.1 and their numbers (docs/credit-grading.md
 * "Enterprise grade"). An indicator's id is what an enterprise names when it objects to it,
 * so ids never change within a model version; the weights of a dimension add up to its
 * weight and the four dimensions to 100.
 */
import type { Bounds, Direction, IndicatorDefinition } from './scoring';

export const DIMENSIONS = [
  { id: 'strength', label: '企业实力', weight: 15 },
  { id: 'service', label: '服务能力', weight: 45 },
  { id: 'management', label: '管理能力', weight: 25 },
  { id: 'public-credit', label: '公共信用', weight: 15 },
] as const;
export type DimensionId = (typeof DIMENSIONS)[number]['id'];

export interface EnterpriseIndicator extends IndicatorDefinition {
  dimension: DimensionId;
}

const define = <const Id extends string>(dimension: DimensionId, id: Id, label: string, weight: number, direction: Direction) => ({ id, label, dimension, weight, direction });

/** Every indicator, in the order a grade lists them (dimension by dimension). */
export const ENTERPRISE_INDICATORS = [
  define('strength', 'staff-size', '从业人员规模', 8, 'higher-better'),
  define('strength', 'programme-tenure', '参与项目时长', 7, 'higher-better'),
  define('service', 'order-volume', '服务订单量', 8, 'higher-better'),
  define('service', 'on-time-rate', '准时签到率', 7, 'higher-better'),
  define('service', 'worker-no-show-rate', '服务人员爽约率', 6, 'lower-better'),
  define('service', 'enterprise-cancellation-rate', '企业取消率', 4, 'lower-better'),
  define('service', 'rating-average', '客户评价均分', 8, 'higher-better'),
  define('service', 'complaints-per-100', '每百单投诉数', 7, 'lower-better'),
  define('service', 'complaint-resolution-hours', '投诉平均处理时长', 5, 'lower-better'),
  define('management', 'certified-share', '持证上岗率', 8, 'higher-better'),
  define('management', 'trained-share', '培训覆盖率', 6, 'higher-better'),
  define('management', 'insured-share', '参保率', 6, 'higher-better'),
  define('management', 'green-light-share', '证件绿灯率', 5, 'higher-better'),
  define('public-credit', 'public-record', '奖惩记录', 15, 'higher-better'),
] as const satisfies readonly EnterpriseIndicator[];

export type EnterpriseIndicatorId = (typeof ENTERPRISE_INDICATORS)[number]['id'];

export const INDICATOR: Readonly<Record<EnterpriseIndicatorId, EnterpriseIndicator>> = Object.fromEntries(ENTERPRISE_INDICATORS.map((i) => [i.id, i])) as Record<
  EnterpriseIndicatorId,
  EnterpriseIndicator
>;

/** Staff counted at full marks for size. */
export const FULL_STAFF = 50;
/** Months on the programme counted at full marks for tenure. */
export const FULL_TENURE_MONTHS = 60;
/** Completed orders in the window at full marks for volume (log scale). */
export const FULL_ORDER_VOLUME = 1000;
/** Below this many ratings in the window the average is not used. */
export const MIN_RATINGS = 10;

export const BOUNDS = {
  'on-time-rate': { worst: 0.8, best: 0.98 },
  'worker-no-show-rate': { worst: 0.05, best: 0.01 },
  'enterprise-cancellation-rate': { worst: 0.12, best: 0.02 },
  'rating-average': { worst: 3, best: 5 },
  'complaints-per-100': { worst: 4.5, best: 0.5 },
  'complaint-resolution-hours': { worst: 168, best: 24 },
} as const satisfies Partial<Record<EnterpriseIndicatorId, Bounds>>;

/** The public-credit dimension starts full; penalties take from it, rewards give back. */
export const PUBLIC_CREDIT_START = 15;
/** Penalty points in effect in the window from which the grade is at most CAPPED_GRADE. */
export const PENALTY_CAP_POINTS = 5;

/** Eligibility: months on the programme by the period's last day, completed orders in the window. */
export const MIN_TENURE_MONTHS = 12;
export const MIN_COMPLETED_ORDERS = 10;
