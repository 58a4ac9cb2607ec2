/**
 * Accepting a command (the synchronous half): record it once under its idempotency key,
 * put it on the orders FIFO queue, answer 202. Nothing is applied here; the consumer does
 * that (services/apply-order-command.ts).
 *
 * Crash safety (services/accept-queued-command.ts): the event record is written before the
 * message is sent; a retry with the same Idempotency-Key finds the record (same event id,
 * same order id) and sends the message then.
 */
import { COMMAND_MESSAGE_VERSION, type Actor } from '../events/order-command';
import { commandHash, type CommandRequest } from '../events/command-request';
import { commandEventId, newOrderId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { CommandPayload } from '../schemas/order-commands';
import { ordersRepository } from '../store/orders-repository';
import { acceptQueuedCommand, type QueuedCommandDeps } from './accept-queued-command';

export type AcceptDeps = QueuedCommandDeps;

export interface Accepted {
  orderId: string;
  eventId: string;
  status: 'accepted';
}

/**
 * `tenantId` is the tenant whose order the command addresses: the actor's own, except when
 * an admin acts for a tenant (complaints), where the actor stays the admin on the trace.
 */
export async function acceptOrderCommand(
  deps: AcceptDeps,
  actor: Actor,
  idempotencyKey: string,
  request: CommandRequest,
  tenantId: string = actor.tenantId,
): Promise<Accepted> {
  // Commands on an existing order answer 404 at once when the tenant has no such order,
  // so another tenant's order is indistinguishable from a missing one.
  if (request.orderId !== undefined && !(await ordersRepository(deps.store).get(tenantId, request.orderId))) {
    throw problems.notFound('Order');
  }
  const eventId = commandEventId(tenantId, idempotencyKey);
  const requestHash = commandHash(request);
  const record = await acceptQueuedCommand(deps, {
    eventId,
    tenantId,
    type: request.type,
    subjectId: request.orderId ?? newOrderId(),
    actor,
    requestHash,
    payload: request.payload,
    v: COMMAND_MESSAGE_VERSION,
    subjectField: 'orderId',
  });
  return { orderId: record.subjectId, eventId, status: 'accepted' };
}

/** POST /v1/orders: a new order. */
export const acceptCreateOrder = (deps: AcceptDeps, actor: Actor, idempotencyKey: string, payload: CommandPayload<'order.create'>) =>
  acceptOrderCommand(deps, actor, idempotencyKey, { type: 'order.create', payload });
