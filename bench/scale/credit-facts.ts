/**
 * The monthly credit counters (shared/domain/credit/facts.ts) the credit-facts consumer
 * would have counted from the seeded orders' events, had they gone through the event path.
 * The seeded orders are written straight into the table, so their counters are derived
 * here, order by order, and written with the consumer's own update (counter-update.ts):
 * the facts grading reads then have the orders' per-enterprise skew and volume.
 *
 * An order's status says which of its counted commands happened: every order was created;
 * one in service or past it was checked in; one past service (COMPLETED, RATED, CLOSED,
 * DISPUTED, RESOLVED) was checked out. The rest — who cancelled, whose no-show, on time or
 * not, the stars, complaints — is drawn with the shares below (assumptions of the bench,
 * not measurements). A seeded order has one timestamp, its creation: all of its counters
 * land in that Asia/Shanghai month (services are booked days, not months, ahead).
 */
import type { EnterpriseMonthCounter } from '../../shared/domain/credit/facts';
import type { OrderStatus } from '../../shared/domain/order/state-machine';
import { shanghaiMonth } from '../../shared/lib/shanghai-day';

export type MonthCounters = Partial<Record<EnterpriseMonthCounter, number>>;

/** Shares the statuses do not decide. */
export const FACT_SHARES = {
  /** Check-ins within the grace period of the scheduled start. */
  onTime: 0.92,
  /** CLOSED orders the household rated (a rating link stays valid after the close); RATED ones always were. */
  closedRated: 0.6,
  /** Cancellations made by the enterprise or its worker (the rest: the household or the platform). */
  cancelledByEnterprise: 0.3,
  /** No-shows of the worker (the rest: the household's). */
  workerNoShow: 0.5,
  /** Served orders with a complaint opened, and of those the share resolved. */
  complaint: 0.015,
  complaintResolved: 0.85,
  /** Resolution time of a resolved complaint: uniform between these hours. */
  resolutionHours: [2, 120] as const,
};

/** Stars of a rating, by cumulative share: 5 ★ 60 %, 4 ★ 25 %, 3 ★ 10 %, 2 ★ 3 %, 1 ★ 2 %. */
const STARS: [number, number][] = [
  [5, 0.6],
  [4, 0.85],
  [3, 0.95],
  [2, 0.98],
  [1, 1],
];

const CHECKED_IN = new Set<OrderStatus>(['IN_SERVICE', 'COMPLETED', 'RATED', 'CLOSED', 'DISPUTED', 'RESOLVED']);
const SERVED = new Set<OrderStatus>(['COMPLETED', 'RATED', 'CLOSED', 'DISPUTED', 'RESOLVED']);

/** The counters one seeded order moved; `random` draws what its status does not say. */
export function orderCounters(status: OrderStatus, random: () => number): MonthCounters {
  const c: MonthCounters = { ordersCreated: 1 };
  if (CHECKED_IN.has(status)) {
    c.checkIns = 1;
    if (random() < FACT_SHARES.onTime) c.onTimeCheckIns = 1;
  }
  if (SERVED.has(status)) {
    c.ordersCompleted = 1;
    if (status === 'RATED' || (status === 'CLOSED' && random() < FACT_SHARES.closedRated)) {
      const u = random();
      c.ratings = 1;
      c.ratingStarsSum = STARS.find(([, upTo]) => u < upTo)?.[0] ?? 1;
    }
    if (random() < FACT_SHARES.complaint) {
      c.complaintsOpened = 1;
      if (random() < FACT_SHARES.complaintResolved) {
        const [low, high] = FACT_SHARES.resolutionHours;
        c.complaintsResolved = 1;
        // To the hundredth, as the consumer adds them (event-facts.ts resolutionHours).
        c.complaintResolutionHoursSum = Math.round((low + random() * (high - low)) * 100) / 100;
      }
    }
  }
  if (status === 'CANCELLED' && random() < FACT_SHARES.cancelledByEnterprise) c.enterpriseCancellations = 1;
  if (status === 'NO_SHOW' && random() < FACT_SHARES.workerNoShow) c.workerNoShows = 1;
  return c;
}

/** Per enterprise (index) and month: the counters added up over its seeded orders. */
export class MonthlyFacts {
  private readonly byEnterprise = new Map<number, Map<string, MonthCounters>>();

  add(enterprise: number, createdAt: string, counters: MonthCounters): void {
    const period = shanghaiMonth(new Date(createdAt));
    let months = this.byEnterprise.get(enterprise);
    if (!months) this.byEnterprise.set(enterprise, (months = new Map()));
    const month = months.get(period) ?? {};
    for (const [name, n] of Object.entries(counters) as [EnterpriseMonthCounter, number][]) {
      // Hours are kept to the hundredth, like DynamoDB's exact decimal ADD.
      month[name] = Math.round(((month[name] ?? 0) + n) * 100) / 100;
    }
    months.set(period, month);
  }

  /** Every (enterprise, month) that has counters, months oldest first. */
  *months(): Generator<{ enterprise: number; period: string; counters: MonthCounters }> {
    for (const [enterprise, months] of this.byEnterprise) {
      for (const period of [...months.keys()].sort()) yield { enterprise, period, counters: months.get(period)! };
    }
  }

  get size(): number {
    let n = 0;
    for (const months of this.byEnterprise.values()) n += months.size;
    return n;
  }
}
