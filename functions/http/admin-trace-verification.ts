/**
 * GET /v1/admin/trace-verification?tenantId=<id>[&orderId=<id>] — admins verify one order's
 * trace or all of a tenant's (at most `limit` orders per request, newest first; continue
 * with `cursor`), and learn for each broken order which entry breaks its chain and why.
 */
import { decodeCursor, encodeCursor } from '../../shared/lib/cursor';
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
  const { next, ...page } = await verifyTenantPage(store, query.tenantId, {
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  });
  return json(200, { ...page, ...(next ? { nextCursor: encodeCursor(next) } : {}) });
});
