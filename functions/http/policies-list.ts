/**
 * GET /v1/policies — newest first, cursor-paginated: an insurer sees the policies it
 * issued, an enterprise the policies it holds (each from its own partition).
 */
import { decodeSortKeyCursor, encodeSortKeyCursor } from '../../shared/lib/cursor';
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
  const page = await policies.list(caller.tenantId, {
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    afterSk: query.cursor ? decodeSortKeyCursor(query.cursor) : undefined,
  });
  const now = new Date();
  return json(200, {
    items: page.items.map((p) => policyView(p, now)),
    ...(page.nextSk ? { nextCursor: encodeSortKeyCursor(page.nextSk) } : {}),
  });
});
