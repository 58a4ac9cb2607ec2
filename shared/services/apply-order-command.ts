/**
 * Applying a command (the asynchronous half, run by the orders consumer): load the order,
 * look up the facts its rules need, let the pure domain decide, then persist the new
 * state, its trace entry, the event's outcome and any side items in one transaction
 * (store/orders-repository.ts explains the guards).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { decide, traceEntryType, type DecisionFacts, type Order, type OrderCommandInput } from '../domain/order/order';
import type { OrderCommandMessage } from '../events/order-command';
import { canonicalHash } from '../lib/hash';
import type { StoreContext } from '../store/client';
import { complaintsRepository, openComplaintWrites, resolveComplaintWrites } from '../store/complaints-repository';
import { employmentRepository } from '../store/employment-repository';
import { assignmentLight, assignmentPolicy } from './certificate-assignment';
import { eventsRepository } from '../store/events-repository';
import { keys } from '../store/keys';
import { ordersRepository, type ExtraWrite, type StoredOrder } from '../store/orders-repository';
import { nextEntry } from '../trace/chain';
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

/** Thrown when another writer moved the order first; the record is retried with fresh state. */
export class ConcurrentUpdateError extends Error {}

async function factsFor(store: StoreContext, order: Order | undefined, command: OrderCommandInput): Promise<DecisionFacts> {
  switch (command.type) {
    case 'order.assign': {
      const { workerId } = command.payload;
      // Certificate check (issue 5): the light when the command was accepted, and the settings.
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
  const partition = keys.orderPartition(after.tenantId, after.orderId);
  switch (message.type) {
    case 'order.attendance':
      return [
        {
          Put: {
            TableName: tableName,
            Item: { pk: partition, sk: keys.attendanceSk(message.payload.date), ...message.payload, eventId: message.eventId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
    case 'order.rate': {
      const { stars } = message.payload;
      const rollUp = (key: { pk: string; sk: string }) => ({
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: 'ADD ratingCount :one, starsTotal :stars',
          ExpressionAttributeValues: { ':one': 1, ':stars': stars },
        },
      });
      return [
        {
          Put: {
            TableName: tableName,
            Item: { pk: partition, sk: keys.ratingSk(), ...message.payload, workerId: before?.workerId, at: message.acceptedAt, eventId: message.eventId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        rollUp(keys.tenantRatings(after.tenantId)),
        ...(before?.workerId ? [rollUp(keys.workerRatings(after.tenantId, before.workerId))] : []),
      ];
    }
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
    if (!(await events.reject(message.tenantId, message.eventId, decision.reason, at))) return settledByAnother();
    return { outcome: 'rejected', reason: decision.reason };
  }

  const entry = nextEntry(current?.traceHead, {
    eventId: message.eventId,
    type: traceEntryType(message.type),
    actor: message.actor,
    at: message.acceptedAt,
    payloadHash: canonicalHash(message.payload),
  });
  const order: StoredOrder = { ...decision.order, version: entry.seq, traceHead: { seq: entry.seq, hash: entry.hash } };
  // Built from the facts the settlement stores, exactly as a redelivery will rebuild it.
  const facts = orderTransitionFacts(event, { status: order.status, previousStatus: current?.status, entry, actorRole: message.actor.role });
  const cloudEvent = publishedOrderEvent({ ...event, seq: entry.seq, facts }, message.payload);
  try {
    await orders.applyTransition({
      order,
      previousVersion: current?.version,
      entry,
      eventId: message.eventId,
      appliedAt: at,
      facts,
      extra: sideWrites(store, current, order, message),
    });
    return { outcome: 'applied', order, previousStatus: current?.status, cloudEvent };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    // Reasons come in TransactItems order: [order, trace entry, event, ...side writes].
    const [orderReason, , eventReason] = error.CancellationReasons ?? [];
    if (eventReason?.Code === 'ConditionalCheckFailed') return settledByAnother();
    if (orderReason?.Code === 'ConditionalCheckFailed') throw new ConcurrentUpdateError('order changed underneath');
    throw error;
  }
}
