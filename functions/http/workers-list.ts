/** GET /v1/workers — the enterprise's workers (current and former), latest start first, cursor-paginated. */
import { nextCursorOf, readCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseQuery, requireRole } from '../../shared/lib/http';
import { ListWorkersQuery } from '../../shared/schemas/workers';
import { defaultStore } from '../../shared/store/client';
import { employmentRepository } from '../../shared/store/employment-repository';
import { workerSummary } from '../../shared/views/worker-views';

const employment = employmentRepository(defaultStore());
const DEFAULT_LIMIT = 25;

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const query = parseQuery(event, ListWorkersQuery);
  const scope = { route: event.routeKey, tenantId: caller.tenantId, query: { status: query.status } };
  const page = await employment.list(caller.tenantId, {
    status: query.status,
    limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT,
    afterSk: await readCursor(query.cursor, scope),
  });
  return json(200, { items: page.items.map(workerSummary), ...(await nextCursorOf(page.nextSk, scope)) });
});
