/**
 * Seeds enterprises and orders through the store layer, in bulk:
 *
 * - enterprises: shared/admin/onboarding.ts createTenant, as the admin CLI does, each
 *   joined the programme before its first seeded order (so tenure is not what grading
 *   finds missing);
 * - orders: each one is created by the REAL services (accept + apply, lib/captured-create
 *   style, against the memory store), so its item has exactly the layout, keys and index
 *   attributes the consumer writes (shared/store/keys.ts via the repository); its status
 *   is then set and laid out by the repository's `record` (which rebuilds the status index
 *   keys), and the resulting order item is written with BatchWriteItem.
 *
 * Only the order items are written at scale: they are what the measured access patterns
 * read (GetItem on the order, Query on the by-time and by-status indexes). Each order's
 * trace entry and event record live under other keys and no measured pattern touches them;
 * writing them would triple the seeding time (DynamoDB Local takes about 1 ms per item).
 * Orders past ASSIGNED carry a synthetic worker id: an enterprise's grade never reads who
 * served an order, and the staff grading reads is seeded on its own (staff.ts). The credit
 * counters those orders' events would have moved are added up as they are produced
 * (credit-facts.ts) and written after the reads (phase.ts).
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { OrderCommandMessage } from '../../shared/events/order-command';
import { createTenant } from '../../shared/admin/onboarding';
import { ORDER_STATUSES } from '../../shared/domain/order/state-machine';
import { acceptCreateOrder } from '../../shared/services/accept-order-command';
import { applyOrderCommand } from '../../shared/services/apply-order-command';
import type { StoreContext } from '../../shared/store/client';
import { keys } from '../../shared/store/keys';
import { ordersRepository, type StoredOrder } from '../../shared/store/orders-repository';
import { memoryStore } from '../lib/memory-store';
import { orderRequest, prng } from '../lib/order-requests';
import { pipelinedPut } from '../lib/pipelined-put';
import { runPool } from '../lib/pool';
import { progress } from '../lib/progress';
import { MonthlyFacts, orderCounters } from './credit-facts';
import { ENTERPRISES, statusPicker, WITH_WORKER, zipfPicker } from './population';

export interface SeededOrder {
  tenantId: string;
  orderId: string;
}

export interface Seeder {
  tenants: string[];
  /** Orders written so far (a sample is kept for GET lookups). */
  count: number;
  /** Orders written so far per enterprise (same order as `tenants`). */
  perTenant: number[];
  sample: SeededOrder[];
  /** The monthly credit counters the orders written so far would have been counted into (credit-facts.ts). */
  facts: MonthlyFacts;
  /** Adds orders until `total` exist; returns the seconds it took. */
  growTo(total: number, concurrency: number): Promise<number>;
}

const DAY_MS = 86_400_000;
const TWO_YEARS_MS = 2 * 365 * DAY_MS;
const SAMPLE_EVERY = 50;
/** Enterprises joined the programme 2 to 6 years ago: before any of their seeded orders. */
const JOINED_DAYS_AGO = [2 * 365, 6 * 365] as const;

export async function createSeeder(store: StoreContext, seed: number): Promise<Seeder> {
  const random = prng(seed);
  const pickTenant = zipfPicker(ENTERPRISES);
  const pickStatus = statusPicker();
  const factsRandom = prng(seed + 1);
  const joinedRandom = prng(seed + 2);
  const now = Date.now();

  const bar = progress('enterprises', ENTERPRISES);
  const tenants: string[] = new Array(ENTERPRISES);
  const joinedOn = Array.from({ length: ENTERPRISES }, () => {
    const [min, max] = JOINED_DAYS_AGO;
    return new Date(now - (min + Math.floor(joinedRandom() * (max - min))) * DAY_MS).toISOString().slice(0, 10);
  });
  await runPool(ENTERPRISES, 8, async (i) => {
    tenants[i] = (await createTenant(store, { name: `Bench enterprise ${i + 1}`, role: 'enterprise', joinedOn: joinedOn[i] })).tenantId;
    bar.tick();
  });
  bar.done();

  const seeder: Seeder = {
    tenants,
    count: 0,
    perTenant: new Array<number>(ENTERPRISES).fill(0),
    sample: [],
    facts: new MonthlyFacts(),
    async growTo(total, concurrency) {
      const from = seeder.count;
      const seconds = await pipelinedPut(store, { count: total - from, concurrency, label: `orders → ${total.toLocaleString('en')}` }, async (i) => {
        const index = from + i;
        const tenantIndex = pickTenant(random());
        const tenantId = tenants[tenantIndex]!;
        seeder.perTenant[tenantIndex]!++;
        const status = pickStatus(random());
        const createdAt = new Date(now - Math.floor(random() * TWO_YEARS_MS)).toISOString();
        const item = await orderItem(store.tableName, tenantId, status, createdAt, orderRequest(random, index), random);
        if (index % SAMPLE_EVERY === 0) seeder.sample.push({ tenantId, orderId: String(item.orderId) });
        // Its own generator: the orders seeded stay the same as without the facts.
        seeder.facts.add(tenantIndex, createdAt, orderCounters(status, factsRandom));
        return [item];
      });
      seeder.count = total;
      return seconds;
    },
  };
  return seeder;
}

/** One order item, produced by the services and the repository (never assembled by hand). */
async function orderItem(
  tableName: string,
  tenantId: string,
  status: (typeof ORDER_STATUSES)[number],
  createdAt: string,
  request: ReturnType<typeof orderRequest>,
  random: () => number,
): Promise<Record<string, unknown>> {
  const mem = memoryStore(tableName);
  let message: OrderCommandMessage | undefined;
  const sqs = { send: async (c: { input: { MessageBody: string } }) => void (message = JSON.parse(c.input.MessageBody)) } as unknown as SQSClient;
  const actor = { tenantId, role: 'enterprise', keyId: 'key_seed' };
  const at = () => new Date(createdAt);
  await acceptCreateOrder({ store: mem.store, sqs, queueUrl: 'memory://orders', now: at }, actor, `seed-${random().toString(36).slice(2)}`, request);
  const outcome = await applyOrderCommand(mem.store, message!, at);
  if (outcome.outcome !== 'applied') throw new Error(`seed order not applied: ${JSON.stringify(outcome)}`);
  let order: StoredOrder = outcome.order;
  if (status !== order.status && (ORDER_STATUSES as readonly string[]).includes(status)) {
    order = { ...order, status, ...(WITH_WORKER.has(status) ? { workerId: `wkr_bench_${Math.floor(random() * 260_000)}` } : {}) };
    // Same key, new status: the repository lays the order item out with its status index keys.
    return ordersRepository(mem.store).record(order).items[0]!;
  }
  return mem.get(keys.order(tenantId, order.orderId))!;
}

