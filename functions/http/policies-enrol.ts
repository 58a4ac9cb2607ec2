/**
 * POST /v1/policies/{policyId}/enrolments — the enterprise holding the policy puts a worker
 * on its roster from `from` (today or later). 201; the same enrolment again 200. The worker
 * must be employed by the enterprise now and have given the insurance-roster consent (422).
 */
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { EnrolWorkerRequest } from '../../shared/schemas/policies';
import { enrolWorker } from '../../shared/services/policy-enrolments';
import { registryDeps } from '../../shared/services/worker-certificate';
import { defaultStore } from '../../shared/store/client';

// The worker's certificate light shows the new cover (services/worker-certificate.ts).
const deps = registryDeps(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const policyId = pathParam(event, 'policyId', ID_PATTERNS.policy, 'Policy');
  const answer = await enrolWorker(deps, caller, policyId, parseBody(event, EnrolWorkerRequest));
  return json(answer.created ? 201 : 200, answer.body);
});
