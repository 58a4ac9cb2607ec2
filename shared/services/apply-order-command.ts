/**
 * Applying a command (the asynchronous half, run by the orders consumer): load the order,
 * let the pure domain decide, then persist the new state, its trace entry and the event's
 * outcome in one transaction (store/orders-repository.ts explains the guards).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { decide } from '../domain/order/order';
import type { OrderCommandMessage } from '../events/order-command';
import { canonicalHash } from '../lib/hash';
import type { StoreContext } from '../store/client';
import { eventsRepository } from '../store/events-repository';
import { ordersRepository, type StoredOrder } from '../store/orders-repository';
import { nextEntry } from '../trace/chain';

export type ApplyOutcome = 'applied' | 'rejected' | 'duplicate';

/** Thrown for a message that can never be applied; the record fails and ends in the DLQ. */
export class UnprocessableMessageError extends Error {}

/** Thrown when another writer moved the order first; the record is retried with fresh state. */
export class ConcurrentUpdateError extends Error {}

export async function applyOrderCommand(
  store: StoreContext,
  message: OrderCommandMessage,
  now: () => Date = () => new Date(),
): Promise<ApplyOutcome> {
  const events = eventsRepository(store);
  const orders = ordersRepository(store);

  const event = await events.get(message.tenantId, message.eventId);
  if (!event) throw new UnprocessableMessageError('no accepted event for this message');
  if (event.status !== 'accepted') return 'duplicate';
  // The event record is what the partner was answered; a message that disagrees with it
  // (another aggregate, another type, another body) was not produced by us.
  if (event.subjectId !== message.orderId || event.type !== message.type || event.requestHash !== canonicalHash(message.payload)) {
    throw new UnprocessableMessageError('message does not match its accepted event');
  }

  const current = await orders.get(message.tenantId, message.orderId, true);
  const decision = decide(current, {
    type: message.type,
    orderId: message.orderId,
    tenantId: message.tenantId,
    at: message.acceptedAt,
    payload: message.payload,
  });
  const at = now().toISOString();
  if (!decision.ok) {
    await events.reject(message.tenantId, message.eventId, decision.reason, at);
    return 'rejected';
  }

  const entry = nextEntry(current?.traceHead, {
    eventId: message.eventId,
    type: message.type,
    actor: message.actor,
    at: message.acceptedAt,
    payloadHash: canonicalHash(message.payload),
  });
  const order: StoredOrder = { ...decision.order, version: entry.seq, traceHead: { seq: entry.seq, hash: entry.hash } };
  try {
    await orders.applyTransition({ order, previousVersion: current?.version, entry, eventId: message.eventId, appliedAt: at });
    return 'applied';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    // Reasons come in TransactItems order: [order, trace entry, event].
    const [orderReason, , eventReason] = error.CancellationReasons ?? [];
    if (eventReason?.Code === 'ConditionalCheckFailed') return 'duplicate';
    if (orderReason?.Code === 'ConditionalCheckFailed') throw new ConcurrentUpdateError('order changed underneath');
    throw error;
  }
}
