/**
 * The programme's monthly order counters (docs/programme.md) for the seeded orders. The
 * credit-facts consumer moves `ordersCreated` and `servicesDelivered` as it counts an
 * order's events; the seeded orders are written straight into the table, so their counts
 * come from what the seeder adds up as it goes (credit-facts.ts: every order created, and
 * the served ones checked out, in their creation month) and are written with the
 * repository's own ADD update, outside a transaction: the same item moves the same way.
 *
 * ADD accumulates, so each write adds only what was seeded since the last one: the reads at
 * each size see that size's counters. A month's count is spread evenly over all the shards,
 * as a month of events with random ids spreads in expectation.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SHARDS, shardOf } from '../../shared/domain/programme/figures';
import type { StoreContext } from '../../shared/store/client';
import { programmeFiguresRepository } from '../../shared/store/programme-figures-repository';
import { runPool } from '../lib/pool';
import { apportion } from './population';
import type { MonthlyFacts } from './credit-facts';

type OrderCounts = { ordersCreated: number; servicesDelivered: number };

/** One counted id per shard (the repository picks the shard from the id). */
const SHARD_IDS: string[] = (() => {
  const ids: string[] = new Array(SHARDS);
  for (let n = 0, found = 0; found < SHARDS; n++) {
    const id = `bench-orders-${n}`;
    const shard = shardOf(id);
    if (ids[shard] === undefined) {
      ids[shard] = id;
      found++;
    }
  }
  return ids;
})();

export class ProgrammeCounters {
  /** What has been written so far, per month. */
  private readonly written = new Map<string, OrderCounts>();

  constructor(private readonly store: StoreContext) {}

  /** Adds what the seeded orders have counted since the last call; returns the updates sent. */
  async writeNew(facts: MonthlyFacts, concurrency: number): Promise<number> {
    const totals = new Map<string, OrderCounts>();
    for (const { period, counters } of facts.months()) {
      const month = totals.get(period) ?? { ordersCreated: 0, servicesDelivered: 0 };
      month.ordersCreated += counters.ordersCreated ?? 0;
      month.servicesDelivered += counters.ordersCompleted ?? 0;
      totals.set(period, month);
    }
    const repo = programmeFiguresRepository(this.store);
    const updates: ReturnType<typeof repo.update>[] = [];
    for (const [month, total] of totals) {
      const before = this.written.get(month) ?? { ordersCreated: 0, servicesDelivered: 0 };
      const created = apportion(total.ordersCreated - before.ordersCreated, Array(SHARDS).fill(1));
      const delivered = apportion(total.servicesDelivered - before.servicesDelivered, Array(SHARDS).fill(1));
      for (let shard = 0; shard < SHARDS; shard++) {
        const counters = { ...(created[shard] ? { ordersCreated: created[shard]! } : {}), ...(delivered[shard] ? { servicesDelivered: delivered[shard]! } : {}) };
        if (Object.keys(counters).length > 0) updates.push(repo.update({ month, countedId: SHARD_IDS[shard]!, counters }));
      }
      this.written.set(month, total);
    }
    await runPool(updates.length, concurrency, async (i) => void (await this.store.doc.send(new UpdateCommand(updates[i]!.Update as ConstructorParameters<typeof UpdateCommand>[0]))));
    return updates.length;
  }

  /** What has been written for the months of `year` (`YYYY`). */
  yearTotals(year: string): OrderCounts {
    const sum = { ordersCreated: 0, servicesDelivered: 0 };
    for (const [month, c] of this.written) {
      if (!month.startsWith(`${year}-`)) continue;
      sum.ordersCreated += c.ordersCreated;
      sum.servicesDelivered += c.servicesDelivered;
    }
    return sum;
  }
}
