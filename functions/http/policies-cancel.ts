/**
 * POST /v1/policies/{policyId}/cancel — the insurer ends its policy: `effectiveOn` becomes
 * the last day of cover (today or later). The same day again 200; another day 409. The
 * certificates of the workers on the roster are brought up to date.
 */
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { CancelPolicyRequest } from '../../shared/schemas/policies';
import { cancelPolicy } from '../../shared/services/policies';
import { registryDeps } from '../../shared/services/worker-certificate';
import { defaultStore } from '../../shared/store/client';

const deps = registryDeps(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'insurer');
  const policyId = pathParam(event, 'policyId', ID_PATTERNS.policy, 'Policy');
  const { effectiveOn } = parseBody(event, CancelPolicyRequest);
  const answer = await cancelPolicy(deps, caller, policyId, effectiveOn);
  return json(answer.created ? 201 : 200, answer.body);
});
