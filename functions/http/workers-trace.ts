/**
 * GET /v1/workers/{workerId}/trace — the worker's hash-chained trace, verified on the
 * server. An enterprise sees who wrote its own entries only; the admin sees every entry.
 */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { visibleWorker } from '../../shared/services/worker-access';
import { defaultStore } from '../../shared/store/client';
import { workersRepository } from '../../shared/store/workers-repository';
import { verifyChain } from '../../shared/trace/chain';
import { workerTraceView } from '../../shared/views/worker-views';

const store = defaultStore();
const workers = workersRepository(store);

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Worker');
  const { profile } = await visibleWorker(store, caller, workerId, true);
  const entries = await workers.trace(workerId);
  const verification = verifyChain(entries, profile.traceHead);
  return json(200, workerTraceView(workerId, entries, verification, caller.role === 'admin' ? undefined : caller.tenantId));
});
