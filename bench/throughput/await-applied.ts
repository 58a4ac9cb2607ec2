/**
 * Waits until every accepted event is settled (applied or rejected), reading the event
 * records straight from DynamoDB Local with BatchGetItem, and says when the last one was
 * applied (its `appliedAt`, written by the consumer): so the end-to-end rate does not depend
 * on how often we poll. Polls back off, with a deadline.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from '../../shared/store/client';
import { keys } from '../../shared/store/keys';

export interface Settled {
  applied: number;
  rejected: number;
  pending: number;
  /** Epoch ms of the last appliedAt/rejectedAt seen. */
  lastSettledAt: number;
}

const BATCH = 100;

export async function awaitSettled(store: StoreContext, tenantId: string, eventIds: string[], deadlineMs: number): Promise<Settled> {
  let pending = [...eventIds];
  const out: Settled = { applied: 0, rejected: 0, pending: pending.length, lastSettledAt: 0 };
  let delay = 200;
  const deadline = Date.now() + deadlineMs;
  while (pending.length > 0 && Date.now() < deadline) {
    const still: string[] = [];
    for (let i = 0; i < pending.length; i += BATCH) {
      const chunk = pending.slice(i, i + BATCH);
      let request: Record<string, any> | undefined = {
        [store.tableName]: { Keys: chunk.map((id) => keys.event(tenantId, id)), ProjectionExpression: 'eventId, #s, appliedAt, rejectedAt', ExpressionAttributeNames: { '#s': 'status' } },
      };
      const seen = new Set<string>();
      while (request && Object.keys(request).length > 0) {
        const res: { Responses?: Record<string, Record<string, unknown>[]>; UnprocessedKeys?: Record<string, any> } = await store.doc.send(
          new BatchGetCommand({ RequestItems: request }),
        );
        for (const item of res.Responses?.[store.tableName] ?? []) {
          const status = item.status as string;
          if (status === 'accepted') continue;
          seen.add(item.eventId as string);
          if (status === 'applied') out.applied++;
          else out.rejected++;
          out.lastSettledAt = Math.max(out.lastSettledAt, Date.parse(String(item.appliedAt ?? item.rejectedAt)));
        }
        request = res.UnprocessedKeys;
      }
      still.push(...chunk.filter((id) => !seen.has(id)));
    }
    pending = still;
    if (pending.length > 0) {
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2_000);
    }
  }
  out.pending = pending.length;
  return out;
}
