/**
 * Credit facts (access patterns 55–58): the monthly counters credit grades are computed
 * from (domain/credit/facts.ts), kept by the credit-facts consumer from order events.
 *
 * An event is counted in ONE transaction: a marker item for its id that may not exist yet,
 * and `ADD` on its enterprise's month item, (when a worker is concerned) the worker's, and
 * (when its order names a station) the station's month figures (station-figures-repository.ts).
 * A redelivered or replayed event finds its marker and changes nothing; two deliveries at
 * the same time cannot both commit. Markers expire like event items (90 days after they
 * were written), so an event replayed later than that would count again: the bus archive
 * is not replayed into this queue beyond that.
 */
import type { EventFacts } from '../domain/credit/event-facts';
import type { ProgrammeDelta } from '../domain/programme/figures';
import type { StationMonthDelta } from '../domain/station/month-figures';
import { ENTERPRISE_MONTH_COUNTERS, WORKER_MONTH_COUNTERS, type EnterpriseMonthFacts, type Period, type WorkerMonthFacts } from '../domain/credit/facts';
import type { StoreContext } from './client';
import { addCountersUpdate } from './counter-update';
import { EVENT_TTL_SECONDS } from './events-repository';
import { keys } from './keys';
import { queryPartitionBetween } from './partition-query';
import { transactRetryingConflicts } from './transact-retry';
import { programmeFiguresRepository } from './programme-figures-repository';
import { stationFiguresRepository } from './station-figures-repository';
import { RETRY } from './traced-write';
import type { TransactItem } from './transact-items';

/** `counted`: this delivery counted the event; `duplicate`: it was counted before, nothing changed. */
export type ApplyOutcome = 'counted' | 'duplicate';

/** Other transactions kept writing the same month items: safe to retry later (the record goes back to SQS). */
export class CreditFactsBusy extends Error {
  constructor(eventId: string) {
    super(`event ${eventId}: the credit facts stayed busy after ${RETRY.attempts} attempts`);
    this.name = 'CreditFactsBusy';
  }
}

/** Bounds of a month range on the sort key; an open end reaches the first or last month there can be. */
const FIRST_PERIOD = '0000-01';
const LAST_PERIOD = '9999-12';

function counters<C extends string>(item: Record<string, unknown>, names: readonly C[]): Record<C, number> {
  // Every counter present, 0 when no event moved it yet; in the documented order.
  return Object.fromEntries(names.map((c) => [c, Number(item[c] ?? 0)])) as Record<C, number>;
}

export interface ApplyOptions {
  /** When the marker was written (its TTL counts from here). */
  now?: Date;
  /** Waits before retry `attempt` (2, 3, …) after a transaction conflict; tests pass one that does not sleep. */
  pause?: (attempt: number) => Promise<unknown>;
}

/** One event's counters for every read model the consumer keeps. */
export type CountedFacts = EventFacts & { station?: StationMonthDelta; programme?: ProgrammeDelta };

export function creditFactsRepository({ doc, tableName }: StoreContext) {
  const store = { doc, tableName };

  function transaction(facts: CountedFacts, now: Date): TransactItem[] {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName,
          Item: { ...keys.creditFactsEvent(facts.eventId), eventId: facts.eventId, countedAt: now.toISOString(), expiresAt: Math.floor(now.getTime() / 1000) + EVENT_TTL_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    if (facts.enterprise) {
      const { tenantId, period, counters: delta } = facts.enterprise;
      items.push(addCountersUpdate(tableName, keys.creditFactsMonth(tenantId, period), { tenantId, period }, delta));
    }
    if (facts.worker) {
      const { workerId, period, counters: delta } = facts.worker;
      items.push(addCountersUpdate(tableName, keys.workerCreditFacts(workerId, period), { workerId, period }, delta));
    }
    if (facts.station) items.push(stationFiguresRepository(store).monthUpdate(facts.station));
    if (facts.programme) items.push(programmeFiguresRepository(store).update(facts.programme));
    return items;
  }

  return {
    /**
     * Counts one event's facts once (pattern 55). A transaction conflict (another event
     * moving the same month at the same moment) is tried again a bounded number of times.
     */
    async applyEventFacts(facts: CountedFacts, options: ApplyOptions = {}): Promise<ApplyOutcome> {
      if (!facts.enterprise && !facts.worker && !facts.station && !facts.programme) throw new Error(`event ${facts.eventId}: no counters to apply`);
      const outcome = await transactRetryingConflicts(store, transaction(facts, options.now ?? new Date()), (cancel) => (cancel.conditionFailedAt(0) ? ('duplicate' as const) : undefined), options.pause);
      if ('busy' in outcome) throw new CreditFactsBusy(facts.eventId);
      return 'answered' in outcome ? outcome.answered : 'counted';
    },

    /** An enterprise's months from `from` to `to` (both included) that have counters, oldest first (pattern 56). */
    async enterpriseMonths(tenantId: string, from: Period, to: Period): Promise<EnterpriseMonthFacts[]> {
      const items = await queryPartitionBetween(store, keys.creditFactsPartition(tenantId), keys.creditFactsMonthSk(from), keys.creditFactsMonthSk(to));
      return items.map((item) => ({ period: String(item.period), ...counters(item, ENTERPRISE_MONTH_COUNTERS) }));
    },

    /** A worker's months that have counters, oldest first, all or from / to (both included) (pattern 57). */
    async workerMonths(workerId: string, from: Period = FIRST_PERIOD, to: Period = LAST_PERIOD): Promise<WorkerMonthFacts[]> {
      const items = await queryPartitionBetween(store, keys.workerPartition(workerId), keys.workerCreditFactsSk(from), keys.workerCreditFactsSk(to));
      return items.map((item) => ({ period: String(item.period), ...counters(item, WORKER_MONTH_COUNTERS) }));
    },
  };
}
