/** POST /v1/workers/{workerId}/employment/end — the current employer ends its link (body optional: endedOn, reason). */
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { EndEmploymentRequest } from '../../shared/schemas/workers';
import { endEmployment } from '../../shared/services/worker-employment';
import { registryDeps } from '../../shared/services/worker-certificate';
import { defaultStore } from '../../shared/store/client';

// The certificate follows every change to the worker's facts (services/worker-certificate.ts).
const deps = registryDeps(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Worker');
  const key = requiredIdempotencyKey(event);
  const body = event.body ? parseBody(event, EndEmploymentRequest) : {};
  const answer = await endEmployment(deps, caller, key, workerId, body);
  return json(answer.created ? 201 : 200, answer.body);
});
