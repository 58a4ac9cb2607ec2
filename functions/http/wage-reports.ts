/**
 * Pay reports of the wage survey (docs/wage-survey.md):
 *   POST /v1/wage-reports         an enterprise reports one worker's pay for a year (Idempotency-Key)
 *   GET  /v1/wage-reports?year=   its own reports of that year, newest first (admin: ?tenantId=)
 */
import { actingTenant } from '../../shared/auth/acting-tenant';
import { decodeSortKeyCursor, encodeSortKeyCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseBody, parseQuery, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { WageReportRequest, WageReportsQuery } from '../../shared/schemas/wage-survey';
import { listWageReports, reportPay } from '../../shared/services/wage-reports';
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
  requireRole(caller, 'enterprise', 'admin');
  const query = parseQuery(event, WageReportsQuery);
  const page = await listWageReports(store, actingTenant(caller, query.tenantId), query.year, {
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    afterSk: query.cursor ? decodeSortKeyCursor(query.cursor) : undefined,
  });
  return json(200, { items: page.items, ...(page.nextSk ? { nextCursor: encodeSortKeyCursor(page.nextSk) } : {}) });
});
