/**
 * The one write path of every traced record (order, claim, worker, certificate, policy;
 * training facts land on the worker). A change is planned on the record as read, then
 * written here in ONE transaction:
 *
 *   [record (version-guarded), its copies, new trace entries, event record, side items]
 *
 * - the record's first item is guarded by the version the change was decided on (or must
 *   not exist yet); copies (an enterprise's copy of a policy) follow it unguarded;
 * - each trace entry, chained onto the record's last one here, may not exist yet, so two
 *   writers can never fork a chain;
 * - the event record makes the command idempotent: a queued command's accepted event must
 *   still be `accepted` (settled here), a synchronous change's event is written already
 *   settled and may not exist yet;
 * - side items (attendance day, rating and its summaries, roster periods, QR items …) carry
 *   their own guards, built by the repositories.
 *
 * A cancelled transaction becomes one conflict type, `TracedWriteConflict`, saying which
 * part refused. The planner says what an event or side conflict means; a moved record or
 * a concurrent transaction is decided again on fresh state, a bounded number of times with
 * a jittered pause (RETRY), after which the conflict is thrown: safe to retry later (a
 * queued record goes back to SQS, a request answers 503).
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { fullJitterMs, sleep } from '../lib/backoff';
import { canonicalHash } from '../lib/hash';
import { nextEntry, type TraceEntry, type TraceEntryInput } from '../trace/chain';
import type { StoreContext } from './client';
import { eventItem, eventSettlementUpdate, type EventRecord, type PublishedFacts } from './events-repository';
import { traceEntryPut } from './trace-items';
import { cancellationOf } from './transaction-cancel';
import { versionGuard, type TransactItem } from './transact-items';
import { TracedWriteConflict } from './traced-write-conflict';

export { TracedWriteConflict, type ConflictPart } from './traced-write-conflict';

export interface TraceHead {
  seq: number;
  hash: string;
}

/** The record as the change was decided on it; undefined when the change creates it. */
export interface TracedBase {
  version: number;
  traceHead?: TraceHead;
}

/** The new entries chained onto the record's last one, and the record's version and head after them. */
export interface Stamp {
  entries: TraceEntry[];
  seqs: number[];
  version: number;
  traceHead: TraceHead;
}

/** A queued command's accepted event, settled with the change (it must still be `accepted`). */
export interface EventSettlement {
  tenantId: string;
  eventId: string;
  at: string;
  outcome?: 'applied' | 'rejected';
  reason?: string;
  facts?: PublishedFacts;
}

/** `put`: a synchronous change's event, written already settled; `settle`: a queued command's. */
export type EventWrite = { put: EventRecord } | { settle: EventSettlement };

/** One transaction of a traced record, as the store port receives it. */
export interface TracedWrite {
  /** The record's items as its repository lays them out: the first is version-guarded, the rest follow it. */
  items: Record<string, unknown>[];
  previousVersion: number | undefined;
  /** The partition holding the record's trace entries. */
  tracePartition: string;
  entries: TraceEntry[];
  event?: EventWrite;
  side?: TransactItem[];
}

/** The store port of the write path: commits one traced write or throws TracedWriteConflict. */
export interface TracedStore {
  commit(write: TracedWrite): Promise<void>;
}

/**
 * The trace entry of a queued command: its event id, actor and acceptance time, and the
 * hash of what it attests to (the payload, or more: a filing's checks, a base's id).
 */
export const commandEntry = (message: { eventId: string; actor: TraceEntryInput['actor']; acceptedAt: string }, type: string, attested: unknown): TraceEntryInput => ({
  eventId: message.eventId,
  type,
  actor: message.actor,
  at: message.acceptedAt,
  payloadHash: canonicalHash(attested),
});

/** Chains `inputs` onto the record's last entry; with no inputs the version and head stay. */
export function stamp(before: TracedBase | undefined, inputs: TraceEntryInput[]): Stamp {
  let head = before?.traceHead;
  const entries = inputs.map((input) => {
    const entry = nextEntry(head, input);
    head = { seq: entry.seq, hash: entry.hash };
    return entry;
  });
  return { entries, seqs: entries.map((e) => e.seq), version: head?.seq ?? before?.version ?? 0, traceHead: head ?? { seq: 0, hash: '' } };
}

/** The transaction's items, in the order the file comment gives, and where each part starts. */
export function transactionOf(tableName: string, write: TracedWrite) {
  const [guarded, ...copies] = write.items;
  const items: TransactItem[] = [
    { Put: { TableName: tableName, Item: guarded, ...versionGuard(write.previousVersion) } },
    ...copies.map((Item) => ({ Put: { TableName: tableName, Item } })),
    ...write.entries.map((entry) => traceEntryPut(tableName, write.tracePartition, entry)),
  ];
  const eventIndex = write.event ? items.length : -1;
  if (write.event && 'put' in write.event) {
    items.push({ Put: { TableName: tableName, Item: eventItem(write.event.put), ConditionExpression: 'attribute_not_exists(pk)' } });
  } else if (write.event) {
    items.push(eventSettlementUpdate(tableName, { ...write.event.settle, seq: write.entries.at(-1)?.seq }));
  }
  const sideStart = items.length;
  items.push(...(write.side ?? []));
  return { items, eventIndex, sideStart };
}

/** The port on DynamoDB: one TransactWriteItems, its cancellation reasons read by position. */
export function dynamoTracedStore(store: StoreContext): TracedStore {
  return {
    async commit(write) {
      const { items, eventIndex, sideStart } = transactionOf(store.tableName, write);
      try {
        await store.doc.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        const cancel = cancellationOf(error);
        if (!cancel) throw error;
        if (eventIndex >= 0 && cancel.conditionFailedAt(eventIndex)) throw new TracedWriteConflict('event');
        const failed = cancel.firstConditionFailed;
        if (failed >= sideStart) throw new TracedWriteConflict('side', failed - sideStart);
        if (failed >= 0) throw new TracedWriteConflict('record');
        if (cancel.conflicted) throw new TracedWriteConflict('busy');
        throw error;
      }
    },
  };
}

/** The port a service writes through: the store's own when it brings one, DynamoDB otherwise. */
export const tracedStoreOf = (store: StoreContext): TracedStore => store.traced ?? dynamoTracedStore(store);

/**
 * How often a change is decided again after a moved record or a busy transaction, and the
 * pause before each retry: full jitter (a random wait up to a cap that doubles per try), so
 * a burst of writers on one record spreads out instead of colliding again in lockstep.
 */
export const RETRY = { attempts: 8, baseMs: 10, maxMs: 640 } as const;

export const retryPause = (attempt: number, random: () => number = Math.random): number => fullJitterMs(attempt, RETRY, random);

/** One attempt's plan: the change to write, or an answer that needs no write. */
export type Plan<R> =
  | { done: R }
  | {
      /** The record as the change was decided on it; undefined creates it. */
      before: TracedBase | undefined;
      /** The new trace entries, in order; chained here. */
      entries: TraceEntryInput[];
      /** The record's items and the rest of the transaction, given the new version and head. */
      write: (stamp: Stamp) => Omit<TracedWrite, 'previousVersion' | 'entries'>;
      /** What a committed change answers. */
      result: (stamp: Stamp) => R;
      /** The event refused: a concurrent attempt settled the command; answer as it did. */
      onEventSettled?: () => Promise<R>;
      /** A side item refused: an answer, or undefined to decide again on fresh state. */
      onSideConflict?: (index: number) => Promise<R | undefined>;
    };

export interface WriteOptions {
  /** Waits before retry `attempt` (2, 3, …); tests pass one that does not sleep. */
  pause?: (attempt: number) => Promise<unknown>;
}

/**
 * Plans (`plan(attempt)`, on fresh state each time) and commits a traced change through
 * `port`, retrying as RETRY says. Throws the last TracedWriteConflict when the retries are
 * spent, and whatever the planner throws (a refusal) at once.
 */
export async function writeTraced<R>(port: TracedStore, plan: (attempt: number) => Promise<Plan<R>>, options: WriteOptions = {}): Promise<R> {
  const pause = options.pause ?? ((attempt: number) => sleep(retryPause(attempt)));
  let last: TracedWriteConflict | undefined;
  for (let attempt = 1; attempt <= RETRY.attempts; attempt++) {
    if (attempt > 1) await pause(attempt);
    const planned = await plan(attempt);
    if ('done' in planned) return planned.done;
    const stamped = stamp(planned.before, planned.entries);
    try {
      await port.commit({ ...planned.write(stamped), previousVersion: planned.before?.version, entries: stamped.entries });
      return planned.result(stamped);
    } catch (error) {
      if (!(error instanceof TracedWriteConflict)) throw error;
      last = error;
      if (error.part === 'event' && planned.onEventSettled) return planned.onEventSettled();
      if (error.part === 'side' && planned.onSideConflict) {
        const answer = await planned.onSideConflict(error.sideIndex!);
        if (answer !== undefined) return answer;
      }
      // The record moved, the transaction was busy, or a side item's state changed: decide again.
    }
  }
  throw last!;
}
