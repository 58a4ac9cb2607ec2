/**
 * GET /v1/admin/trace-verification?tenantId=<id>[&orderId=<id>] — admins verify one order's
 * trace or all of a tenant's (at most `limit` orders per request, newest first; continue
 * with `cursor`), and learn for each broken order which entry breaks its chain and why.
 */
import { nextCursorOf, readCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { problems } from '../../shared/lib/problem';
import { TraceVerificationQuery } from '../../shared/schemas/trace-verification';
import { verifyOneOrder, verifyTenantPage } from '../../shared/services/verify-traces';
import { defaultStore } from '../../shared/store/client';
import { tenantsRepository } from '../../shared/store/tenants-repository';

const store = defaultStore();
const DEFAULT_LIMIT = 100;

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  const query = parseQuery(event, TraceVerificationQuery);
  if (!(await tenantsRepository(store).getTenant(query.tenantId))) throw problems.notFound('Tenant');
  if (query.orderId) {
    const result = await verifyOneOrder(store, query.tenantId, query.orderId);
    if (!result) throw problems.notFound('Order');
    return json(200, result);
  }
  // A cursor continues only this tenant's verification (shared/lib/cursor.ts).
  const scope = { route: event.routeKey, tenantId: query.tenantId };
  const afterSk = await readCursor(query.cursor, scope);
  const { next, ...page } = await verifyTenantPage(store, query.tenantId, {
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    after: afterSk ? { sk: afterSk, orderId: afterSk.split('#').at(-1)! } : undefined,
  });
  return json(200, { ...page, ...(await nextCursorOf(next?.sk, scope)) });
});
