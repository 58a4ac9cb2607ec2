/** GET /v1/orders/{orderId} — one of the caller's orders; another tenant's is simply not found. */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { defaultStore } from '../../shared/store/client';
import { ordersRepository } from '../../shared/store/orders-repository';
import { orderView } from '../../shared/views/order-views';

const orders = ordersRepository(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const orderId = pathParam(event, 'orderId', ID_PATTERNS.order, 'Order');
  const order = await orders.get(caller.tenantId, orderId);
  if (!order) throw problems.notFound('Order');
  return json(200, orderView(order));
});
