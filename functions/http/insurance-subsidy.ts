/**
 * GET /v1/insurance/subsidy?year=YYYY — the public premium subsidy of an enterprise for a
 * calendar year: its own (enterprise), or any enterprise's with `?tenantId=` (admin).
 * Rules and rounding: shared/domain/insurance/subsidy.ts.
 */
import { actingTenant } from '../../shared/auth/acting-tenant';
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { SubsidyQuery } from '../../shared/schemas/policies';
import { subsidyReport } from '../../shared/services/insurance-subsidy';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const query = parseQuery(event, SubsidyQuery);
  const enterpriseId = actingTenant(caller, query.tenantId);
  return json(200, await subsidyReport(store, enterpriseId, Number(query.year)));
});
