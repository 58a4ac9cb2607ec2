/**
 * GET /v1/claims — claims newest filing first, all or `status=`, cursor-paginated: an
 * enterprise sees the claims it filed, an insurer the claims addressed to it (its
 * pointers), an admin an enterprise's with `?tenantId=`. No free text in lists.
 */
import { actingTenant } from '../../shared/auth/acting-tenant';
import { decodeSortKeyCursor, encodeSortKeyCursor } from '../../shared/lib/cursor';
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
  const options = {
    status: query.status,
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    afterSk: query.cursor ? decodeSortKeyCursor(query.cursor) : undefined,
  };
  let page: { items: unknown[]; nextSk?: string };
  if (caller.role === 'insurer') {
    if (query.tenantId !== undefined) throw problems.forbidden('Only the admin role may act for another tenant.');
    const found = await claims.listForInsurer(caller.tenantId, options);
    page = { items: found.items.map(pointerSummary), nextSk: found.nextSk };
  } else {
    const found = await claims.list(actingTenant(caller, query.tenantId), options);
    page = { items: found.items.map(claimSummary), nextSk: found.nextSk };
  }
  return json(200, { items: page.items, ...(page.nextSk ? { nextCursor: encodeSortKeyCursor(page.nextSk) } : {}) });
});
