/**
 * Counts one order event into the monthly credit facts, its station's monthly figures and
 * the programme's months (the credit-facts consumer's work): reads what the event does not
 * carry — the order, or the complaint it names — has the pure mappings
 * (domain/credit/event-facts.ts, domain/station/month-figures.ts,
 * domain/programme/deltas.ts) decide the counters, and applies them all once per event id,
 * in one transaction under one marker (store/credit-facts-repository.ts). One consumer for
 * all three: they count the same events, and the order it reads for the credit facts names
 * the station too (docs/stations.md "Station figures").
 *
 * An event of a type that moves no counter, or whose order or complaint cannot be found,
 * is refused (the record fails and, after its retries, waits in the DLQ): a count is
 * never guessed.
 */
import { CONTEXT_SOURCE, eventFacts, isCreditFactCommand, type EventContext } from '../domain/credit/event-facts';
import { orderEventCounted } from '../domain/programme/deltas';
import { stationMonthDelta } from '../domain/station/month-figures';
import type { OrderCloudEvent } from '../events/order-cloudevent';
import type { OrderEventCommand } from '../events/order-event-types';
import { orderEventData, UnreadableEventError } from '../events/read-order-cloudevent';
import type { StoreContext } from '../store/client';
import { complaintsRepository } from '../store/complaints-repository';
import { creditFactsRepository, type ApplyOptions, type ApplyOutcome } from '../store/credit-facts-repository';
import { ordersRepository } from '../store/orders-repository';

/** What became of an event: counted now, counted before, or nothing to count (a household's cancellation or no-show). */
export type CountOutcome = ApplyOutcome | 'nothing-to-count';

/** What the consumer read for an event: the credit facts' context and the station its order names. */
type ReadContext = EventContext & { orderStationId?: string };

async function contextOf(store: StoreContext, event: OrderCloudEvent, source: 'none' | 'order' | 'complaint'): Promise<ReadContext> {
  const { tenantId, orderId } = event.data;
  // Consistent reads: the event is published right after the write it reports.
  if (source === 'order') {
    const order = await ordersRepository(store).get(tenantId, orderId, true);
    if (!order) throw new UnreadableEventError(`event ${event.id}: its order is not in the table`);
    return { scheduledStart: order.schedule.start, workerId: order.workerId, orderStationId: order.stationId };
  }
  if (source === 'complaint') {
    const { complaintId } = orderEventData(event, 'order.open-complaint');
    const complaint = await complaintsRepository(store).get(tenantId, complaintId, true);
    if (!complaint || complaint.orderId !== orderId) throw new UnreadableEventError(`event ${event.id}: its complaint is not in the table`);
    return { complaintOpenedAt: complaint.openedAt, workerId: complaint.workerId };
  }
  return {};
}

export async function countOrderEvent(store: StoreContext, event: OrderCloudEvent, command: OrderEventCommand, options: ApplyOptions = {}): Promise<CountOutcome> {
  if (!isCreditFactCommand(command)) throw new UnreadableEventError(`event ${event.id}: ${event.type} moves no credit fact`);
  const { orderStationId, ...context } = await contextOf(store, event, CONTEXT_SOURCE[command]);
  const facts = eventFacts(event, command, context);
  const station = stationMonthDelta(event, command, orderStationId);
  const programme = orderEventCounted(event, command);
  if (!facts.enterprise && !facts.worker && !station && !programme) return 'nothing-to-count';
  return creditFactsRepository(store).applyEventFacts({ ...facts, ...(station ? { station } : {}), ...(programme ? { programme } : {}) }, options);
}
