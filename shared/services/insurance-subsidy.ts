/**
 * GET /v1/insurance/subsidy?year=YYYY: the public premium subsidy of one enterprise for one
 * calendar year (rules and rounding: domain/insurance/subsidy.ts).
 *
 * The caps are the worker's, not the enterprise's (150 yuan a year, three years — across
 * every enterprise the person worked for), so each worker on this enterprise's rosters
 * that year is computed over ALL of their enrolments (worker partition) and the policies
 * those are on. Only this enterprise's own lines and counts leave the service: nothing of
 * another enterprise's rosters or policies is shown.
 */
import { overlap } from '../domain/insurance/days';
import { coveredPeriod, type Enrolment, type Policy } from '../domain/insurance/policy';
import {
  enterpriseSubsidy,
  SUBSIDY_CAP_PER_WORKER_YEAR_FEN,
  SUBSIDY_MAX_YEARS,
  SUBSIDY_RATE_PERCENT,
  type SubsidyEnrolment,
} from '../domain/insurance/subsidy';
import type { StoreContext } from '../store/client';
import { policiesRepository } from '../store/policies-repository';

/** Workers computed in parallel, a few at a time (a report is not urgent; the table is on-demand). */
const CONCURRENCY = 8;

/**
 * The facts the subsidy is computed on: the enterprise's policies with cover in the year, and
 * each worker on their rosters that year with ALL their enrolments. The premium subsidy
 * scheme's applications read the same (services/subsidy-gather.ts), so their amount and
 * this report's can never differ.
 */
export async function insuredWorkersOf(store: StoreContext, enterpriseId: string, year: number) {
  const repo = policiesRepository(store);
  const yearPeriod = { from: `${year}-01-01`, until: `${year}-12-31` };
  const inYear = (e: Enrolment, p: Policy) => {
    const covered = coveredPeriod(e, p);
    return covered !== undefined && overlap(covered, yearPeriod) !== undefined;
  };

  // The enterprise's policies with cover in that year (from their start to their last day of cover).
  const ours = (await repo.all(enterpriseId)).filter((p) => {
    const inForce = coveredPeriod({ from: p.startsOn }, p);
    return inForce !== undefined && overlap(inForce, yearPeriod) !== undefined;
  });
  const workerIds = new Set<string>();
  for (const policy of ours) {
    for (const e of await repo.roster(policy.insurerId, policy.policyId)) if (inYear(e, policy)) workerIds.add(e.workerId);
  }

  // Policies of every enterprise the workers were enrolled with, read from the issuing insurer's partition.
  const policies = new Map<string, Promise<Policy | undefined>>(ours.map((p) => [`${p.insurerId}#${p.policyId}`, Promise.resolve(p)]));
  const policyOf = (e: Enrolment) => {
    const key = `${e.insurerId}#${e.policyId}`;
    let found = policies.get(key);
    if (!found) {
      found = repo.get(e.insurerId, e.policyId);
      policies.set(key, found);
    }
    return found;
  };
  const workers: { workerId: string; enrolments: SubsidyEnrolment[] }[] = [];
  const ids = [...workerIds];
  for (let i = 0; i < ids.length; i += CONCURRENCY) {
    workers.push(
      ...(await Promise.all(
        ids.slice(i, i + CONCURRENCY).map(async (workerId) => {
          const enrolments: SubsidyEnrolment[] = [];
          for (const e of await repo.enrolmentsOfWorker(workerId)) {
            const policy = await policyOf(e);
            if (policy) enrolments.push({ enterpriseId: e.enterpriseId, from: e.from, ...(e.until !== undefined ? { until: e.until } : {}), policy });
          }
          return { workerId, enrolments };
        }),
      )),
    );
  }

  return { ours, workers };
}

export async function subsidyReport(store: StoreContext, enterpriseId: string, year: number) {
  const { ours, workers } = await insuredWorkersOf(store, enterpriseId, year);
  const report = enterpriseSubsidy(enterpriseId, year, workers);
  const byId = new Map(ours.map((p) => [p.policyId, p]));
  return {
    ...report,
    policies: report.policies.map((line) => ({ ...line, policyNumber: byId.get(line.policyId)!.policyNumber, insurerId: byId.get(line.policyId)!.insurerId })),
    rules: { ratePercent: SUBSIDY_RATE_PERCENT, capPerWorkerYearFen: SUBSIDY_CAP_PER_WORKER_YEAR_FEN, maxYearsPerWorker: SUBSIDY_MAX_YEARS },
  };
}
