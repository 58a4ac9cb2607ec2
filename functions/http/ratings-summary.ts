/**
 * GET /v1/ratings/summary — the calling enterprise's rating summary (count, average,
 * distribution of 1–5 stars) over all its rated orders.
 */
import { httpHandler, json, requireRole } from '../../shared/lib/http';
import { enterpriseRatingSummary } from '../../shared/services/rating-summaries';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (_event, caller) => {
  requireRole(caller, 'enterprise');
  return json(200, await enterpriseRatingSummary(store, caller));
});
