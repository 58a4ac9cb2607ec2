/**
 * How a hash-chained trace is stored, the same for every aggregate (orders, workers,
 * certificates, policies, claims): one item per entry in the aggregate's own partition,
 * sort key `TRACE#<seq>`.
 */
import type { TraceEntry } from '../trace/chain';
import type { StoreContext } from './client';
import { keys } from './keys';
import { queryPartition } from './partition-query';
import type { TransactItem } from './transact-items';

/** The entry alone, without the table's keys: exactly the fields the chain hashes. */
export function toTraceEntry(item: Record<string, unknown>): TraceEntry {
  const { seq, eventId, type, actor, at, payloadHash, prevHash, hash } = item as unknown as TraceEntry;
  return { seq, eventId, type, actor, at, payloadHash, prevHash, hash };
}

/** The entry's item in `partition` (the aggregate's pk). */
const traceItem = (partition: string, entry: TraceEntry) => ({ pk: partition, sk: keys.traceSk(entry.seq), ...entry });

/** Writes the entry; it may not exist yet, so two writers cannot fork the chain. */
export const traceEntryPut = (tableName: string, partition: string, entry: TraceEntry): TransactItem => ({
  Put: { TableName: tableName, Item: traceItem(partition, entry), ConditionExpression: 'attribute_not_exists(pk)' },
});

/** The whole trace in seq order (strongly consistent, so a verification sees every committed entry). */
export async function readTrace(store: StoreContext, partition: string): Promise<TraceEntry[]> {
  return (await queryPartition(store, partition, keys.TRACE_PREFIX)).map(toTraceEntry);
}
