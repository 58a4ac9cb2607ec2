/**
 * Deletes the messages of a batch that succeeded. Deletion is what "processed" means to
 * SQS; a message not deleted comes back after its visibility timeout, so a failed delete
 * is retried a few times and then reported (the message will be delivered again: the
 * at-least-once delivery consumers must be idempotent against anyway).
 */
import { DeleteMessageBatchCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { sleep } from './backoff';

const MAX_PER_CALL = 10;
const ATTEMPTS = 3;

/** Returns the messageIds that could not be deleted, with why. */
export async function deleteMessages(client: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<string[]> {
  const problems: string[] = [];
  for (let i = 0; i < messages.length; i += MAX_PER_CALL) {
    let pending = messages.slice(i, i + MAX_PER_CALL);
    for (let attempt = 1; pending.length > 0; attempt++) {
      try {
        const out = await client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: pending.map((m, n) => ({ Id: `m${n}`, ReceiptHandle: m.ReceiptHandle })),
          }),
        );
        // Per-entry failures (e.g. an expired receipt handle) will not improve by retrying.
        for (const failed of out.Failed ?? []) {
          const message = pending[Number(failed.Id?.slice(1))];
          problems.push(`${message?.MessageId}: ${failed.Code} ${failed.Message ?? ''}`.trim());
        }
        pending = [];
      } catch (error) {
        if (attempt >= ATTEMPTS) {
          problems.push(...pending.map((m) => `${m.MessageId}: ${(error as Error).message}`));
          pending = [];
        } else {
          await sleep(100 * attempt);
        }
      }
    }
  }
  return problems;
}
