/**
 * Retries work that failed for a transient reason (throttled past the SDK's own retries, or a
 * traced write that kept meeting conflicting writers), a few times with a jittered pause, before
 * the failure is let through.
 *
 * Why a queue consumer wants this on top of SQS's redelivery: a record it reports failed comes
 * back only after the queue's visibility timeout (6 × the consumer's timeout: minutes), and on a
 * FIFO queue every later command of the same message group waits behind it. A moment's
 * capacity shortage should cost the command a second, not minutes. Only transient failures
 * are retried here: a message that cannot be applied fails at once and heads for its DLQ.
 */
import { TracedWriteConflict } from '../store/traced-write-conflict';
import { fullJitterMs, sleep } from './backoff';
import { isThrottling } from './throttling';

export const TRANSIENT_RETRY = { attempts: 4, baseMs: 200, maxMs: 2_000 } as const;

export function isTransient(error: unknown): boolean {
  return error instanceof TracedWriteConflict || isThrottling(error);
}

/** Runs `work`; on a transient failure runs it again (at most TRANSIENT_RETRY.attempts in all). `work` must be idempotent. */
export async function withTransientRetry<T>(work: () => Promise<T>, random: () => number = Math.random): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= TRANSIENT_RETRY.attempts || !isTransient(error)) throw error;
      await sleep(fullJitterMs(attempt, TRANSIENT_RETRY, random));
    }
  }
}
