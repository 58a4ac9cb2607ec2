/**
 * GET /v1/workers/{workerId} — a worker the enterprise employs or employed (404 for any
 * other), or any worker for the admin: masked name and ID number, checks, consents,
 * training, certificate status and the caller's own employment link.
 */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { workerDetails } from '../../shared/services/worker-details';
import { defaultStore } from '../../shared/store/client';
import { workerView } from '../../shared/views/worker-views';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Worker');
  return json(200, workerView(await workerDetails(store, caller, workerId)));
});
