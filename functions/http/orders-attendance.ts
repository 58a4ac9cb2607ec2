/** GET /v1/orders/{orderId}/attendance — a live-in placement's attendance days, in date order. */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { defaultStore } from '../../shared/store/client';
import { keys } from '../../shared/store/keys';
import { ordersRepository } from '../../shared/store/orders-repository';

const orders = ordersRepository(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const orderId = pathParam(event, 'orderId', ID_PATTERNS.order, 'Order');
  if (!(await orders.get(caller.tenantId, orderId))) throw problems.notFound('Order');
  const items = await orders.partitionItems(caller.tenantId, orderId, keys.ATTENDANCE_PREFIX);
  return json(200, {
    orderId,
    days: items.map((item) => ({ date: item.date, checkIn: item.checkIn, checkOut: item.checkOut, eventId: item.eventId })),
  });
});
