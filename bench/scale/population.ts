/**
 * The shape of the seeded data set (the programme's size, docs/architecture.md "Who uses
 * Anxin": ~530 enterprises, ~400,000 traceable orders, ~260,000 worker records). Enterprises are not all alike:
 * order volume follows a Zipf law (s = 1), so the largest enterprise holds ~15% of all
 * orders, and it is the one whose lists we time (the worst partition). Statuses follow a
 * mature platform: most orders are closed.
 */
import type { OrderStatus } from '../../shared/domain/order/state-machine';

export const ENTERPRISES = 530;
export const PROGRAMME_ORDERS = 400_000;
export const PROGRAMME_WORKERS = 260_000;

/**
 * The staff grading reads (services/credit-staff.ts), per current worker: trained (a passed
 * exam), certified (of the trained: a certificate needs a passed exam), insured (on the
 * enterprise's group policy today). Assumptions of the bench, not programme figures; a
 * certified worker's light is green exactly when insured (everything else is valid).
 */
export const STAFF_SHARES = { trained: 0.7, certifiedOfTrained: 0.8, insured: 0.5 };

/** Share of orders per status (sums to 1). Statuses not in the lifecycle any more are dropped at use. */
export const STATUS_MIX: [OrderStatus, number][] = [
  ['CLOSED', 0.7],
  ['CANCELLED', 0.06],
  ['RATED', 0.05],
  ['COMPLETED', 0.05],
  ['CREATED', 0.04],
  ['ASSIGNED', 0.03],
  ['CONFIRMED', 0.03],
  ['IN_SERVICE', 0.02],
  ['NO_SHOW', 0.01],
  ['DISPUTED', 0.005],
  ['RESOLVED', 0.005],
];

/** Statuses an order only reaches with a worker assigned (so it carries a workerId). */
export const WITH_WORKER = new Set<OrderStatus>(['ASSIGNED', 'CONFIRMED', 'IN_SERVICE', 'COMPLETED', 'RATED', 'CLOSED', 'NO_SHOW', 'DISPUTED', 'RESOLVED']);

/** Index of the enterprise that gets each order: inverse CDF of Zipf(s=1) over `n`. */
export function zipfPicker(n: number): (u: number) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= n; k++) cumulative.push((total += 1 / k));
  return (u) => {
    const target = u * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function statusPicker(): (u: number) => OrderStatus {
  const total = STATUS_MIX.reduce((s, [, w]) => s + w, 0);
  return (u) => {
    let acc = 0;
    for (const [status, weight] of STATUS_MIX) if ((acc += weight / total) >= u) return status;
    return STATUS_MIX[0]![0];
  };
}

/**
 * `total` split in proportion to `weights`, in whole numbers that add up to `total`
 * (largest remainder; ties to the lower index). Workers go to enterprises as their orders do.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left-- <= 0) break;
    shares[i]!++;
  }
  return shares;
}
