/**
 * What the API shows of a policy and its roster. Rosters carry worker ids and periods
 * only — no names, no ID numbers: an insurer that needs more asks the enterprise (whose
 * workers gave the insurance-roster consent for exactly that).
 */
import { chinaDate } from '../domain/insurance/days';
import { coverEndsOn, policyStateOn, type Enrolment, type Policy } from '../domain/insurance/policy';

export function policyView(policy: Policy, now: Date = new Date()) {
  return {
    policyId: policy.policyId,
    policyNumber: policy.policyNumber,
    insurerId: policy.insurerId,
    enterpriseId: policy.enterpriseId,
    covers: [...policy.covers],
    startsOn: policy.startsOn,
    endsOn: policy.endsOn,
    premiumPerWorkerFen: policy.premiumPerWorkerFen,
    status: policy.status,
    /** How it stands today (China date). */
    state: policyStateOn(policy, chinaDate(now)),
    /** The last day of cover: `endsOn`, or the cancellation's effective day. */
    coverEndsOn: coverEndsOn(policy),
    issuedAt: policy.issuedAt,
    ...(policy.cancellation ? { cancellation: { effectiveOn: policy.cancellation.effectiveOn, cancelledAt: policy.cancellation.cancelledAt } } : {}),
  };
}
export type PolicyView = ReturnType<typeof policyView>;

export function enrolmentView(e: Enrolment) {
  return {
    policyId: e.policyId,
    workerId: e.workerId,
    from: e.from,
    ...(e.until !== undefined ? { until: e.until } : {}),
    enrolledAt: e.enrolledAt,
    ...(e.endedAt !== undefined ? { endedAt: e.endedAt } : {}),
  };
}
export type EnrolmentView = ReturnType<typeof enrolmentView>;
