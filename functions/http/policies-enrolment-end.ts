/**
 * POST /v1/policies/{policyId}/enrolments/{workerId}/end — the enterprise ends a worker's
 * enrolment: `on` is the last day on the roster (today or later). The same day again 200.
 */
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { EndEnrolmentRequest } from '../../shared/schemas/policies';
import { endEnrolment } from '../../shared/services/policy-enrolments';
import { registryDeps } from '../../shared/services/worker-certificate';
import { defaultStore } from '../../shared/store/client';

const deps = registryDeps(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const policyId = pathParam(event, 'policyId', ID_PATTERNS.policy, 'Policy');
  const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Enrolment');
  const { on } = parseBody(event, EndEnrolmentRequest);
  const answer = await endEnrolment(deps, caller, policyId, workerId, on);
  return json(answer.created ? 201 : 200, answer.body);
});
