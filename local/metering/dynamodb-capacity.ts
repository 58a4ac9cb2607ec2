/**
 * What DynamoDB on-demand charges for one read or write, by AWS's rules. DynamoDB Local
 * does not report this faithfully (it under-reports transactions, which AWS bills at 2×),
 * so the metering proxy computes it from the item sizes it observes before and after each
 * write.
 *
 * Writes
 *   - table: ceil(max(size before, size after) / 1 KB) WRU, at least 1; ×2 in a transaction.
 *     A write whose condition fails is still charged (AWS charges the attempt), with no
 *     index writes.
 *   - each GSI whose key attributes the item has before and/or after:
 *       put into the index (keys only after)          1 write of the new entry's size
 *       delete from the index (keys only before)      1 write of the old entry's size
 *       key value changed                              2 writes (delete old + put new)
 *       same key, a projected attribute changed       1 write of the new entry's size
 *       nothing projected changed                      0
 *     Index writes are standard writes (not doubled inside a transaction): the transaction
 *     covers the table items, the indexes are propagated afterwards.
 * Reads
 *   - 1 RRU per 4 KB strongly consistent, ½ eventually consistent, 2 transactional; at least
 *     one unit. GetItem/BatchGetItem round each item; Query/Scan round the SUM of the items
 *     read (before any filter). GSIs are read eventually consistent.
 */
import { itemSize, type WireItem, type WireValue } from './item-size';

export interface IndexShape {
  name: string;
  hashKey: string;
  rangeKey?: string;
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  nonKeyAttributes?: string[];
}

export interface TableShape {
  name: string;
  hashKey: string;
  rangeKey?: string;
  /** Global secondary indexes (local ones are written in the same partition and not billed apart). */
  indexes: IndexShape[];
}

export type ReadMode = 'eventual' | 'strong' | 'transactional';

const KB = 1024;
const READ_UNIT_BYTES = 4 * KB;
const READ_FACTOR: Record<ReadMode, number> = { eventual: 0.5, strong: 1, transactional: 2 };

/** Write request units for one table item of `bytes` (before the transactional factor). */
export const writeUnitsFor = (bytes: number): number => Math.max(1, Math.ceil(bytes / KB));

/** Read request units for `bytes` read as one unit of work (one item, or one Query page). */
export const readUnitsFor = (bytes: number, mode: ReadMode): number =>
  Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * READ_FACTOR[mode];

export interface WriteCharge {
  /** WRU on the table itself. */
  table: number;
  /** WRU per GSI name (only indexes that were written). */
  indexes: Record<string, number>;
  /**
   * The same writes (table + indexes) if every item and index entry were under 1 KB: what
   * the write pattern itself costs, whatever the item sizes. The bench reports it as part
   * of a design's floor.
   */
  underOneKb: number;
}

export function keyOf(table: Pick<TableShape, 'hashKey' | 'rangeKey'>, item: WireItem): WireItem {
  const key: WireItem = { [table.hashKey]: item[table.hashKey]! };
  if (table.rangeKey) key[table.rangeKey] = item[table.rangeKey]!;
  return key;
}

/** The entry an index holds for `item`, or undefined when the item lacks the index's keys (sparse index). */
export function indexEntry(table: TableShape, index: IndexShape, item: WireItem | undefined): WireItem | undefined {
  if (!item || item[index.hashKey] === undefined) return undefined;
  if (index.rangeKey && item[index.rangeKey] === undefined) return undefined;
  if (index.projection === 'ALL') return item;
  const names = [table.hashKey, table.rangeKey, index.hashKey, index.rangeKey];
  if (index.projection === 'INCLUDE') names.push(...(index.nonKeyAttributes ?? []));
  const entry: WireItem = {};
  for (const name of names) if (name && item[name] !== undefined) entry[name] = item[name]!;
  return entry;
}

const same = (a: WireValue | WireItem | undefined, b: WireValue | WireItem | undefined) => canonical(a) === canonical(b);

/** Order-insensitive JSON for comparing items (DynamoDB returns attributes in no fixed order). */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
    .join(',')}}`;
}

/** What one item write costs: `before`/`after` are the item as stored before and after (undefined = absent). */
export function chargeWrite(
  table: TableShape,
  before: WireItem | undefined,
  after: WireItem | undefined,
  opts: { transactional: boolean; succeeded: boolean },
): WriteCharge {
  const actual = writeUnits(table, before, after, opts, (item) => writeUnitsFor(itemSize(item)));
  const small = writeUnits(table, before, after, opts, () => 1);
  return { ...actual, underOneKb: small.table + Object.values(small.indexes).reduce((a, b) => a + b, 0) };
}

function writeUnits(
  table: TableShape,
  before: WireItem | undefined,
  after: WireItem | undefined,
  opts: { transactional: boolean; succeeded: boolean },
  unitsOf: (item: WireItem | undefined) => number,
): Omit<WriteCharge, 'underOneKb'> {
  const biggest = itemSize(before) >= itemSize(after) ? before : after;
  const tableUnits = unitsOf(biggest) * (opts.transactional ? 2 : 1);
  const indexes: Record<string, number> = {};
  if (!opts.succeeded) return { table: tableUnits, indexes };
  for (const index of table.indexes) {
    const oldEntry = indexEntry(table, index, before);
    const newEntry = indexEntry(table, index, after);
    let units = 0;
    if (oldEntry && newEntry) {
      // The table key cannot change within one write, so only the index's own key can move.
      const keyChanged =
        !same(oldEntry[index.hashKey], newEntry[index.hashKey]) ||
        (index.rangeKey !== undefined && !same(oldEntry[index.rangeKey], newEntry[index.rangeKey]));
      if (keyChanged) units = unitsOf(oldEntry) + unitsOf(newEntry);
      else if (!same(oldEntry, newEntry)) units = unitsOf(newEntry);
    } else if (newEntry) units = unitsOf(newEntry);
    else if (oldEntry) units = unitsOf(oldEntry);
    if (units > 0) indexes[index.name] = units;
  }
  return { table: tableUnits, indexes };
}

/** Read units for items read one by one (GetItem, BatchGetItem, TransactGetItems). A missing item still costs the minimum. */
export function chargeItemReads(items: (WireItem | undefined)[], mode: ReadMode): number {
  return items.reduce((sum, item) => sum + readUnitsFor(itemSize(item), mode), 0);
}

/** Read units for a Query or Scan page: the sum of the sizes of the items read, rounded once. */
export function chargePageRead(items: WireItem[], mode: ReadMode): number {
  return readUnitsFor(
    items.reduce((sum, item) => sum + itemSize(item), 0),
    mode,
  );
}
