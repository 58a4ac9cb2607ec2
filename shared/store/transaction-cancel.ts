/**
 * Reading a cancelled write transaction. DynamoDB gives one reason per item, in the order
 * the items were sent, so a repository (or service) can tell which part of its transaction
 * refused: its own version guard, the event's `accepted` guard, or a side item.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

export interface Cancellation {
  /** Whether the condition of the item at `index` refused. */
  conditionFailedAt(index: number): boolean;
  /** The first item whose condition refused; -1 when none did. */
  firstConditionFailed: number;
  /** Another transaction was writing the same items at the same time. */
  conflicted: boolean;
}

/** The cancellation behind `error`; undefined for any other error, which callers rethrow. */
export function cancellationOf(error: unknown): Cancellation | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  return {
    conditionFailedAt: (index) => reasons[index]?.Code === 'ConditionalCheckFailed',
    firstConditionFailed: reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed'),
    conflicted: reasons.some((r) => r.Code === 'TransactionConflict'),
  };
}

