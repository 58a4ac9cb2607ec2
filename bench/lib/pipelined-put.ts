/**
 * Bulk seeding as a pipeline: this process produces the items of one unit after another
 * (an order, a worker: the real services and repositories cost CPU per unit) while
 * `concurrency` writers send the previous ones to DynamoDB Local, 25 a BatchWriteItem,
 * instead of taking turns with its JVM.
 */
import type { StoreContext } from '../../shared/store/client';
import { batchPut } from './batch-write';
import { progress } from './progress';

type Item = Record<string, unknown>;

/** Seconds it took to produce and write the items of units 0 … count − 1. */
export async function pipelinedPut(
  store: StoreContext,
  opts: { count: number; concurrency: number; label: string },
  produce: (index: number) => Promise<Item[]>,
): Promise<number> {
  const started = Date.now();
  const bar = progress(opts.label, opts.count);
  // Each batch says how many units it completes, so the bar counts units written.
  const ready: { items: Item[]; units: number }[] = [];
  let producing = true;
  const producer = async () => {
    let batch: { items: Item[]; units: number } = { items: [], units: 0 };
    try {
      for (let i = 0; i < opts.count; i++) {
        while (ready.length >= opts.concurrency * 4) await new Promise((r) => setTimeout(r, 2));
        for (const item of await produce(i)) {
          if (batch.items.length === 25) {
            ready.push(batch);
            batch = { items: [], units: 0 };
            // Let the writers' responses in between batches.
            await new Promise((r) => setImmediate(r));
          }
          batch.items.push(item);
        }
        batch.units++;
      }
      if (batch.items.length > 0 || batch.units > 0) ready.push(batch);
    } finally {
      // A unit that failed ends the pipeline (its error is thrown below), it never hangs it.
      producing = false;
    }
  };
  const writer = async () => {
    while (producing || ready.length > 0) {
      const batch = ready.shift();
      if (!batch) {
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      if (batch.items.length > 0) await batchPut(store, batch.items);
      bar.tick(batch.units);
    }
  };
  await Promise.all([producer(), ...Array.from({ length: opts.concurrency }, writer)]);
  bar.done();
  return (Date.now() - started) / 1000;
}
