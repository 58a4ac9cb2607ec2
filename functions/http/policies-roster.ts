/**
 * GET /v1/policies/{policyId}/enrolments — the roster (insurer or enterprise of the policy):
 * worker ids and periods, by worker id, cursor-paginated. No personal data.
 */
import { nextCursorOf, readCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { RosterQuery } from '../../shared/schemas/policies';
import { visiblePolicy } from '../../shared/services/policies';
import { defaultStore } from '../../shared/store/client';
import { policiesRepository } from '../../shared/store/policies-repository';
import { enrolmentView } from '../../shared/views/policy-views';

const store = defaultStore();
const policies = policiesRepository(store);
const DEFAULT_LIMIT = 50;

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'insurer', 'enterprise');
  const policyId = pathParam(event, 'policyId', ID_PATTERNS.policy, 'Policy');
  const query = parseQuery(event, RosterQuery);
  // Found through the caller's own partition first: the roster key comes from that policy, never from input.
  const policy = await visiblePolicy(store, caller, policyId);
  const scope = { route: event.routeKey, tenantId: caller.tenantId, query: { policyId: policy.policyId } };
  const page = await policies.rosterPage(policy.insurerId, policy.policyId, {
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    afterSk: await readCursor(query.cursor, scope),
  });
  return json(200, { items: page.items.map(enrolmentView), ...(await nextCursorOf(page.nextSk, scope)) });
});
