/**
 * Training consumer: applies queued training commands to the workers' records and the
 * bases' yearly counters. FIFO-aware partial batch responses (Powertools): a failed record
 * is reported with the rest of its message group (one worker), so that worker's records
 * keep their order while other workers in the batch go through.
 *
 * A transient failure (throttling, conflicting writers) is retried in the invocation first
 * (shared/lib/transient-retry.ts): a failed record holds the worker's later records back for
 * the queue's visibility timeout.
 *
 * An exam result may complete what a certificate needs: the certificate is refreshed after
 * the commit and again on a duplicate delivery (services/worker-certificate.ts), so a
 * failure there fails the record and its redelivery refreshes again.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseTrainingCommandMessage } from '../../shared/events/training-command';
import { handleCommandRecord } from '../../shared/lib/command-record';
import { withTransientRetry } from '../../shared/lib/transient-retry';
import { applyTrainingCommand, UnprocessableTrainingMessageError } from '../../shared/services/apply-training-command';
import { refreshCertificate } from '../../shared/services/worker-certificate';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();
const processor = new SqsFifoPartialProcessorAsync();

async function applyRecord(record: SQSRecord): Promise<void> {
  const message = parseTrainingCommandMessage(record.body);
  if (!message) {
    // Never apply what we cannot read; failing it lets redrive move it to the DLQ for a human.
    throw new UnprocessableTrainingMessageError(`message ${record.messageId} is not a training command`);
  }
  // Ids and the outcome only: the payload is about a person.
  const ids = { eventId: message.eventId, workerId: message.workerId, type: message.type, messageId: record.messageId };
  await handleCommandRecord('training command', ids, async () => {
    const result = await withTransientRetry(() => applyTrainingCommand(store, message));
    if (message.type === 'training.exam-result' && result.outcome !== 'rejected') await refreshCertificate(store, message.workerId);
    return result.outcome;
  });
}

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, applyRecord, processor, {
    context,
    skipGroupOnError: true,
    throwOnFullBatchFailure: false,
  });
