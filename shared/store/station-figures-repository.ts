/**
 * The stations' read models (access patterns in ACCESS-PATTERNS.md, "Stations"):
 * - monthly figures per station, kept by the credit-facts consumer from order events in the
 *   transaction that counts each event once (store/credit-facts-repository.ts);
 * - certified-worker counts per enterprise and station service, written by the nightly
 *   station-staff job, each with the time it was counted.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { stationMonthOf, type StationMonth, type StationMonthDelta } from '../domain/station/month-figures';
import { batchGetInOrder } from './batch-get';
import type { StoreContext } from './client';
import { addCountersUpdate } from './counter-update';
import { keys } from './keys';
import { queryPartitionBetween } from './partition-query';
import type { TransactItem } from './transact-items';

/** One enterprise's certified workers per counted station service, as of `countedAt`. */
export interface StaffCounts {
  tenantId: string;
  countedAt: string;
  byService: Record<string, number>;
}

export function stationFiguresRepository(store: StoreContext) {
  const { doc, tableName } = store;
  return {
    /** `ADD` of one event's counters to its station's month (inside the event's counting transaction). */
    monthUpdate(delta: StationMonthDelta): TransactItem {
      return addCountersUpdate(tableName, keys.stationMonth(delta.stationId, delta.period), { stationId: delta.stationId, period: delta.period }, delta.counters);
    },

    /** A station's months from `from` to `to` (both included) that have figures, oldest first. */
    async months(stationId: string, from: string, to: string): Promise<StationMonth[]> {
      const items = await queryPartitionBetween(store, keys.stationPartition(stationId), keys.stationMonthSk(from), keys.stationMonthSk(to));
      return items.map(stationMonthOf);
    },

    /** Replaces an enterprise's counts: each run counts from scratch, so the last one wins. */
    async putStaffCounts(counts: StaffCounts): Promise<void> {
      await doc.send(new PutCommand({ TableName: tableName, Item: { ...keys.stationStaff(counts.tenantId), ...counts } }));
    },

    /** The counts of these enterprises, in their order; undefined for one never counted. */
    async staffCounts(tenantIds: readonly string[]): Promise<(StaffCounts | undefined)[]> {
      const found = await batchGetInOrder(store, tenantIds.map((tenantId) => keys.stationStaff(tenantId)));
      return found.map((item) => (item ? { tenantId: String(item.tenantId), countedAt: String(item.countedAt), byService: item.byService as Record<string, number> } : undefined));
    },
  };
}
