/**
 * Credit-facts consumer: counts order events (the bare CloudEvents the credit-facts rule
 * puts on its standard queue) into the monthly credit facts, once per event id
 * (services/credit-facts-events.ts). A record that cannot be read or counted fails alone
 * (Powertools' BatchProcessor reports it in `batchItemFailures`) and reaches the DLQ after
 * its retries; nothing unreadable is ever counted.
 *
 * Records are processed one after another: events of one enterprise and month all add to
 * the same item, and transactions running side by side on it would only conflict and retry.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { readOrderCloudEvent } from '../../shared/events/read-order-cloudevent';
import { logger } from '../../shared/lib/logger';
import { countOrderEvent } from '../../shared/services/credit-facts-events';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();
const processor = new BatchProcessor(EventType.SQS);

async function countRecord(record: SQSRecord): Promise<void> {
  try {
    const { event, command } = readOrderCloudEvent(record.body);
    const outcome = await countOrderEvent(store, event, command);
    // Ids and the outcome only: never the event's data.
    logger.info('credit facts', { eventId: event.id, type: event.type, orderId: event.subject, outcome });
  } catch (error) {
    // The reasons name ids, types and fields, never values of the message.
    logger.warn('credit facts refused', { messageId: record.messageId, error: (error as Error).name, reason: (error as Error).message });
    throw error;
  }
}

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, countRecord, processor, { context, processInParallel: false, throwOnFullBatchFailure: false });
