/**
 * The current employer's employment routes (one function: the route key names the action):
 *   POST /v1/workers/{workerId}/employment/end    ends its link (body optional: endedOn, reason)
 *   POST /v1/workers/{workerId}/employment/terms  records the link's type from a day (labour contract, service agreement)
 */
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { EmploymentTermRequest, EndEmploymentRequest } from '../../shared/schemas/workers';
import { endEmployment } from '../../shared/services/worker-employment';
import { recordEmploymentTerm } from '../../shared/services/worker-employment-terms';
import { registryDeps } from '../../shared/services/worker-certificate';
import { defaultStore } from '../../shared/store/client';

// The certificate follows every change to the worker's facts (services/worker-certificate.ts).
const deps = registryDeps(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Worker');
  const key = requiredIdempotencyKey(event);
  if (event.routeKey === 'POST /v1/workers/{workerId}/employment/terms') {
    const answer = await recordEmploymentTerm(deps, caller, key, workerId, parseBody(event, EmploymentTermRequest));
    return json(200, answer.body);
  }
  const body = event.body ? parseBody(event, EndEmploymentRequest) : {};
  const answer = await endEmployment(deps, caller, key, workerId, body);
  return json(answer.created ? 201 : 200, answer.body);
});
