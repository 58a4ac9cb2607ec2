/**
 * GET /v1/policies — newest first, cursor-paginated: an insurer sees the policies it
 * issued, an enterprise the policies it holds (each from its own partition).
 */
import { nextCursorOf, readCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { ListPoliciesQuery } from '../../shared/schemas/policies';
import { defaultStore } from '../../shared/store/client';
import { policiesRepository } from '../../shared/store/policies-repository';
import { policyView } from '../../shared/views/policy-views';

const policies = policiesRepository(defaultStore());
const DEFAULT_LIMIT = 25;

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'insurer', 'enterprise');
  const query = parseQuery(event, ListPoliciesQuery);
  const scope = { route: event.routeKey, tenantId: caller.tenantId };
  const page = await policies.list(caller.tenantId, {
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    afterSk: await readCursor(query.cursor, scope),
  });
  const now = new Date();
  return json(200, { items: page.items.map((p) => policyView(p, now)), ...(await nextCursorOf(page.nextSk, scope)) });
});
