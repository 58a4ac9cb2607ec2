/**
 * GET /v1/workers/{workerId}/ratings/summary — a worker's rating summary on the calling
 * enterprise's orders (count, average, distribution of 1–5 stars); 404 for a worker it
 * never employed.
 */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { workerRatingSummary } from '../../shared/services/rating-summaries';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const workerId = pathParam(event, 'workerId', ID_PATTERNS.worker, 'Worker');
  return json(200, await workerRatingSummary(store, caller, workerId));
});
