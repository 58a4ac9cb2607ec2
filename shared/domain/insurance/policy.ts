/**
 * Group policies and their rosters (docs/domain.md "Insurance"), as pure rules.
 *
 * An insurer issues a policy to one enterprise for a period (`startsOn`..`endsOn`, both
 * days included) with the covers it grants and a premium per worker for the whole term.
 * The enterprise enrols its workers: each enrolment is a period of one worker on the
 * roster (`from`..`until`, both included; no `until` = to the end of the policy). An
 * insurer may cancel a policy: `effectiveOn` becomes its last day of cover (the policy
 * "ends then"); the issued `endsOn` stays on record because the premium rate per day is
 * fixed by the issued term (see subsidy.ts). A policy past its last day has lapsed.
 *
 * No change is backdated: an enrolment starts, an enrolment ends and a cancellation takes
 * effect no earlier than today (China date). Cover granted or removed after the fact is
 * what a claim could be bent around — an enrolment made after an incident, or a roster
 * trimmed after one — so the roster only ever changes from today on.
 */
import type { CoverType } from './cover';
import { addDays, addYears, minDate } from './days';

export type PolicyStatus = 'active' | 'cancelled';

/** What the insurer states when it issues a policy. */
export interface PolicyTerms {
  enterpriseId: string;
  policyNumber: string;
  covers: CoverType[];
  startsOn: string;
  endsOn: string;
  premiumPerWorkerFen: number;
}

export interface PolicyCancellation {
  /** The last day of cover. */
  effectiveOn: string;
  cancelledAt: string;
}

export interface Policy extends PolicyTerms {
  policyId: string;
  insurerId: string;
  status: PolicyStatus;
  issuedAt: string;
  cancellation?: PolicyCancellation;
  /** = the seq of the last trace entry; guards every write (optimistic concurrency). */
  version: number;
  traceHead: { seq: number; hash: string };
}

/** One period of one worker on one policy's roster. */
export interface Enrolment {
  policyId: string;
  insurerId: string;
  enterpriseId: string;
  workerId: string;
  from: string;
  /** Last day on the roster; absent = until the policy ends. */
  until?: string;
  enrolledAt: string;
  endedAt?: string;
}

/** Types of a policy's trace entries. Payloads: ids, dates, enums and amounts — no personal data. */
export const POLICY_TRACE_TYPES = {
  issued: 'policy.issued',
  cancelled: 'policy.cancelled',
  workerEnrolled: 'policy.worker-enrolled',
  enrolmentEnded: 'policy.enrolment-ended',
} as const;

/** A rule a request breaks, addressed to its field (a 422 validation problem). */
export interface RuleViolation {
  pointer: string;
  detail: string;
}

/** Days a policy term may span at most: one year and one day, both ends included (2026-01-01..2027-01-01). */
export function latestEndFor(startsOn: string): string {
  return addYears(startsOn, 1);
}

export function checkPolicyPeriod(startsOn: string, endsOn: string): RuleViolation[] {
  if (endsOn <= startsOn) return [{ pointer: '/endsOn', detail: 'must be after startsOn' }];
  if (endsOn > latestEndFor(startsOn)) return [{ pointer: '/endsOn', detail: `must be at most one year after startsOn (${latestEndFor(startsOn)})` }];
  return [];
}

/** The policy's last day of cover: its end, or the cancellation's effective day if earlier. */
export function coverEndsOn(policy: Pick<Policy, 'endsOn' | 'cancellation'>): string {
  return minDate(policy.endsOn, policy.cancellation?.effectiveOn)!;
}

export type PolicyState = 'not-started' | 'in-force' | 'lapsed' | 'cancelled';

/** How a policy stands on `day`: before its start, in force, or past its last day (cancelled when a cancellation ended it). */
export function policyStateOn(policy: Pick<Policy, 'startsOn' | 'endsOn' | 'cancellation'>, day: string): PolicyState {
  if (day < policy.startsOn) return 'not-started';
  if (day <= coverEndsOn(policy)) return 'in-force';
  return policy.cancellation && policy.cancellation.effectiveOn < policy.endsOn ? 'cancelled' : 'lapsed';
}

const FAR_FUTURE = '9999-12-31';

/** The days an enrolment is on the roster, whatever the policy does (open = forever). */
export function rosterPeriod(enrolment: Pick<Enrolment, 'from' | 'until'>): { from: string; until: string } {
  return { from: enrolment.from, until: enrolment.until ?? FAR_FUTURE };
}

/** The days an enrolment actually has cover: on the roster AND the policy in force. Undefined when none. */
export function coveredPeriod(
  enrolment: Pick<Enrolment, 'from' | 'until'>,
  policy: Pick<Policy, 'startsOn' | 'endsOn' | 'cancellation'>,
): { from: string; until: string } | undefined {
  const from = enrolment.from > policy.startsOn ? enrolment.from : policy.startsOn;
  const until = minDate(enrolment.until, coverEndsOn(policy))!;
  return from <= until ? { from, until } : undefined;
}

const sharesDay = (a: { from: string; until: string }, b: { from: string; until: string }) => a.from <= b.until && b.from <= a.until;

export type EnrolmentDecision =
  /** The same enrolment (same worker, same start) exists: the request is a retry. */
  | { kind: 'existing'; enrolment: Enrolment }
  | { kind: 'enrol' }
  | { kind: 'refused'; violations: RuleViolation[] }
  | { kind: 'overlap'; other: Enrolment };

export interface EnrolmentRequest {
  from: string;
  until?: string;
  /** The worker has a current employment link with the policy's enterprise. */
  employed: boolean;
  /** The worker has given the `insurance-roster` consent. */
  rosterConsent: boolean;
}

/** Whether a worker may join a policy's roster from `from` (`existing`: this worker's enrolments on this policy). */
export function decideEnrolment(policy: Policy, existing: readonly Enrolment[], request: EnrolmentRequest, today: string): EnrolmentDecision {
  const same = existing.find((e) => e.from === request.from);
  if (same && same.until === request.until) return { kind: 'existing', enrolment: same };
  const violations: RuleViolation[] = [];
  if (!request.employed) violations.push({ pointer: '/workerId', detail: 'is not currently employed by the enterprise holding this policy' });
  if (!request.rosterConsent) violations.push({ pointer: '/workerId', detail: 'has not given the insurance-roster consent' });
  const lastDay = coverEndsOn(policy);
  if (request.from < today) violations.push({ pointer: '/from', detail: `must not be before today (${today}): cover is never backdated` });
  if (request.from < policy.startsOn || request.from > lastDay) {
    violations.push({ pointer: '/from', detail: `must be inside the policy period ${policy.startsOn}..${lastDay}` });
  }
  if (request.until !== undefined) {
    if (request.until < request.from) violations.push({ pointer: '/until', detail: 'must not be before from' });
    else if (request.until > lastDay) violations.push({ pointer: '/until', detail: `must be inside the policy period ${policy.startsOn}..${lastDay}` });
  }
  if (violations.length > 0) return { kind: 'refused', violations };
  const wanted = rosterPeriod(request);
  const other = existing.find((e) => sharesDay(rosterPeriod(e), wanted));
  if (other) return { kind: 'overlap', other };
  return { kind: 'enrol' };
}

export type EnrolmentEndDecision =
  | { kind: 'not-enrolled' }
  /** The enrolment ends on that day already: a retry. */
  | { kind: 'unchanged'; enrolment: Enrolment }
  | { kind: 'end'; enrolment: Enrolment }
  | { kind: 'refused'; violations: RuleViolation[] };

/**
 * Ends a worker's enrolment on `on` (its new last day). The enrolment meant is the one on
 * the roster that day; ending it earlier than planned is fine, extending it is not (enrol again).
 */
export function decideEnrolmentEnd(policy: Policy, existing: readonly Enrolment[], on: string, today: string): EnrolmentEndDecision {
  if (existing.length === 0) return { kind: 'not-enrolled' };
  const done = existing.find((e) => e.until === on);
  if (done) return { kind: 'unchanged', enrolment: done };
  const enrolment = existing.find((e) => e.from <= on && (e.until === undefined || on <= e.until));
  if (!enrolment) return { kind: 'refused', violations: [{ pointer: '/on', detail: 'no enrolment of this worker on this policy runs on that day' }] };
  const violations: RuleViolation[] = [];
  if (on < today) violations.push({ pointer: '/on', detail: `must not be before today (${today}): cover is never removed after the fact` });
  if (on > coverEndsOn(policy)) violations.push({ pointer: '/on', detail: `must be inside the policy period ${policy.startsOn}..${coverEndsOn(policy)}` });
  return violations.length > 0 ? { kind: 'refused', violations } : { kind: 'end', enrolment };
}

export type CancellationDecision =
  | { kind: 'cancel' }
  /** Cancelled already with the same effective day: a retry. */
  | { kind: 'unchanged' }
  /** Cancelled already with another effective day. */
  | { kind: 'already-cancelled'; effectiveOn: string }
  | { kind: 'refused'; violations: RuleViolation[] };

/**
 * Cancels a policy with `effectiveOn` as its last day of cover. The day before its start
 * voids a policy that has not begun; a day after its end would change nothing.
 */
export function decideCancellation(policy: Policy, effectiveOn: string, today: string): CancellationDecision {
  if (policy.cancellation) {
    return policy.cancellation.effectiveOn === effectiveOn ? { kind: 'unchanged' } : { kind: 'already-cancelled', effectiveOn: policy.cancellation.effectiveOn };
  }
  const violations: RuleViolation[] = [];
  if (effectiveOn < today) violations.push({ pointer: '/effectiveOn', detail: `must not be before today (${today}): cover is never removed after the fact` });
  const earliest = addDays(policy.startsOn, -1);
  if (effectiveOn < earliest || effectiveOn > policy.endsOn) {
    violations.push({ pointer: '/effectiveOn', detail: `must be from ${earliest} (voids the policy) to ${policy.endsOn}` });
  }
  return violations.length > 0 ? { kind: 'refused', violations } : { kind: 'cancel' };
}
