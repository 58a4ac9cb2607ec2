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
 * shape) stays with the caller; the message is built from the stored record, so a retry
 * sends what the first attempt recorded.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { eventsRepository, type EventRecord } from '../store/events-repository';

export interface QueuedCommandDeps {
  store: StoreContext;
  sqs: SQSClient;
  queueUrl: string;
  now?: () => Date;
}

/** Returns the stored record (the fresh one, or the one an earlier attempt wrote). */
export async function acceptQueuedCommand(
  deps: QueuedCommandDeps,
  fresh: EventRecord,
  messageOf: (record: EventRecord) => object,
): Promise<EventRecord> {
  const outcome = await eventsRepository(deps.store).accept(fresh);
  const record = outcome.created ? outcome.event : outcome.existing;
  if (record.requestHash !== fresh.requestHash) throw problems.idempotencyKeyReused();

  // Settled events need no message; an accepted one is (re)sent, because a previous attempt
  // may have stopped between the record and the send.
  if (record.status === 'accepted') {
    await deps.sqs.send(
      new SendMessageCommand({
        QueueUrl: deps.queueUrl,
        MessageBody: JSON.stringify(messageOf(record)),
        // One subject's commands apply in order; the event id makes a re-send a no-op.
        MessageGroupId: record.subjectId,
        MessageDeduplicationId: fresh.eventId,
      }),
    );
  }
  return record;
}
