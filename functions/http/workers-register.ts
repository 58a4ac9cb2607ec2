/**
 * The worker routes that take personal data in (one function: the one that holds the
 * personal-data key grants):
 *   POST /v1/workers — an enterprise registers a worker, synchronously: 201 with the worker id
 *     (200 when the worker is already current with this enterprise), 409 while the person is
 *     employed by another enterprise. The ID number and name are encrypted with KMS before
 *     anything is stored (services/register-worker.ts).
 *   PUT /v1/workers/{workerId}/graduation — the current employer records the graduation, with
 *     the worker's subsidy-graduate consent, encrypted likewise (services/worker-graduation.ts).
 */
import { residentIdInput } from '../../shared/domain/worker/id-number-input';
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { GraduationRequest, RegisterWorkerRequest } from '../../shared/schemas/workers';
import { registerWorker } from '../../shared/services/register-worker';
import { registryDeps } from '../../shared/services/worker-certificate';
import { recordGraduation } from '../../shared/services/worker-graduation';
import { defaultStore } from '../../shared/store/client';

// The certificate follows every change to the worker's facts (services/worker-certificate.ts).
const deps = registryDeps(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  if (event.routeKey === 'PUT /v1/workers/{workerId}/graduation') {
    const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Worker');
    const answer = await recordGraduation(deps, caller, requiredIdempotencyKey(event), workerId, parseBody(event, GraduationRequest));
    return json(200, answer.body);
  }
  const key = requiredIdempotencyKey(event);
  const body = parseBody(event, RegisterWorkerRequest);
  // The schema validated it; this is the normalized form (ASCII, upper case) that is encrypted and hashed.
  const idNumber = residentIdInput(body.idNumber)!;
  const answer = await registerWorker(deps, caller, key, { ...body, idNumber });
  return json(answer.created ? 201 : 200, answer.body, { location: `/v1/workers/${String(answer.body.workerId)}` });
});
