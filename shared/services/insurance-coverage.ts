/**
 * Coverage lookup for claims: was this worker, with this enterprise, covered for this kind
 * of claim on the day of the incident? Reads the worker's enrolments with the enterprise
 * (worker partition, strongly consistent) and the enterprise's own copies of those
 * policies; the decision itself is domain/insurance/coverage.ts.
 */
import { chinaDate, dateOf } from '../domain/insurance/days';
import type { ClaimType } from '../domain/insurance/cover';
import { decideCoverage, insuredUntil, type CoverageResult } from '../domain/insurance/coverage';
import type { Policy } from '../domain/insurance/policy';
import type { StoreContext } from '../store/client';
import { policiesRepository } from '../store/policies-repository';

export type { CoverageResult, NotCoveredReason } from '../domain/insurance/coverage';

export async function findCoverage(
  store: StoreContext,
  q: { enterpriseId: string; workerId: string; at: string /* ISO datetime of the incident */; claimType: ClaimType },
): Promise<CoverageResult> {
  const day = dateOf(q.at);
  if (!day) throw new RangeError(`not a date-time: ${q.at}`);
  const repo = policiesRepository(store);
  const enrolments = await repo.enrolmentsOfWorker(q.workerId, q.enterpriseId);
  const policies = new Map<string, Policy>();
  for (const policyId of new Set(enrolments.map((e) => e.policyId))) {
    const policy = await repo.get(q.enterpriseId, policyId, true);
    if (policy) policies.set(policyId, policy);
  }
  return decideCoverage({ day, claimType: q.claimType, enrolments, policies });
}

/**
 * The certificate's insurance fact for a worker: cover through the enterprise that employs
 * the worker now (the one the public check names), as domain/insurance/coverage.ts's
 * insuredUntil reads it. Undefined ("missing") without a current employer or cover.
 */
export async function insuranceFact(store: StoreContext, workerId: string, enterpriseId: string | undefined, now: Date = new Date()): Promise<{ activeUntil: string } | undefined> {
  if (!enterpriseId) return undefined;
  const repo = policiesRepository(store);
  const enrolments = await repo.enrolmentsOfWorker(workerId, enterpriseId);
  if (enrolments.length === 0) return undefined;
  const policies = new Map<string, Policy>();
  for (const policyId of new Set(enrolments.map((e) => e.policyId))) {
    const policy = await repo.get(enterpriseId, policyId, true);
    if (policy) policies.set(policyId, policy);
  }
  const activeUntil = insuredUntil(enrolments, policies, chinaDate(now));
  return activeUntil ? { activeUntil } : undefined;
}
