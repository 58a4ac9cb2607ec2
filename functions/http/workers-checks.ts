/**
 * POST /v1/workers/{workerId}/checks/{identity|background|health} — the current employer
 * records a check. One function for the three routes: the route key names the kind.
 */
import { CHECK_KINDS, type CheckKind } from '../../shared/domain/worker/checks';
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { CHECK_BODIES } from '../../shared/schemas/workers';
import { recordCheck, type CheckInput } from '../../shared/services/worker-checks';
import { registryDeps } from '../../shared/services/worker-certificate';
import { defaultStore } from '../../shared/store/client';

// The certificate follows every change to the worker's facts (services/worker-certificate.ts).
const deps = registryDeps(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const kind = event.routeKey.split('/').at(-1) as CheckKind;
  if (!CHECK_KINDS.includes(kind)) throw problems.notFound('Route');
  const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Worker');
  const key = requiredIdempotencyKey(event);
  const input = { kind, body: parseBody(event, CHECK_BODIES[kind]) } as CheckInput;
  const answer = await recordCheck(deps, caller, key, workerId, input);
  return json(answer.created ? 201 : 200, answer.body);
});
