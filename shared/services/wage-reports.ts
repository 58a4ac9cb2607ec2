/**
 * Pay reports (docs/wage-survey.md "Reports"): an enterprise reports the pay of a worker it
 * employs, or employed in the survey year, once per worker and year. The worker is named by
 * id only; an enterprise that never employed the worker that year gets 404, exactly like a
 * worker that does not exist, so probing ids reveals nothing. The first report of a worker
 * and year stands until it is withdrawn: a second one, by anyone, is 409 `wage-report-exists`.
 *
 * The enterprise that made a report may correct it (at the version it read, like a
 * station's change) or withdraw it, while its year is still open (the current or the
 * previous survey year); the report's sample follows in the same transaction, so the next
 * publication counts the report as it stands, or not at all.
 *
 * Reported amounts never leave through logs or events: the enterprise reads its own
 * reports back, and the public sees only the published percentiles.
 */
import type { Caller } from '../auth/roles';
import { employedInYear } from '../domain/wage-survey/employment-year';
import { decideCorrection, decideWithdrawal, versionOf } from '../domain/wage-survey/report-change';
import { reportableYears } from '../domain/wage-survey/survey-year';
import { canonicalHash } from '../lib/hash';
import { wageReportIdFor } from '../lib/ids';
import { problems } from '../lib/problem';
import type { WageReportCorrection, WageReportRequest } from '../schemas/wage-survey';
import type { StoreContext } from '../store/client';
import { employmentRepository } from '../store/employment-repository';
import { WageReportBusy, wageReportsRepository, type StoredWageReport } from '../store/wage-reports-repository';

/** What the enterprise sees of a report. */
export function wageReportView(report: StoredWageReport) {
  const { reportId, workerId, year, post, experienceBand, payType, amountFen, reportedAt, correctedAt, withdrawnAt } = report;
  return {
    reportId,
    workerId,
    year,
    post,
    experienceBand,
    payType,
    amountFen,
    reportedAt,
    version: versionOf(report),
    ...(correctedAt !== undefined ? { correctedAt } : {}),
    ...(withdrawnAt !== undefined ? { withdrawnAt } : {}),
  };
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
    version: 1,
  };
  const outcome = await repo.create(report).catch(busy);
  if (outcome === 'created') return { created: true, report: wageReportView(report) };
  if (outcome === 'worker-reported') {
    throw problems.conflict('wage-report-exists', 'Pay reported already', `This worker's pay for ${input.year} has been reported already; the first report of a worker and year stands.`);
  }
  const earlier = await repo.get(caller.tenantId, report.reportId);
  if (!earlier || earlier.requestHash !== report.requestHash) throw problems.idempotencyKeyReused();
  return { created: false, report: wageReportView(earlier) };
}

/** The enterprise's own report, as it is now (consistent read), or 404: another enterprise's report is not found alike. */
async function ownReport(store: StoreContext, tenantId: string, reportId: string): Promise<StoredWageReport> {
  const report = await wageReportsRepository(store).get(tenantId, reportId);
  if (!report) throw problems.notFound('Wage report');
  return report;
}

const yearClosed = (year: string, years: readonly string[]) =>
  problems.conflict('wage-survey-year-closed', 'Survey year closed', `Reports of ${year} no longer change: only ${years[0]} and ${years[1]} are open.`);

/**
 * A refused guard means the report changed after it was read: the request is decided again
 * on the report as it is now — a correction is then answered (stale, withdrawn, a repeat), a
 * withdrawal applies to the new version. Bounded: a report changed this often at once is
 * answered 503, safe to retry.
 */
const CHANGE_ATTEMPTS = 4;

const busy = (error: unknown): never => {
  if (error instanceof WageReportBusy) throw problems.unavailable();
  throw error;
};

/**
 * PUT /v1/wage-reports/{reportId}: the post, band, pay type and amount as they should have
 * been, at the `version` read. The same correction again answers the report (200); at any
 * other version 409 `wage-report-changed`; a withdrawn report 409 `wage-report-withdrawn`;
 * a report of a closed year 409 `wage-survey-year-closed`.
 */
export async function correctWageReport(store: StoreContext, caller: Caller, reportId: string, request: WageReportCorrection, now: Date = new Date()) {
  const { version, ...figures } = request;
  const requestHash = canonicalHash({ reportId, ...request });
  const years = reportableYears(now);
  for (let attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
    const report = await ownReport(store, caller.tenantId, reportId);
    switch (decideCorrection(report, version, figures, requestHash, years)) {
      case 'repeat':
      case 'unchanged':
        return wageReportView(report);
      case 'withdrawn':
        throw problems.conflict('wage-report-withdrawn', 'Report withdrawn', 'This report was withdrawn; report the worker’s pay again instead.');
      case 'year-closed':
        throw yearClosed(report.year, years);
      case 'stale':
        throw problems.conflict('wage-report-changed', 'Report changed', `This report is at version ${versionOf(report)}, not ${version}: read it and decide again.`);
      case 'correct': {
        const after: StoredWageReport = {
          ...report,
          ...figures,
          version: versionOf(report) + 1,
          correctedAt: now.toISOString(),
          correctedBy: caller.keyId,
          lastChange: { fromVersion: version, requestHash },
        };
        const outcome = await wageReportsRepository(store).correct(report, after).catch(busy);
        if (outcome === 'done') return wageReportView(after);
      }
    }
  }
  throw problems.unavailable();
}

/**
 * DELETE /v1/wage-reports/{reportId}: the report no longer counts — its sample leaves its
 * cell and the worker's year is free to be reported again (under a new Idempotency-Key).
 * Withdrawing a withdrawn report changes nothing and answers it again.
 */
export async function withdrawWageReport(store: StoreContext, caller: Caller, reportId: string, now: Date = new Date()) {
  const years = reportableYears(now);
  for (let attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
    const report = await ownReport(store, caller.tenantId, reportId);
    switch (decideWithdrawal(report, years)) {
      case 'already-withdrawn':
        return wageReportView(report);
      case 'year-closed':
        throw yearClosed(report.year, years);
      case 'withdraw': {
        const withdrawn: StoredWageReport = { ...report, version: versionOf(report) + 1, withdrawnAt: now.toISOString(), withdrawnBy: caller.keyId };
        const outcome = await wageReportsRepository(store).withdraw(report, withdrawn).catch(busy);
        if (outcome === 'done') return wageReportView(withdrawn);
      }
    }
  }
  throw problems.unavailable();
}

export async function listWageReports(store: StoreContext, tenantId: string, year: string, page: { limit: number; afterSk?: string }) {
  const { items, nextSk } = await wageReportsRepository(store).listOfYear(tenantId, year, page);
  // A withdrawal takes the report out of the index; an index read just after it may still hold its key.
  return { items: items.filter((r) => r.withdrawnAt === undefined).map(wageReportView), nextSk };
}
