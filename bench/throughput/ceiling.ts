/**
 * The ceiling for end-to-end applies: the same number of the consumer's transactions
 * (order + trace entry + event update, captured from the real services, lib/captured-create.ts)
 * sent straight to the same DynamoDB Local at the same concurrency. Their event records are
 * written first (untimed), as the create function would have, so every condition holds.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { StoreContext } from '../../shared/store/client';
import { batchPut } from '../lib/batch-write';
import { captureCreate, type CapturedCreate } from '../lib/captured-create';
import { orderRequest, prng } from '../lib/order-requests';
import { runPool } from '../lib/pool';
import { progress } from '../lib/progress';

export interface CeilingResult {
  transactions: number;
  perSecond: number;
  failures: number;
  /** CPU seconds the timed sends cost (`cpu` read before and after them). */
  cpuSeconds: number;
}

export async function measureCeiling(
  store: StoreContext,
  tenantId: string,
  count: number,
  concurrency: number,
  seed: number,
  cpu: () => number,
): Promise<CeilingResult> {
  const random = prng(seed);
  const captured: CapturedCreate[] = [];
  for (let i = 0; i < count; i++) captured.push(await captureCreate(store.tableName, tenantId, `ceiling-${randomUUID()}`, orderRequest(random, i)));
  await batchPut(store, captured.map((c) => c.acceptedEvent));

  const bar = progress(`ceiling c=${concurrency}`, count);
  let failures = 0;
  const cpuAtStart = cpu();
  const started = performance.now();
  await runPool(count, concurrency, async (i) => {
    try {
      await store.doc.send(new TransactWriteCommand(captured[i]!.transaction as never));
    } catch {
      failures++;
    }
    bar.tick();
  });
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpu() - cpuAtStart;
  bar.done();
  return { transactions: count, perSecond: count / seconds, failures, cpuSeconds };
}
