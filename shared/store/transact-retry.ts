/** A transaction of side records (counters, samples) retried after conflicts like the traced write path. */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { sleep } from '../lib/backoff';
import type { StoreContext } from './client';
import { RETRY, retryPause } from './traced-write';
import { cancellationOf, type Cancellation } from './transaction-cancel';
import type { TransactItem } from './transact-items';

/**
 * One TransactWriteItems outside the traced write path, tried again after a transaction
 * conflict with the write path's jittered pauses (traced-write.ts RETRY). `answer` reads a
 * cancellation: a value ends the attempt with that answer (a guard that refused: a
 * duplicate, a key used already); undefined means "not mine", and anything but a conflict is
 * thrown. `busy` after the last attempt: safe to retry later.
 */
export async function transactRetryingConflicts<R>(
  { doc }: StoreContext,
  items: TransactItem[],
  answer: (cancel: Cancellation) => R | undefined,
  pause: (attempt: number) => Promise<unknown> = (attempt) => sleep(retryPause(attempt)),
): Promise<{ committed: true } | { answered: R } | { busy: true }> {
  for (let attempt = 1; attempt <= RETRY.attempts; attempt++) {
    if (attempt > 1) await pause(attempt);
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { committed: true };
    } catch (error) {
      const cancel = cancellationOf(error);
      if (!cancel) throw error;
      const answered = answer(cancel);
      if (answered !== undefined) return { answered };
      if (!cancel.conflicted) throw error;
    }
  }
  return { busy: true };
}
