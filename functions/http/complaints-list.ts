/**
 * GET /v1/complaints — complaints newest first, all or `status=open|resolved`, cursor-paginated:
 * an enterprise sees its own; an admin names the tenant with `?tenantId=`. No free text in
 * lists (GET one complaint to read its description).
 */
import { actingTenant } from '../../shared/auth/acting-tenant';
import { nextCursorOf, readCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { ListComplaintsQuery } from '../../shared/schemas/complaints';
import { defaultStore } from '../../shared/store/client';
import { complaintsRepository } from '../../shared/store/complaints-repository';
import { complaintSummary } from '../../shared/views/complaint-views';

const complaints = complaintsRepository(defaultStore());
const DEFAULT_LIMIT = 25;

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const query = parseQuery(event, ListComplaintsQuery);
  const tenantId = actingTenant(caller, query.tenantId);
  const scope = { route: event.routeKey, tenantId, query: { status: query.status } };
  const page = await complaints.list(tenantId, {
    status: query.status,
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    afterSk: await readCursor(query.cursor, scope),
  });
  return json(200, { items: page.items.map(complaintSummary), ...(await nextCursorOf(page.nextSk, scope)) });
});
