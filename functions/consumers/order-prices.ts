/**
 * Order-prices consumer: each order's `created` CloudEvent (the order-prices rule puts
 * only those on its standard queue) becomes one price sample of the wage survey, once per
 * order (services/order-price-samples.ts). A record that cannot be read fails alone
 * (`batchItemFailures`) and reaches the DLQ after its retries; nothing unreadable is sampled.
 * Records are independent items, so they are written side by side.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { readOrderCloudEvent } from '../../shared/events/read-order-cloudevent';
import { logger } from '../../shared/lib/logger';
import { samplePrice } from '../../shared/services/order-price-samples';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();
const processor = new BatchProcessor(EventType.SQS);

async function sampleRecord(record: SQSRecord): Promise<void> {
  try {
    const { event, command } = readOrderCloudEvent(record.body);
    const outcome = await samplePrice(store, event, command);
    // Ids and the outcome only: never the price.
    logger.info('order price', { eventId: event.id, orderId: event.subject, outcome });
  } catch (error) {
    logger.warn('order price refused', { messageId: record.messageId, error: (error as Error).name, reason: (error as Error).message });
    throw error;
  }
}

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, sampleRecord, processor, { context, processInParallel: true, throwOnFullBatchFailure: false });
