/**
 * Which monthly credit counters (facts.ts) one order event moves. Pure: the consumer
 * (functions/consumers/credit-facts.ts) reads what the event does not carry — the order's
 * scheduled start and assigned worker, the complaint's opening time and worker — and
 * passes it in as `EventContext`; this decides the deltas and the months they land in.
 *
 * Months are Asia/Shanghai calendar months of the event's `time` (when the command was
 * accepted), for the enterprise and the worker alike, so one event always lands in one month.
 *
 * What is read from the order later than the event still holds what it held at the event:
 * a check-in, check-out, no-show or rating happens after the last possible reschedule or
 * reassignment (the state machine allows neither once service started), and a complaint
 * keeps the worker assigned when it was opened.
 */
import { shanghaiMonth } from '../../lib/shanghai-day';
import type { OrderCloudEvent } from '../../events/order-cloudevent';
import { orderEventData } from '../../events/read-order-cloudevent';
import { orderEventType, type OrderEventCommand } from '../../events/order-event-types';
import { ON_TIME_GRACE_MINUTES, type EnterpriseMonthCounter, type Period, type WorkerMonthCounter } from './facts';

/** The order commands whose events move a credit counter; the credit-facts rule matches exactly their types. */
export const CREDIT_FACT_COMMANDS = [
  'order.create',
  'order.check-in',
  'order.check-out',
  'order.cancel',
  'order.no-show',
  'order.rate',
  'order.open-complaint',
  'order.resolve-complaint',
] as const satisfies readonly OrderEventCommand[];
export type CreditFactCommand = (typeof CREDIT_FACT_COMMANDS)[number];

/** Their CloudEvent types: what the credit-facts rule on the domain bus matches. */
export const CREDIT_FACT_EVENT_TYPES: readonly string[] = CREDIT_FACT_COMMANDS.map(orderEventType);

export const isCreditFactCommand = (command: string): command is CreditFactCommand => (CREDIT_FACT_COMMANDS as readonly string[]).includes(command);

/** What the event does not carry and the consumer reads for it. */
export interface EventContext {
  /** check-in: the order's scheduled start (RFC 3339). */
  scheduledStart?: string;
  /** The worker the counters of this event belong to: the order's (check-out, no-show, rating) or the complaint's (complaint opened). */
  workerId?: string;
  /** complaint-resolved: when the complaint was opened (RFC 3339). */
  complaintOpenedAt?: string;
}

/** Which item the consumer reads for an event: none, the order, or the complaint the event names. */
export const CONTEXT_SOURCE: Readonly<Record<CreditFactCommand, 'none' | 'order' | 'complaint'>> = {
  'order.create': 'none',
  'order.check-in': 'order',
  'order.check-out': 'order',
  'order.cancel': 'none',
  'order.no-show': 'order',
  'order.rate': 'order',
  'order.open-complaint': 'complaint',
  'order.resolve-complaint': 'complaint',
};

export interface MonthDelta<C extends string> {
  period: Period;
  /** Only the counters the event moves; each an increment (a count, or a sum of stars or hours). */
  counters: Partial<Record<C, number>>;
}

/** What one event adds: to its enterprise's month, and to its worker's month when a worker is concerned. */
export interface EventFacts {
  eventId: string;
  enterprise?: MonthDelta<EnterpriseMonthCounter> & { tenantId: string };
  worker?: MonthDelta<WorkerMonthCounter> & { workerId: string };
}

/** A fact the event needs but the context lacks: the event cannot be counted (the record fails, never counted half). */
export class MissingContextError extends Error {
  constructor(eventId: string, what: string) {
    super(`event ${eventId}: ${what} is missing`);
    this.name = 'MissingContextError';
  }
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** A check-in at most ON_TIME_GRACE_MINUTES after the scheduled start (an early one is on time too). */
export const isOnTime = (checkInAt: string, scheduledStart: string): boolean =>
  Date.parse(checkInAt) <= Date.parse(scheduledStart) + ON_TIME_GRACE_MINUTES * MINUTE;

/** Hours from `openedAt` to `resolvedAt`, to the hundredth (36 s): exact decimals for DynamoDB's ADD, never negative. */
export const resolutionHours = (openedAt: string, resolvedAt: string): number =>
  Math.max(0, Math.round((Date.parse(resolvedAt) - Date.parse(openedAt)) / (HOUR / 100)) / 100);

type Counters = { enterprise: MonthDelta<EnterpriseMonthCounter>['counters']; worker?: MonthDelta<WorkerMonthCounter>['counters'] };

function countersOf(event: OrderCloudEvent, command: CreditFactCommand, context: EventContext): Counters {
  const need = <K extends keyof EventContext>(key: K): string => context[key] ?? throwMissing(event.id, key);
  // In each branch `command` is narrowed, and with it the facts of `data` (order-event-data.ts).
  switch (command) {
    case 'order.create':
      return { enterprise: { ordersCreated: 1 } };
    case 'order.check-in': {
      const { at } = orderEventData(event, command);
      return { enterprise: { checkIns: 1, ...(isOnTime(at, need('scheduledStart')) ? { onTimeCheckIns: 1 } : {}) } };
    }
    case 'order.check-out':
      return { enterprise: { ordersCompleted: 1 }, worker: { ordersCompleted: 1 } };
    case 'order.cancel': {
      const { by } = orderEventData(event, command);
      // A household's or the platform's cancellation is not the enterprise's doing.
      return { enterprise: by === 'enterprise' || by === 'worker' ? { enterpriseCancellations: 1 } : {} };
    }
    case 'order.no-show': {
      const { party } = orderEventData(event, command);
      return party === 'worker' ? { enterprise: { workerNoShows: 1 }, worker: { workerNoShows: 1 } } : { enterprise: {} };
    }
    case 'order.rate': {
      const { stars } = orderEventData(event, command);
      return { enterprise: { ratings: 1, ratingStarsSum: stars }, worker: { ratings: 1, ratingStarsSum: stars } };
    }
    case 'order.open-complaint':
      return { enterprise: { complaintsOpened: 1 }, worker: { complaintsOpened: 1 } };
    case 'order.resolve-complaint':
      return { enterprise: { complaintsResolved: 1, complaintResolutionHoursSum: resolutionHours(need('complaintOpenedAt'), event.time) } };
  }
}

function throwMissing(eventId: string, what: string): never {
  throw new MissingContextError(eventId, what);
}

const isEmpty = (counters: object | undefined): boolean => counters === undefined || Object.keys(counters).length === 0;

/**
 * The counters `event` moves, given what the consumer read for it. Counters for a worker
 * only when the event concerns one and one is known (`context.workerId`). Nothing to
 * count (a household's cancellation or no-show) gives neither side.
 */
export function eventFacts(event: OrderCloudEvent, command: CreditFactCommand, context: EventContext): EventFacts {
  const counters = countersOf(event, command, context);
  const period = shanghaiMonth(new Date(event.time));
  const facts: EventFacts = { eventId: event.id };
  if (!isEmpty(counters.enterprise)) facts.enterprise = { tenantId: event.data.tenantId, period, counters: counters.enterprise };
  if (!isEmpty(counters.worker) && context.workerId !== undefined) facts.worker = { workerId: context.workerId, period, counters: counters.worker! };
  return facts;
}
