/**
 * GET /v1/credit/facts?from=YYYY-MM&to=YYYY-MM — the calling enterprise's own monthly credit
 * counters (the admin names the enterprise with ?tenantId=), kept by the credit-facts
 * consumer from its order events: what its credit grade is computed from.
 */
import { actingTenant } from '../../shared/auth/acting-tenant';
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { CreditFactsQuery } from '../../shared/schemas/credit-facts';
import { enterpriseCreditFacts } from '../../shared/services/credit-facts-report';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const query = parseQuery(event, CreditFactsQuery);
  const tenantId = actingTenant(caller, query.tenantId);
  return json(200, await enterpriseCreditFacts(store, tenantId, query.from, query.to));
});
