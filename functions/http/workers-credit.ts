/**
 * GET /v1/workers/{workerId}/credit — the worker's credit stars (1–5) with the breakdown,
 * for an enterprise that employs or employed the worker (404 for any other), or an admin.
 */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { visibleWorker } from '../../shared/services/worker-access';
import { workerCredit } from '../../shared/services/worker-credit';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Worker');
  const { profile } = await visibleWorker(store, caller, workerId);
  const credit = await workerCredit(store, workerId, new Date(), { profile });
  if (!credit) throw problems.notFound('Worker');
  return json(200, credit);
});
