/**
 * GET /v1/claims — claims newest filing first, all or `status=`, cursor-paginated: an
 * enterprise sees the claims it filed, an insurer the claims addressed to it (its
 * pointers), an admin an enterprise's with `?tenantId=`. No free text in lists.
 */
import { actingTenant } from '../../shared/auth/acting-tenant';
import { nextCursorOf, readCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseQuery } from '../../shared/lib/http';
import { problems } from '../../shared/lib/problem';
import { ListClaimsQuery } from '../../shared/schemas/claims';
import { requireClaimReader } from '../../shared/services/claim-access';
import { claimsRepository } from '../../shared/store/claims-repository';
import { defaultStore } from '../../shared/store/client';
import { claimSummary, pointerSummary } from '../../shared/views/claim-views';

const claims = claimsRepository(defaultStore());
const DEFAULT_LIMIT = 25;

export const handler = httpHandler(async (event, caller) => {
  requireClaimReader(caller);
  const query = parseQuery(event, ListClaimsQuery);
  if (caller.role === 'insurer' && query.tenantId !== undefined) throw problems.forbidden('Only the admin role may act for another tenant.');
  const insurer = caller.role === 'insurer';
  const tenantId = insurer ? caller.tenantId : actingTenant(caller, query.tenantId);
  // An insurer's pointers and an enterprise's claims are two lists: a cursor continues only its own.
  const scope = { route: event.routeKey, tenantId, query: { list: insurer ? 'insurer' : 'enterprise', status: query.status } };
  const options = {
    status: query.status,
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    afterSk: await readCursor(query.cursor, scope),
  };
  let page: { items: unknown[]; nextSk?: string };
  if (insurer) {
    const found = await claims.listForInsurer(tenantId, options);
    page = { items: found.items.map(pointerSummary), nextSk: found.nextSk };
  } else {
    const found = await claims.list(tenantId, options);
    page = { items: found.items.map(claimSummary), nextSk: found.nextSk };
  }
  return json(200, { items: page.items, ...(await nextCursorOf(page.nextSk, scope)) });
});
