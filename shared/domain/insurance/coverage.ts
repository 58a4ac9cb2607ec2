/**
 * Was a worker covered for a claim on the day of the incident? (Pure; the store side is
 * services/insurance-coverage.ts.) The day is the China calendar day of the incident.
 *
 * The reasons are checked from the worker outwards, and the most specific one wins:
 * 1. `worker-not-enrolled` — no enrolment of the worker with this enterprise has the day
 *    on its roster period (an open enrolment stays on the roster after its policy ended:
 *    the worker WAS enrolled, so a lapse reads as the policy's problem, not the roster's);
 * 2. `policy-not-active` — enrolled, but no such policy was in force that day (not started,
 *    lapsed, or cancelled);
 * 3. `cover-not-included` — in force, but none grants the cover the claim type needs.
 */
import { COVER_FOR_CLAIM, type ClaimType } from './cover';
import { coveredPeriod, coverEndsOn, policyStateOn, rosterPeriod, type Enrolment, type Policy } from './policy';

export type NotCoveredReason = 'worker-not-enrolled' | 'policy-not-active' | 'cover-not-included';

export type CoverageResult =
  | { covered: true; policyId: string; policyNumber: string; insurerId: string; enrolledFrom: string }
  | { covered: false; reason: NotCoveredReason; detail: string };

export interface CoverageQuestion {
  day: string;
  claimType: ClaimType;
  /** The worker's enrolments with the enterprise (any policy). */
  enrolments: readonly Enrolment[];
  /** The policies those enrolments are on, by id (the enterprise's own). */
  policies: ReadonlyMap<string, Policy>;
}

export function decideCoverage({ day, claimType, enrolments, policies }: CoverageQuestion): CoverageResult {
  const onRoster = enrolments
    .filter((e) => {
      const period = rosterPeriod(e);
      return period.from <= day && day <= period.until && policies.has(e.policyId);
    })
    // Deterministic choice when several policies cover the day: the earliest enrolment, then the policy id.
    .sort((a, b) => (a.from === b.from ? a.policyId.localeCompare(b.policyId) : a.from < b.from ? -1 : 1));
  if (onRoster.length === 0) {
    return { covered: false, reason: 'worker-not-enrolled', detail: `The worker was not on any of this enterprise's policy rosters on ${day}.` };
  }
  const inForce = onRoster.filter((e) => policyStateOn(policies.get(e.policyId)!, day) === 'in-force');
  if (inForce.length === 0) {
    const why = onRoster.map((e) => {
      const policy = policies.get(e.policyId)!;
      const state = policyStateOn(policy, day);
      const when = state === 'not-started' ? `starts ${policy.startsOn}` : `${state === 'cancelled' ? 'cancelled' : 'ended'} after ${coverEndsOn(policy)}`;
      return `${policy.policyNumber} ${state} (${when})`;
    });
    return { covered: false, reason: 'policy-not-active', detail: `No policy the worker was enrolled in was in force on ${day}: ${why.join('; ')}.` };
  }
  const cover = COVER_FOR_CLAIM[claimType];
  const match = inForce.find((e) => policies.get(e.policyId)!.covers.includes(cover));
  if (!match) {
    return { covered: false, reason: 'cover-not-included', detail: `No policy in force on ${day} includes ${cover} cover, which a ${claimType} claim needs.` };
  }
  const policy = policies.get(match.policyId)!;
  return { covered: true, policyId: policy.policyId, policyNumber: policy.policyNumber, insurerId: policy.insurerId, enrolledFrom: match.from };
}

/**
 * The insurance fact of a worker's certificate light (domain/certificate/light.ts): the
 * last day of cover among the enrolments covering `today` (the latest one if several);
 * if none covers today, the last day of the latest cover that has ended ("expired");
 * undefined when the worker never had cover ("missing"). An enrolment that only starts
 * later counts as missing until that day.
 */
export function insuredUntil(enrolments: readonly Enrolment[], policies: ReadonlyMap<string, Policy>, today: string): string | undefined {
  const periods = enrolments.flatMap((e) => {
    const policy = policies.get(e.policyId);
    const period = policy ? coveredPeriod(e, policy) : undefined;
    return period ? [period] : [];
  });
  const latest = (ps: { until: string }[]) => ps.reduce<string | undefined>((max, p) => (max === undefined || p.until > max ? p.until : max), undefined);
  return latest(periods.filter((p) => p.from <= today && today <= p.until)) ?? latest(periods.filter((p) => p.until < today));
}
