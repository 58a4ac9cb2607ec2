/**
 * The checks a filing goes through, in order, before it reaches an insurer
 * (docs/domain.md "Claims"):
 *
 *   1. the order exists (for the filing enterprise)          order-not-found
 *   2. a worker is on the order                              no-worker-on-order
 *   3. filed within 48 h of the incident                     reported-late
 *   4. the incident was on the job (service-time.ts)         outside-service-time
 *   5. the worker is enrolled in an active policy with the   worker-not-enrolled,
 *      cover the claim type needs, at the incident time      policy-not-active, cover-not-included
 *
 * 1–4 are pure (`checkBeforeCoverage`); 5 is a store lookup the consumer makes only when
 * 1–4 pass, and `assessFiling` folds its result in. The first failure is the reason.
 */
import type { FilingAssessment, NotCoveredClaimReason } from './claim';
import { checkReportedInTime, checkServiceTime, type OrderServiceFacts, type ServiceEvidence } from './service-time';

export interface FilingOrderFacts extends OrderServiceFacts {
  workerId?: string;
}

export type PreCoverageCheck =
  | { ok: true; workerId: string; evidence: ServiceEvidence }
  | { ok: false; reason: NotCoveredClaimReason; detail: string; workerId?: string };

/** Checks 1–4. `order` undefined: no such order for the enterprise. */
export function checkBeforeCoverage(input: {
  order: FilingOrderFacts | undefined;
  occurredAt: string;
  filedAt: string;
  /** Live-in orders: an attendance record exists for the incident's service date. */
  attendanceRecorded?: boolean;
}): PreCoverageCheck {
  const { order, occurredAt, filedAt } = input;
  if (!order) return { ok: false, reason: 'order-not-found', detail: 'the enterprise has no such order' };
  if (!order.workerId) return { ok: false, reason: 'no-worker-on-order', detail: 'no worker was assigned to the order' };
  const workerId = order.workerId;
  const reported = checkReportedInTime(occurredAt, filedAt);
  if (!reported.ok) return { ...reported, workerId };
  const serviceTime = checkServiceTime(order, occurredAt, filedAt, input.attendanceRecorded);
  if (!serviceTime.ok) return { ...serviceTime, workerId };
  return { ok: true, workerId, evidence: serviceTime.evidence };
}

/** The coverage lookup's answer (services/insurance-coverage.ts `CoverageResult`), as the domain needs it. */
export type CoverageAnswer =
  | { covered: true; policyId: string; policyNumber: string; insurerId: string }
  | { covered: false; reason: 'worker-not-enrolled' | 'policy-not-active' | 'cover-not-included'; detail: string };

/** Folds check 5 into 1–4: `coverage` is required when `pre` passed. */
export function assessFiling(pre: PreCoverageCheck, coverage?: CoverageAnswer): FilingAssessment {
  if (!pre.ok) return { covered: false, reason: pre.reason, detail: pre.detail, ...(pre.workerId !== undefined ? { workerId: pre.workerId } : {}) };
  if (!coverage) throw new Error('a filing that passed checks 1–4 is assessed with its coverage');
  if (!coverage.covered) return { covered: false, reason: coverage.reason, detail: coverage.detail, workerId: pre.workerId, evidence: pre.evidence };
  return {
    covered: true,
    workerId: pre.workerId,
    insurerId: coverage.insurerId,
    policyId: coverage.policyId,
    policyNumber: coverage.policyNumber,
    evidence: pre.evidence,
  };
}
