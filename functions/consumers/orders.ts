/**
 * Orders consumer: applies queued order commands. FIFO-aware partial batch responses
 * (Powertools): a failed record is reported with the rest of its message group so the
 * group's order holds, while other groups in the batch go through.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseOrderCommandMessage } from '../../shared/events/order-command';
import { publishEvents } from '../../shared/events/publisher';
import { logger } from '../../shared/lib/logger';
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
  const result = await applyOrderCommand(store, message);
  // After the commit, and again on a duplicate: at least once, always the same event id.
  if (result.outcome !== 'rejected' && result.cloudEvent) await publishEvents([result.cloudEvent]);
  logger.info('order command', { eventId: message.eventId, orderId: message.orderId, type: message.type, outcome: result.outcome });
}

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, applyRecord, processor, {
    context,
    skipGroupOnError: true,
    throwOnFullBatchFailure: false,
  });
