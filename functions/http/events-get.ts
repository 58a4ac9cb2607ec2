/** GET /v1/events/{eventId} — what became of an accepted command: accepted, applied, or rejected with a reason. */
import { httpHandler, json, pathParam } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { defaultStore } from '../../shared/store/client';
import { eventsRepository } from '../../shared/store/events-repository';
import { eventView } from '../../shared/views/order-views';

const events = eventsRepository(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  const eventId = pathParam(event, 'eventId', ID_PATTERNS.event, 'Event');
  const record = await events.get(caller.tenantId, eventId);
  if (!record) throw problems.notFound('Event');
  return json(200, eventView(record));
});
