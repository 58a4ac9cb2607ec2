/** GET /v1/orders — the caller's orders, newest first, by status and creation-time range, cursor-paginated. */
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { decodeCursor, encodeCursor } from '../../shared/lib/cursor';
import { ListOrdersQuery } from '../../shared/schemas/order';
import { defaultStore } from '../../shared/store/client';
import { ordersRepository } from '../../shared/store/orders-repository';
import { orderView } from '../../shared/views/order-views';

const orders = ordersRepository(defaultStore());
const DEFAULT_LIMIT = 25;

/** Stored times are UTC ISO strings; bounds given with any offset are normalised to compare with them. */
const utc = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const query = parseQuery(event, ListOrdersQuery);
  const page = await orders.list(caller.tenantId, {
    status: query.status,
    from: utc(query.from),
    to: utc(query.to),
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  });
  return json(200, {
    items: page.items.map(orderView),
    ...(page.nextCursor ? { nextCursor: encodeCursor(page.nextCursor) } : {}),
  });
});
