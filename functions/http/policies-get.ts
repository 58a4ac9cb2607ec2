/** GET /v1/policies/{policyId} — the insurer that issued it or the enterprise holding it; anyone else 404. */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { visiblePolicy } from '../../shared/services/policies';
import { defaultStore } from '../../shared/store/client';
import { policyView } from '../../shared/views/policy-views';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'insurer', 'enterprise');
  const policyId = pathParam(event, 'policyId', ID_PATTERNS.policy, 'Policy');
  return json(200, policyView(await visiblePolicy(store, caller, policyId)));
});
