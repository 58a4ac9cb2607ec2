/** POST /v1/orders/{orderId}/rating-token — a one-time rating link for a COMPLETED order, shown once. */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { issueOrderRatingToken } from '../../shared/services/ratings';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore() };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const orderId = pathParam(event, 'orderId', ID_PATTERNS.order, 'Order');
  const issued = await issueOrderRatingToken(deps, caller, orderId);
  return json(201, { orderId, ...issued, submitTo: '/v1/public/ratings' });
});
