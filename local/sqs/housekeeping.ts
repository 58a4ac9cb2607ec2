/**
 * Background chores, on one unref'd timer: drop messages past their retention period and
 * deduplication records past their 5 minutes (both journaled, so a replay agrees), and
 * compact the journal once it has grown. Receives also drop expired messages they meet,
 * so correctness never waits for this timer; it only keeps counts and memory tidy.
 */
import type { ServiceContext } from './context';
import type { Journal } from './journal';
import { expiredMessageIds } from './message-state';
import type { Op } from './types';

const INTERVAL_MS = 1000;
const COMPACT_AFTER_BYTES = 8 * 1024 * 1024;

export function startHousekeeping(ctx: ServiceContext, journal: Journal | undefined): () => void {
  const timer = setInterval(() => {
    try {
      sweep(ctx);
      if (journal && journal.pendingBytes > COMPACT_AFTER_BYTES) journal.compact(ctx.state);
    } catch (err) {
      ctx.log(`sqs: housekeeping failed: ${(err as Error).stack ?? String(err)}`);
    }
  }, INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

export function sweep(ctx: ServiceContext): void {
  const now = ctx.now();
  const ops: Op[] = [];
  for (const q of ctx.state.queues.values()) {
    const ids = expiredMessageIds(q, now);
    if (ids.length > 0) ops.push({ op: 'expire', q: q.name, ids });
    const keys = [...q.dedup].filter(([, r]) => r.expiresAt <= now).map(([k]) => k);
    if (keys.length > 0) ops.push({ op: 'dropDedup', q: q.name, keys });
  }
  ctx.commit(ops);
}
