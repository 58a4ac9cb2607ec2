/**
 * Applying a command (the asynchronous half, run by the orders consumer): load the order,
 * look up the facts its rules need, let the pure domain decide, then persist the new
 * state, its trace entry, the event's outcome and any side items through the traced write
 * path (store/traced-write.ts explains the guards and the retries).
 */
import { decide, traceEntryType, type DecisionFacts, type Order, type OrderCommandInput } from '../domain/order/order';
import type { OrderCommandMessage } from '../events/order-command';
import type { StoreContext } from '../store/client';
import { complaintsRepository, openComplaintWrites, resolveComplaintWrites } from '../store/complaints-repository';
import { employmentRepository } from '../store/employment-repository';
import { assignmentLight, assignmentPolicy } from './certificate-assignment';
import { eventsRepository } from '../store/events-repository';
import { keys } from '../store/keys';
import { ordersRepository, type ExtraWrite, type StoredOrder } from '../store/orders-repository';
import { ratingsRepository } from '../store/ratings-repository';
import { commandEntry, tracedStoreOf, writeTraced, type Plan, type Stamp } from '../store/traced-write';
import type { OrderCloudEvent } from '../events/order-cloudevent';
import { commandHash, type CommandRequest } from '../events/command-request';
import { orderTransitionFacts, publishedOrderEvent, republishedOrderEvent } from './published-order-event';

/**
 * `cloudEvent` is what downstream consumers get for an applied command; a duplicate returns
 * it rebuilt from the facts stored with the event (services/published-order-event.ts), so a
 * redelivery re-publishes the very same event (at least once, same id, same bytes) — e.g.
 * when publishing failed after the transaction committed.
 */
export type ApplyOutcome =
  | { outcome: 'applied'; order: StoredOrder; previousStatus?: string; cloudEvent: OrderCloudEvent }
  | { outcome: 'rejected'; reason: string }
  | { outcome: 'duplicate'; cloudEvent?: OrderCloudEvent };

/** Thrown for a message that can never be applied; the record fails and ends in the DLQ. */
export class UnprocessableMessageError extends Error {}

async function factsFor(store: StoreContext, order: Order | undefined, command: OrderCommandInput): Promise<DecisionFacts> {
  switch (command.type) {
    case 'order.assign': {
      const { workerId } = command.payload;
      // Certificate check: the light when the command was accepted, and the settings.
      const [workerEmployed, certificateLight] = await Promise.all([
        employmentRepository(store).isCurrent(command.tenantId, workerId),
        assignmentLight(store, workerId, new Date(command.at)),
      ]);
      return { workerEmployed, certificateLight, assignmentPolicy: assignmentPolicy() };
    }
    case 'order.attendance':
      return {
        attendanceRecorded: await ordersRepository(store).hasItem({
          pk: keys.orderPartition(command.tenantId, command.orderId),
          sk: keys.attendanceSk(command.payload.date),
        }),
      };
    case 'order.open-complaint':
    case 'order.resolve-complaint': {
      const complaint = await complaintsRepository(store).get(command.tenantId, command.payload.complaintId, true);
      return { complaint: complaint && { orderId: complaint.orderId, status: complaint.status } };
    }
    default:
      return {};
  }
}

/** Items written with the order in the same transaction. */
function sideWrites(store: StoreContext, before: Order | undefined, after: StoredOrder, message: OrderCommandMessage): ExtraWrite[] {
  const { tableName } = store;
  switch (message.type) {
    case 'order.attendance':
      return [ordersRepository(store).attendancePut(after.tenantId, after.orderId, { ...message.payload, eventId: message.eventId })];
    case 'order.rate':
      return ratingsRepository(store).ratingWrites(after.tenantId, after.orderId, {
        ...message.payload,
        ...(before?.workerId ? { workerId: before.workerId } : {}),
        at: message.acceptedAt,
        eventId: message.eventId,
      });
    case 'order.open-complaint':
      return openComplaintWrites(tableName, {
        ...message.payload,
        tenantId: after.tenantId,
        orderId: after.orderId,
        status: 'open',
        openedAt: message.acceptedAt,
        openedBy: message.actor,
        openEventId: message.eventId,
        ...(before?.workerId ? { workerId: before.workerId } : {}),
      });
    case 'order.resolve-complaint':
      return resolveComplaintWrites(tableName, after.tenantId, message.payload.complaintId, {
        resolution: message.payload.resolution,
        note: message.payload.note,
        resolvedAt: message.acceptedAt,
        resolvedBy: message.actor,
        resolveEventId: message.eventId,
      });
    default:
      return [];
  }
}

export async function applyOrderCommand(
  store: StoreContext,
  message: OrderCommandMessage,
  now: () => Date = () => new Date(),
): Promise<ApplyOutcome> {
  const events = eventsRepository(store);
  const orders = ordersRepository(store);

  const event = await events.get(message.tenantId, message.eventId);
  if (!event) throw new UnprocessableMessageError('no accepted event for this message');
  // The event record is what the caller was answered; a message that disagrees with it
  // (another aggregate, another type, another body) was not produced by us. Checked before
  // a duplicate is answered too: its event is rebuilt with the message's payload.
  const request = {
    type: message.type,
    orderId: message.type === 'order.create' ? undefined : message.orderId,
    payload: message.payload,
  } as CommandRequest;
  if (event.subjectId !== message.orderId || event.type !== message.type || event.requestHash !== commandHash(request)) {
    throw new UnprocessableMessageError('message does not match its accepted event');
  }
  if (event.status !== 'accepted') return { outcome: 'duplicate', cloudEvent: republishedOrderEvent(event, message.payload) };
  // A concurrent delivery may settle the event after the read above (the reject or the
  // transaction below then finds it settled): answer with what that delivery published.
  const settledByAnother = async (): Promise<ApplyOutcome> => {
    const settled = await events.get(message.tenantId, message.eventId, true);
    return { outcome: 'duplicate', cloudEvent: settled && republishedOrderEvent(settled, message.payload) };
  };

  const plan = async (): Promise<Plan<ApplyOutcome>> => {
    const current = await orders.get(message.tenantId, message.orderId, true);
    const command = {
      type: message.type,
      orderId: message.orderId,
      tenantId: message.tenantId,
      at: message.acceptedAt,
      payload: message.payload,
    } as OrderCommandInput;
    const decision = decide(current, command, await factsFor(store, current, command));
    const at = now().toISOString();
    if (!decision.ok) {
      if (!(await events.reject(message.tenantId, message.eventId, decision.reason, at))) return { done: await settledByAnother() };
      return { done: { outcome: 'rejected', reason: decision.reason } };
    }
    const stored = (stamp: Stamp): StoredOrder => ({ ...decision.order, version: stamp.version, traceHead: stamp.traceHead });
    // Built from the facts the settlement stores, exactly as a redelivery will rebuild it.
    const factsOf = (stamp: Stamp) =>
      orderTransitionFacts(event, { status: decision.order.status, previousStatus: current?.status, entry: stamp.entries[0]!, actorRole: message.actor.role });
    return {
      before: current,
      entries: [commandEntry(message, traceEntryType(message.type), message.payload)],
      write: (stamp) => {
        const order = stored(stamp);
        return {
          ...orders.record(order),
          event: { settle: { tenantId: message.tenantId, eventId: message.eventId, at, facts: factsOf(stamp) } },
          side: sideWrites(store, current, order, message),
        };
      },
      result: (stamp) => ({
        outcome: 'applied',
        order: stored(stamp),
        previousStatus: current?.status,
        cloudEvent: publishedOrderEvent({ ...event, seq: stamp.version, facts: factsOf(stamp) }, message.payload),
      }),
      onEventSettled: settledByAnother,
    };
  };
  return writeTraced(tracedStoreOf(store), plan);
}
