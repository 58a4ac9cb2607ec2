/**
 * Pay reports of the wage survey (docs/wage-survey.md):
 *   POST /v1/wage-reports         an enterprise reports one worker's pay for a year (Idempotency-Key)
 *   GET  /v1/wage-reports?year=   its own reports of that year, newest first (admin: ?tenantId=)
 *   PUT  /v1/wage-reports/{reportId}     the enterprise corrects its report at the version read
 *   DELETE /v1/wage-reports/{reportId}   the enterprise withdraws it (the worker's year may be reported again)
 */
import { actingTenant } from '../../shared/auth/acting-tenant';
import { nextCursorOf, readCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { WageReportCorrection, WageReportRequest, WageReportsQuery } from '../../shared/schemas/wage-survey';
import { correctWageReport, listWageReports, reportPay, withdrawWageReport } from '../../shared/services/wage-reports';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();
const DEFAULT_LIMIT = 25;

export const handler = httpHandler(async (event, caller) => {
  if (event.routeKey === 'POST /v1/wage-reports') {
    requireRole(caller, 'enterprise');
    const key = requiredIdempotencyKey(event);
    const { created, report } = await reportPay(store, caller, key, parseBody(event, WageReportRequest));
    return json(created ? 201 : 200, report);
  }
  if (event.routeKey === 'PUT /v1/wage-reports/{reportId}' || event.routeKey === 'DELETE /v1/wage-reports/{reportId}') {
    // Only the enterprise that made a report changes it; the report is looked up under the caller's own tenant.
    requireRole(caller, 'enterprise');
    const reportId = pathParam(event, 'reportId', ID_PATTERNS.wageReport, 'Wage report');
    if (event.routeKey === 'DELETE /v1/wage-reports/{reportId}') return json(200, await withdrawWageReport(store, caller, reportId));
    return json(200, await correctWageReport(store, caller, reportId, parseBody(event, WageReportCorrection)));
  }
  requireRole(caller, 'enterprise', 'admin');
  const query = parseQuery(event, WageReportsQuery);
  const tenantId = actingTenant(caller, query.tenantId);
  const scope = { route: event.routeKey, tenantId, query: { year: query.year } };
  const page = await listWageReports(store, tenantId, query.year, {
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    afterSk: await readCursor(query.cursor, scope),
  });
  return json(200, { items: page.items, ...(await nextCursorOf(page.nextSk, scope)) });
});
