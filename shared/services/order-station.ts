/**
 * An order, a check-in or a check-out may name only an active station (docs/stations.md
 * "Orders name active stations"): checked when the command is accepted, with one small
 * GetItem, before the command is recorded; nothing is queued on a refusal (422).
 *
 * A retried request (same Idempotency-Key) that was accepted while the station was still
 * active gets its first answer again even after the station closed: on a refusal the
 * command's event record is looked for, and if it exists the accept path answers as it did
 * (its own hash check still refuses the same key with another body). A station closed
 * after an order was accepted does not reach back: that order is applied as accepted.
 */
import type { Caller } from '../auth/roles';
import { acceptsOrders } from '../domain/station/station';
import { commandEventId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { eventsRepository } from '../store/events-repository';
import { stationsRepository } from '../store/stations-repository';

export async function requireActiveStation(store: StoreContext, caller: Caller, idempotencyKey: string, stationId: string | undefined, pointer = '/stationId'): Promise<void> {
  if (stationId === undefined) return;
  const status = await stationsRepository(store).status(stationId);
  if (acceptsOrders(status && { status })) return;
  if (await eventsRepository(store).get(caller.tenantId, commandEventId(caller.tenantId, idempotencyKey))) return;
  throw problems.stationNotActive(stationId, status !== undefined, pointer);
}
