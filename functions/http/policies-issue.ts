/**
 * POST /v1/policies — an insurer issues a group policy to an enterprise. 201 with the
 * policy; the same policy number with the same terms again 200 (the policy issued first),
 * with other terms 409. Synchronous, with a trace entry on the policy.
 */
import { httpHandler, json, parseBody, requireRole } from '../../shared/lib/http';
import { IssuePolicyRequest } from '../../shared/schemas/policies';
import { issuePolicy } from '../../shared/services/policies';
import { defaultStore } from '../../shared/store/client';

// A new policy has no roster yet, so no worker's cover (or certificate light) changes: no
// certificate refresh to run, and none of its code in this bundle.
const deps = { store: defaultStore() };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'insurer');
  const answer = await issuePolicy(deps, caller, parseBody(event, IssuePolicyRequest));
  return json(answer.created ? 201 : 200, answer.body, answer.created ? { location: `/v1/policies/${String(answer.body.policyId)}` } : {});
});
