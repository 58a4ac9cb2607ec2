/**
 * Pauses between retries, in one place.
 *
 * Full jitter: a random pause up to a cap that doubles per attempt (from `baseMs`, at most
 * `maxMs`), so a burst of retrying writers spreads out instead of colliding again in lockstep.
 * The write path's conflict retries and the consumers' transient retries pause this way.
 *
 * Equal jitter: half the doubled pause fixed, half random — for retrying what a service left
 * undone (EventBridge's failed entries, BatchGetItem's unprocessed keys), where a minimum
 * wait gives the service time to recover.
 */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** The pause before retry `attempt` (the n-th attempt waits up to baseMs × 2^(n-1)). */
export const fullJitterMs = (attempt: number, backoff: Backoff, random: () => number = Math.random): number =>
  random() * Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1));

/** The pause before retry `attempt` (1-based): baseMs × 2^(attempt-1), its upper half random. */
export const equalJitterMs = (attempt: number, baseMs: number, random: () => number = Math.random): number =>
  baseMs * 2 ** (attempt - 1) * (0.5 + random() / 2);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
