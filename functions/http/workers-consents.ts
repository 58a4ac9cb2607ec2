/** POST /v1/workers/{workerId}/consents — record a consent the worker granted or revoked (current employer). */
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { ConsentBody } from '../../shared/schemas/workers';
import { recordConsent } from '../../shared/services/worker-consents';
import { registryDeps } from '../../shared/services/worker-certificate';
import { defaultStore } from '../../shared/store/client';

// The certificate follows every change to the worker's facts (services/worker-certificate.ts).
const deps = registryDeps(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Worker');
  const key = requiredIdempotencyKey(event);
  const answer = await recordConsent(deps, caller, key, workerId, parseBody(event, ConsentBody));
  return json(answer.created ? 201 : 200, answer.body);
});
