/**
 * GET /v1/events/{eventId} — what became of an accepted command: accepted, applied, or
 * rejected with a reason. An admin that acted for a tenant reads that tenant's event with
 * `?tenantId=` (auth/acting-tenant.ts); without it, every caller reads its own.
 */
import { actingTenant, ActingTenantQuery } from '../../shared/auth/acting-tenant';
import { httpHandler, json, parseQuery, pathParam } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { defaultStore } from '../../shared/store/client';
import { eventsRepository } from '../../shared/store/events-repository';
import { eventView } from '../../shared/views/order-views';

const events = eventsRepository(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  const eventId = pathParam(event, 'eventId', ID_PATTERNS.event, 'Event');
  const { tenantId } = parseQuery(event, ActingTenantQuery);
  const record = await events.get(tenantId === undefined ? caller.tenantId : actingTenant(caller, tenantId), eventId);
  if (!record) throw problems.notFound('Event');
  return json(200, eventView(record));
});
