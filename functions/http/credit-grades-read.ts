/**
 * GET /v1/credit/grades — the enterprise's own grades, newest period first (summaries);
 * GET /v1/credit/grades/{period} — one grade with its breakdown (every indicator's value,
 * normalised value and points), the inputs and their hash, objections and trace.
 * An admin reads any enterprise's with `?tenantId=`.
 */
import { actingTenant, ActingTenantQuery } from '../../shared/auth/acting-tenant';
import { httpHandler, json, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { PERIOD_PATTERN } from '../../shared/schemas/credit-grades';
import { gradeDetails, gradesOfTenant } from '../../shared/services/credit-views';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const tenantId = actingTenant(caller, parseQuery(event, ActingTenantQuery).tenantId);
  if (event.pathParameters?.period === undefined) return json(200, await gradesOfTenant(store, tenantId));
  const period = pathParam(event, 'period', PERIOD_PATTERN, 'A credit grade');
  return json(200, await gradeDetails(store, tenantId, period));
});
