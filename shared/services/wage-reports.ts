/**
 * Pay reports (docs/wage-survey.md "Reports"): an enterprise reports the pay of a worker it
 * employs, or employed in the survey year, once per worker and year. The worker is named by
 * id only; an enterprise that never employed the worker that year gets 404, exactly like a
 * worker that does not exist, so probing ids reveals nothing. The first report of a worker
 * and year stands: a second one, by anyone, is 409 `wage-report-exists`.
 *
 * Reported amounts never leave through logs or events: the enterprise reads its own
 * reports back, and the public sees only the published percentiles.
 */
import type { Caller } from '../auth/roles';
import { employedInYear } from '../domain/wage-survey/employment-year';
import { reportableYears } from '../domain/wage-survey/survey-year';
import { canonicalHash } from '../lib/hash';
import { wageReportIdFor } from '../lib/ids';
import { problems } from '../lib/problem';
import type { WageReportRequest } from '../schemas/wage-survey';
import type { StoreContext } from '../store/client';
import { employmentRepository } from '../store/employment-repository';
import { WageReportBusy, wageReportsRepository, type StoredWageReport } from '../store/wage-reports-repository';

/** What the enterprise sees of a report. */
export function wageReportView(report: StoredWageReport) {
  const { reportId, workerId, year, post, experienceBand, payType, amountFen, reportedAt } = report;
  return { reportId, workerId, year, post, experienceBand, payType, amountFen, reportedAt };
}

/** 404 unless the enterprise's link with the worker, or one of its earlier periods, shares a day with the year. */
async function requireEmployedInYear(store: StoreContext, tenantId: string, workerId: string, year: string): Promise<void> {
  const employment = employmentRepository(store);
  const link = await employment.get(tenantId, workerId, true);
  // The link holds the latest period; earlier ones are read only when it does not cover the year.
  if (link && (employedInYear([link], year) || employedInYear(await employment.periods(tenantId, workerId), year))) return;
  throw problems.notFound(`A worker employed by this enterprise in ${year}`);
}

/** Reports once per Idempotency-Key: the same key again answers the same report (200), with another body 422. */
export async function reportPay(store: StoreContext, caller: Caller, idempotencyKey: string, input: WageReportRequest, now: Date = new Date()) {
  const years = reportableYears(now);
  if (!years.includes(input.year)) throw problems.validation([{ pointer: '/year', detail: `must be ${years[0]} or ${years[1]}` }]);
  await requireEmployedInYear(store, caller.tenantId, input.workerId, input.year);

  const repo = wageReportsRepository(store);
  const report: StoredWageReport = {
    ...input,
    reportId: wageReportIdFor(caller.tenantId, idempotencyKey),
    tenantId: caller.tenantId,
    reportedAt: now.toISOString(),
    reportedBy: caller.keyId,
    requestHash: canonicalHash(input),
  };
  let outcome;
  try {
    outcome = await repo.create(report);
  } catch (error) {
    if (error instanceof WageReportBusy) throw problems.unavailable();
    throw error;
  }
  if (outcome === 'created') return { created: true, report: wageReportView(report) };
  if (outcome === 'worker-reported') {
    throw problems.conflict('wage-report-exists', 'Pay reported already', `This worker's pay for ${input.year} has been reported already; the first report of a worker and year stands.`);
  }
  const earlier = await repo.get(caller.tenantId, report.reportId);
  if (!earlier || earlier.requestHash !== report.requestHash) throw problems.idempotencyKeyReused();
  return { created: false, report: wageReportView(earlier) };
}

export async function listWageReports(store: StoreContext, tenantId: string, year: string, page: { limit: number; afterSk?: string }) {
  const { items, nextSk } = await wageReportsRepository(store).listOfYear(tenantId, year, page);
  return { items: items.map(wageReportView), nextSk };
}
