/**
 * What the SQS poller deletes after an invocation: Lambda's rules for a batch, as AWS
 * documents them in "Handling errors for an SQS event source in Lambda"
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html,
 * section "Implementing partial batch responses" / "Success and failure conditions"):
 *
 * - Without ReportBatchItemFailures: a successful invocation deletes the whole batch (the
 *   response is ignored); a function error deletes nothing, and every message returns
 *   after the visibility timeout.
 * - With ReportBatchItemFailures, the batch is a complete SUCCESS when the function
 *   returns an empty batchItemFailures list, a null batchItemFailures list, an empty
 *   EventResponse, or a null EventResponse.
 * - It is a complete FAILURE (nothing deleted) when the function errors, returns an invalid
 *   JSON response, an empty-string itemIdentifier, a null itemIdentifier, an
 *   itemIdentifier with a bad key name, or an itemIdentifier value with a message ID that
 *   doesn't exist in the batch.
 * - Otherwise, every message not listed in batchItemFailures is deleted.
 *
 * FIFO queues: the function must report, after the first failure, every later message of
 * the same group as failed too (Powertools' SqsFifoPartialProcessor does). Lambda does not
 * infer that; neither does this poller — it follows the response.
 */
import type { InvokeResult } from '../lambda';

export type BatchOutcome =
  | { kind: 'success'; deleteIds: string[]; failedIds: [] }
  | { kind: 'partial'; deleteIds: string[]; failedIds: string[] }
  | { kind: 'failure'; deleteIds: []; failedIds: string[]; reason: string };

const failure = (messageIds: readonly string[], reason: string): BatchOutcome => ({
  kind: 'failure',
  deleteIds: [],
  failedIds: [...messageIds],
  reason,
});

const success = (messageIds: readonly string[]): BatchOutcome => ({ kind: 'success', deleteIds: [...messageIds], failedIds: [] });

export function settleBatch(
  result: InvokeResult,
  messageIds: readonly string[],
  reportBatchItemFailures: boolean,
): BatchOutcome {
  if (!result.ok) {
    const kind = result.timedOut ? 'timed out' : 'function error';
    return failure(messageIds, `${kind}: ${result.error.errorType}: ${result.error.errorMessage}`);
  }
  if (!reportBatchItemFailures) return success(messageIds);

  const response = result.result;
  // Null EventResponse (a handler that returns nothing) → complete success.
  if (response === null || response === undefined) return success(messageIds);
  // Anything but a JSON object cannot carry batchItemFailures: "invalid JSON response".
  if (typeof response !== 'object' || Array.isArray(response)) {
    return failure(messageIds, `invalid partial-batch response ${describe(response)} (expected an object)`);
  }
  const failures = (response as Record<string, unknown>).batchItemFailures;
  // Empty EventResponse ({}) or a null batchItemFailures list → complete success.
  if (failures === null || failures === undefined) return success(messageIds);
  if (!Array.isArray(failures)) {
    return failure(messageIds, `batchItemFailures is ${describe(failures)}, not a list`);
  }
  if (failures.length === 0) return success(messageIds);

  const known = new Set(messageIds);
  const failedIds = new Set<string>();
  for (const item of failures) {
    const id = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).itemIdentifier : undefined;
    if (typeof id !== 'string' || id === '') {
      return failure(messageIds, `batchItemFailures entry ${describe(item)} has no usable itemIdentifier`);
    }
    if (!known.has(id)) {
      return failure(messageIds, `itemIdentifier ${JSON.stringify(id)} is not a messageId of this batch`);
    }
    failedIds.add(id);
  }
  return {
    kind: 'partial',
    deleteIds: messageIds.filter((id) => !failedIds.has(id)),
    failedIds: messageIds.filter((id) => failedIds.has(id)),
  };
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
