/**
 * The programme's monthly counters (access patterns 81–82, docs/programme.md): one item
 * per shard and month, moved with `ADD` inside the transaction of the write that is
 * counted — an enterprise's onboarding, a worker's registration, a training record, a
 * certificate coming into or out of force, a credit grade, and (in the credit-facts
 * consumer, under the event's marker) an order created or checked out. So a count happens
 * exactly when its write commits, and never twice.
 */
import { SHARDS, shardOf, type MonthShard, type ProgrammeDelta } from '../domain/programme/figures';
import type { StoreContext } from './client';
import { addCountersUpdate } from './counter-update';
import { keys } from './keys';
import { queryPartitionBetween } from './partition-query';
import type { TransactItem } from './transact-items';

const FIRST_MONTH = '0000-01';
const NAMING = new Set(['pk', 'sk', 'month', 'shard']);

export function programmeFiguresRepository(store: StoreContext) {
  return {
    /** The transaction item that adds `delta` to its month (pattern 81). */
    update(delta: ProgrammeDelta): TransactItem {
      const shard = shardOf(delta.countedId);
      return addCountersUpdate(store.tableName, keys.programmeMonth(shard, delta.month), { month: delta.month }, delta.counters);
    },

    /**
     * Every shard item of every month up to `lastMonth` (pattern 82): SHARDS queries side by
     * side, each one page for decades of months (a month's item holds about 15 numbers).
     */
    async monthsUpTo(lastMonth: string): Promise<MonthShard[]> {
      const pages = await Promise.all(
        Array.from({ length: SHARDS }, (_, shard) => queryPartitionBetween(store, keys.programmeShardPartition(shard), keys.programmeMonthSk(FIRST_MONTH), keys.programmeMonthSk(lastMonth))),
      );
      return pages.flat().map((item) => ({
        month: String(item.month),
        counters: Object.fromEntries(Object.entries(item).filter(([name, value]) => !NAMING.has(name) && typeof value === 'number')) as Record<string, number>,
      }));
    },
  };
}

/** The update of a delta as a list: none when the write moves no programme figure. */
export function programmeCount(store: StoreContext, delta: ProgrammeDelta | undefined): TransactItem[] {
  return delta ? [programmeFiguresRepository(store).update(delta)] : [];
}
