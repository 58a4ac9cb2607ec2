/**
 * The four dimensions of an enterprise's grade, each a list of measured indicators
 * (docs/credit-grading.md "Enterprise grade"). Every 0/0 case is decided here or in
 * rates.ts by name, following one rule: where nothing could fail, a failure rate scores
 * full marks; where nothing could succeed, a success rate scores 0.
 */
import type { StaffSnapshot } from './facts';
import { BOUNDS, FULL_ORDER_VOLUME, FULL_STAFF, FULL_TENURE_MONTHS, INDICATOR, MIN_RATINGS, PUBLIC_CREDIT_START, type EnterpriseIndicatorId } from './indicators';
import type { EnterpriseTotals } from './months';
import type { PublicCreditTotals } from './public-credit';
import { measured, noShowRate, perHundred, ratingAverage, unmeasured } from './rates';
import { atMost, clamp01, count, indicator, type IndicatorResult } from './scoring';

/** A share of the staff; no staff → 0 (nothing to share). */
const staffShare = (id: EnterpriseIndicatorId, part: number, workers: number): IndicatorResult =>
  workers === 0 ? unmeasured(INDICATOR[id], 0) : indicator(INDICATOR[id], part / workers, part / workers);

export function checkStaff(staff: StaffSnapshot): StaffSnapshot {
  const currentWorkers = count(staff.currentWorkers, 'staff.currentWorkers');
  const certified = count(staff.certified, 'staff.certified');
  const greenLights = count(staff.greenLights, 'staff.greenLights');
  const trained = count(staff.trained, 'staff.trained');
  const insured = count(staff.insured, 'staff.insured');
  atMost(certified, currentWorkers, 'staff.certified');
  atMost(trained, currentWorkers, 'staff.trained');
  atMost(insured, currentWorkers, 'staff.insured');
  // A green light is shown on a certificate: only certified workers have one.
  atMost(greenLights, certified, 'staff.greenLights');
  return { currentWorkers, certified, greenLights, trained, insured };
}

/** 企业实力: size (linear, capped) and tenure on the programme. */
export const strengthIndicators = (staff: StaffSnapshot, tenureMonths: number): IndicatorResult[] => [
  indicator(INDICATOR['staff-size'], staff.currentWorkers, Math.min(staff.currentWorkers, FULL_STAFF) / FULL_STAFF),
  indicator(INDICATOR['programme-tenure'], tenureMonths, Math.min(tenureMonths, FULL_TENURE_MONTHS) / FULL_TENURE_MONTHS),
];

/** 服务能力, from the window's totals. */
export const serviceIndicators = (t: EnterpriseTotals): IndicatorResult[] => [
  // Log scale: the first hundred orders say more about an enterprise than the next nine hundred.
  indicator(INDICATOR['order-volume'], t.ordersCompleted, Math.min(1, Math.log10(1 + t.ordersCompleted) / Math.log10(1 + FULL_ORDER_VOLUME))),
  t.checkIns === 0 ? unmeasured(INDICATOR['on-time-rate'], 0) : measured(INDICATOR['on-time-rate'], BOUNDS['on-time-rate'], t.onTimeCheckIns / t.checkIns),
  noShowRate(INDICATOR['worker-no-show-rate'], BOUNDS['worker-no-show-rate'], t.workerNoShows, t.ordersCompleted),
  cancellationRate(t),
  ratingAverage(INDICATOR['rating-average'], BOUNDS['rating-average'], t.ratings, t.ratingStarsSum, MIN_RATINGS),
  perHundred(INDICATOR['complaints-per-100'], BOUNDS['complaints-per-100'], t.complaintsOpened, t.ordersCompleted),
  t.complaintsResolved === 0
    ? unmeasured(INDICATOR['complaint-resolution-hours'], t.complaintsOpened === 0 ? 1 : 0)
    : measured(INDICATOR['complaint-resolution-hours'], BOUNDS['complaint-resolution-hours'], t.complaintResolutionHoursSum / t.complaintsResolved),
];

/**
 * Orders created before the window can be cancelled in it, so cancellations may outnumber
 * the orders created: the rate is capped at 1, and cancellations with no order created in
 * the window count as a rate of 1.
 */
function cancellationRate(t: EnterpriseTotals): IndicatorResult {
  const definition = INDICATOR['enterprise-cancellation-rate'];
  if (t.ordersCreated === 0 && t.enterpriseCancellations === 0) return unmeasured(definition, 1);
  const rate = t.ordersCreated === 0 ? 1 : Math.min(1, t.enterpriseCancellations / t.ordersCreated);
  return measured(definition, BOUNDS['enterprise-cancellation-rate'], rate);
}

/**
 * 管理能力: shares of the current staff. The green-light share is taken of all current
 * workers, not of the certified ones: of the certified, certifying one more worker whose
 * light is still yellow would lower the score, a reason not to certify.
 */
export const managementIndicators = (s: StaffSnapshot): IndicatorResult[] => [
  staffShare('certified-share', s.certified, s.currentWorkers),
  staffShare('trained-share', s.trained, s.currentWorkers),
  staffShare('insured-share', s.insured, s.currentWorkers),
  staffShare('green-light-share', s.greenLights, s.currentWorkers),
];

/** 公共信用: starts full; penalties take points, rewards give them back up to full. */
export const publicCreditIndicators = (p: PublicCreditTotals): IndicatorResult[] => [
  indicator(INDICATOR['public-record'], p.rewards - p.penalties, clamp01((PUBLIC_CREDIT_START - p.penalties + p.rewards) / PUBLIC_CREDIT_START)),
];
