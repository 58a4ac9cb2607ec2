/**
 * GET /v1/policies/{policyId}/trace — the policy's hash-chained trace (issued, roster
 * changes, cancellation) and whether it verifies; the same readers as the policy (its
 * insurer, the enterprise holding it), anyone else 404.
 */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { visiblePolicy } from '../../shared/services/policies';
import { defaultStore } from '../../shared/store/client';
import { policiesRepository } from '../../shared/store/policies-repository';
import { verifyChain } from '../../shared/trace/chain';

const store = defaultStore();
const policies = policiesRepository(store);

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'insurer', 'enterprise');
  const policyId = pathParam(event, 'policyId', ID_PATTERNS.policy, 'Policy');
  // Consistent: the head the chain is verified against must be the newest one.
  const policy = await visiblePolicy(store, caller, policyId, true);
  // The trace lives with the insurer's copy; both copies carry the same head.
  const entries = await policies.trace(policy.insurerId, policyId);
  return json(200, { policyId, entries, verification: verifyChain(entries, policy.traceHead) });
});
