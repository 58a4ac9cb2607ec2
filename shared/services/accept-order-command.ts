/**
 * Accepting a command (the synchronous half): record it once under its idempotency key,
 * put it on the orders FIFO queue, answer 202. Nothing is applied here; the consumer does
 * that (services/apply-order-command.ts).
 *
 * Crash safety: the event record is written before the message is sent. If the function
 * dies in between, the partner got no 202 and retries with the same Idempotency-Key; the
 * retry finds the record (same event id, same order id) and sends the message then. SQS
 * FIFO deduplication (event id, 5 minutes) and the consumer's `status = accepted` guard
 * make a double send harmless.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Caller } from '../auth/roles';
import { COMMAND_MESSAGE_VERSION, type OrderCommandMessage } from '../events/order-command';
import { canonicalHash } from '../lib/hash';
import { commandEventId, newOrderId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { CreateOrderRequest } from '../schemas/order';
import type { StoreContext } from '../store/client';
import { eventsRepository, type EventRecord } from '../store/events-repository';

export interface AcceptDeps {
  store: StoreContext;
  sqs: SQSClient;
  queueUrl: string;
  now?: () => Date;
}

export interface Accepted {
  orderId: string;
  eventId: string;
  status: 'accepted';
}

export async function acceptCreateOrder(
  deps: AcceptDeps,
  caller: Caller,
  idempotencyKey: string,
  request: CreateOrderRequest,
): Promise<Accepted> {
  const eventId = commandEventId(caller.tenantId, idempotencyKey);
  const requestHash = canonicalHash(request);
  const fresh: EventRecord = {
    eventId,
    tenantId: caller.tenantId,
    type: 'order.create',
    subjectId: newOrderId(),
    status: 'accepted',
    actor: { tenantId: caller.tenantId, role: caller.role, keyId: caller.keyId },
    requestHash,
    acceptedAt: (deps.now?.() ?? new Date()).toISOString(),
  };
  const outcome = await eventsRepository(deps.store).accept(fresh);
  const record = outcome.created ? outcome.event : outcome.existing;
  if (record.requestHash !== requestHash || record.type !== fresh.type) throw problems.idempotencyKeyReused();

  // Settled events need no message; an accepted one is (re)sent, because a previous attempt
  // may have stopped between the record and the send.
  if (record.status === 'accepted') {
    const message: OrderCommandMessage = {
      v: COMMAND_MESSAGE_VERSION,
      eventId,
      type: 'order.create',
      tenantId: record.tenantId,
      orderId: record.subjectId,
      actor: record.actor,
      acceptedAt: record.acceptedAt,
      payload: request,
    };
    await deps.sqs.send(
      new SendMessageCommand({
        QueueUrl: deps.queueUrl,
        MessageBody: JSON.stringify(message),
        MessageGroupId: record.subjectId,
        MessageDeduplicationId: eventId,
      }),
    );
  }
  return { orderId: record.subjectId, eventId, status: 'accepted' };
}
