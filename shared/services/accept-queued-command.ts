/**
 * The synchronous half every queued command shares (orders, training, claims): record the
 * command's event once under its Idempotency-Key, refuse a key reused for another request
 * (422), and put the message on the FIFO queue while the event is still `accepted`.
 *
 * Crash safety: the event record is written before the message is sent. If the function
 * dies in between, the caller got no 202 and retries with the same Idempotency-Key; the
 * retry finds the record and sends the message then. SQS FIFO deduplication (event id,
 * 5 minutes) and the consumer's `status = accepted` guard make a double send harmless.
 *
 * What differs per aggregate (how the subject is found, what is hashed, the message's
 * version and the name of its subject field) stays with the caller; the event record and
 * the message are built here, the message from the stored record, so a retry sends what
 * the first attempt recorded.
 */
import { sendCommandMessage, type CommandQueueClient } from '../events/command-queue';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { eventsRepository, type EventRecord } from '../store/events-repository';

export interface QueuedCommandDeps {
  store: StoreContext;
  sqs: CommandQueueClient;
  queueUrl: string;
  now?: () => Date;
}

/** A command as its service resolved it. */
export interface QueuedCommand {
  eventId: string;
  tenantId: string;
  type: string;
  subjectId: string;
  actor: EventRecord['actor'];
  requestHash: string;
  payload: unknown;
  /** The queue message's envelope: its version and the name of the subject field (orderId, workerId, claimId). */
  v: number;
  subjectField: string;
  /** Default: deps.now(), else the clock. */
  acceptedAt?: Date;
}

/** Returns the stored record (the fresh one, or the one an earlier attempt wrote). */
export async function acceptQueuedCommand(deps: QueuedCommandDeps, command: QueuedCommand): Promise<EventRecord> {
  const { eventId, tenantId, type, subjectId, actor, requestHash } = command;
  const fresh: EventRecord = {
    eventId,
    tenantId,
    type,
    subjectId,
    status: 'accepted',
    actor,
    requestHash,
    acceptedAt: (command.acceptedAt ?? deps.now?.() ?? new Date()).toISOString(),
  };
  const outcome = await eventsRepository(deps.store).accept(fresh);
  const record = outcome.created ? outcome.event : outcome.existing;
  if (record.requestHash !== requestHash) throw problems.idempotencyKeyReused();

  // Settled events need no message; an accepted one is (re)sent, because a previous attempt
  // may have stopped between the record and the send.
  if (record.status === 'accepted') {
    const message = {
      v: command.v,
      eventId,
      type,
      tenantId: record.tenantId,
      [command.subjectField]: record.subjectId,
      actor: record.actor,
      acceptedAt: record.acceptedAt,
      payload: command.payload,
    };
    await sendCommandMessage(deps.sqs, deps.queueUrl, message, record.subjectId, eventId);
  }
  return record;
}
