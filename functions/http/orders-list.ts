/**
 * GET /v1/orders — the caller's orders, newest first, cursor-paginated: all of them, or by
 * status, worker, station or district (one at a time), within a creation-time range.
 */
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { nextCursorOf, readCursor, type CursorScope } from '../../shared/lib/cursor';
import { problems } from '../../shared/lib/problem';
import { ListOrdersQuery } from '../../shared/schemas/order';
import { defaultStore } from '../../shared/store/client';
import { ordersRepository, type OrderFilter } from '../../shared/store/orders-repository';
import { orderView } from '../../shared/views/order-views';

const orders = ordersRepository(defaultStore());
const DEFAULT_LIMIT = 25;

/** Stored times are UTC ISO strings; bounds given with any offset are normalised to compare with them. */
const utc = (value: string | undefined) => (value ? new Date(value).toISOString() : undefined);

function filterOf(query: ListOrdersQuery): OrderFilter {
  const chosen = (['status', 'workerId', 'stationId', 'district'] as const).filter((name) => query[name] !== undefined);
  if (chosen.length > 1) {
    throw problems.invalidQuery(chosen.map((name) => ({ pointer: `/${name}`, detail: 'combine at most one of status, workerId, stationId, district' })));
  }
  if (query.status) return { by: 'status', status: query.status };
  if (query.workerId) return { by: 'worker', workerId: query.workerId };
  if (query.stationId) return { by: 'station', stationId: query.stationId };
  if (query.district) return { by: 'district', district: query.district };
  return { by: 'time' };
}

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const query = parseQuery(event, ListOrdersQuery);
  const filter = filterOf(query);
  const from = utc(query.from);
  const to = utc(query.to);
  // A cursor continues only the list it came from: same filter, same bounds (shared/lib/cursor.ts).
  const scope: CursorScope = { route: event.routeKey, tenantId: caller.tenantId, query: { ...filter, from, to } };
  const afterSk = await readCursor(query.cursor, scope);
  const page = await orders.list(caller.tenantId, {
    filter,
    from,
    to,
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    after: afterSk ? { sk: afterSk, orderId: afterSk.split('#').at(-1)! } : undefined,
  });
  return json(200, { items: page.items.map(orderView), ...(await nextCursorOf(page.nextCursor?.sk, scope)) });
});
