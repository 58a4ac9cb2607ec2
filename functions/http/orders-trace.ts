/** GET /v1/orders/{orderId}/trace — the order's hash-chained trace and whether it verifies. */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { defaultStore } from '../../shared/store/client';
import { ordersRepository } from '../../shared/store/orders-repository';
import { verifyChain } from '../../shared/trace/chain';

const orders = ordersRepository(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const orderId = pathParam(event, 'orderId', ID_PATTERNS.order, 'Order');
  const order = await orders.get(caller.tenantId, orderId, true);
  if (!order) throw problems.notFound('Order');
  const entries = await orders.trace(caller.tenantId, orderId);
  return json(200, { orderId, entries, verification: verifyChain(entries, order.traceHead) });
});
