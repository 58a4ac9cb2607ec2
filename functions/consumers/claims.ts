/**
 * Claims consumer: applies queued claim commands — filings (coverage check), insurers'
 * decisions and payments. FIFO-aware partial batch responses (Powertools): a failed record
 * is reported with the rest of its message group (one claim), so a claim's commands keep
 * their order while other claims in the batch go through.
 *
 * A transient failure (throttling, conflicting writers) is retried in the invocation first
 * (shared/lib/transient-retry.ts): a failed record holds its claim's later commands back for
 * the queue's visibility timeout.
 *
 * The CloudEvent of an applied command is published after the commit, and again on a
 * duplicate delivery (rebuilt from what the event record keeps: same id, same bytes): at
 * least once. A not-covered filing and a rejected command publish nothing.
 */
import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { parseClaimCommandMessage } from '../../shared/events/claim-command';
import { publishEvents } from '../../shared/events/publisher';
import { handleCommandRecord } from '../../shared/lib/command-record';
import { withTransientRetry } from '../../shared/lib/transient-retry';
import { applyClaimCommand, UnprocessableClaimMessageError } from '../../shared/services/apply-claim-command';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();
const processor = new SqsFifoPartialProcessorAsync();

async function applyRecord(record: SQSRecord): Promise<void> {
  const message = parseClaimCommandMessage(record.body);
  if (!message) {
    // Never apply what we cannot read; failing it lets redrive move it to the DLQ for a human.
    throw new UnprocessableClaimMessageError(`message ${record.messageId} is not a claim command`);
  }
  // Ids and the outcome only: the filing's text is about people.
  const ids = { eventId: message.eventId, claimId: message.claimId, type: message.type, messageId: record.messageId };
  await handleCommandRecord('claim command', ids, async () => {
    const result = await withTransientRetry(() => applyClaimCommand(store, message));
    if ((result.outcome === 'applied' || result.outcome === 'duplicate') && result.cloudEvent) await publishEvents([result.cloudEvent]);
    return result.outcome;
  });
}

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, applyRecord, processor, {
    context,
    skipGroupOnError: true,
    throwOnFullBatchFailure: false,
  });
