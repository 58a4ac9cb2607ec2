/**
 * Orders consumer: applies queued order commands. FIFO-aware partial batch responses
 * (Powertools): a failed record is reported with the rest of its message group so the
 * group's order holds, while other groups in the batch go through. A transient failure
 * (throttling, conflicting writers) is retried in the invocation first (shared/lib/
 * transient-retry.ts): a failed record would hold its order's later commands back for the
 * queue's visibility timeout.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseOrderCommandMessage } from '../../shared/events/order-command';
import { publishEvents } from '../../shared/events/publisher';
import { handleCommandRecord } from '../../shared/lib/command-record';
import { withTransientRetry } from '../../shared/lib/transient-retry';
import { applyOrderCommand, UnprocessableMessageError } from '../../shared/services/apply-order-command';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();
const processor = new SqsFifoPartialProcessorAsync();

async function applyRecord(record: SQSRecord): Promise<void> {
  const message = parseOrderCommandMessage(record.body);
  if (!message) {
    // Never apply what we cannot read; failing it lets redrive move it to the DLQ for a human.
    throw new UnprocessableMessageError(`message ${record.messageId} is not an order command`);
  }
  const ids = { eventId: message.eventId, orderId: message.orderId, type: message.type, messageId: record.messageId };
  await handleCommandRecord('order command', ids, async () => {
    // Applying again is safe: a command already applied answers `duplicate` (its event id).
    const result = await withTransientRetry(() => applyOrderCommand(store, message));
    // After the commit, and again on a duplicate: at least once, always the same event id.
    if (result.outcome !== 'rejected' && result.cloudEvent) await publishEvents([result.cloudEvent]);
    return result.outcome;
  });
}

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, applyRecord, processor, {
    context,
    skipGroupOnError: true,
    throwOnFullBatchFailure: false,
  });
