/**
 * Seeds enterprises and orders through the store layer, in bulk:
 *
 * - enterprises: shared/admin/onboarding.ts createTenant, as the admin CLI does;
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
 * Workers do not exist yet: orders past ASSIGNED carry a synthetic worker id.
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
import { batchPut } from '../lib/batch-write';
import { memoryStore } from '../lib/memory-store';
import { orderRequest, prng } from '../lib/order-requests';
import { runPool } from '../lib/pool';
import { progress } from '../lib/progress';
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
  /** Adds orders until `total` exist; returns the seconds it took. */
  growTo(total: number, concurrency: number): Promise<number>;
}

const TWO_YEARS_MS = 2 * 365 * 86_400_000;
const SAMPLE_EVERY = 50;

export async function createSeeder(store: StoreContext, seed: number): Promise<Seeder> {
  const random = prng(seed);
  const pickTenant = zipfPicker(ENTERPRISES);
  const pickStatus = statusPicker();
  const now = Date.now();

  const bar = progress('enterprises', ENTERPRISES);
  const tenants: string[] = new Array(ENTERPRISES);
  await runPool(ENTERPRISES, 8, async (i) => {
    tenants[i] = (await createTenant(store, { name: `Bench enterprise ${i + 1}`, role: 'enterprise' })).tenantId;
    bar.tick();
  });
  bar.done();

  const seeder: Seeder = {
    tenants,
    count: 0,
    perTenant: new Array<number>(ENTERPRISES).fill(0),
    sample: [],
    async growTo(total, concurrency) {
      const started = Date.now();
      const orders = progress(`orders → ${total.toLocaleString('en')}`, total - seeder.count);
      // A pipeline: this process builds batches (the services cost ~0.6 ms of CPU per order)
      // while DynamoDB Local's JVM writes the previous ones, instead of taking turns.
      const ready: Record<string, unknown>[][] = [];
      let produced = seeder.count;
      let producing = true;
      const produce = async () => {
        while (produced < total) {
          while (ready.length >= concurrency * 4) await new Promise((r) => setTimeout(r, 2));
          const batch: Record<string, unknown>[] = [];
          for (; batch.length < 25 && produced < total; produced++) {
            const tenantIndex = pickTenant(random());
            const tenantId = tenants[tenantIndex]!;
            seeder.perTenant[tenantIndex]!++;
            const status = pickStatus(random());
            const createdAt = new Date(now - Math.floor(random() * TWO_YEARS_MS)).toISOString();
            const item = await orderItem(store.tableName, tenantId, status, createdAt, orderRequest(random, produced), random);
            batch.push(item);
            if (produced % SAMPLE_EVERY === 0) seeder.sample.push({ tenantId, orderId: String(item.orderId) });
          }
          ready.push(batch);
          // Let the writers' responses in between batches.
          await new Promise((r) => setImmediate(r));
        }
        producing = false;
      };
      const write = async () => {
        while (producing || ready.length > 0) {
          const batch = ready.shift();
          if (!batch) {
            await new Promise((r) => setTimeout(r, 1));
            continue;
          }
          await batchPut(store, batch);
          seeder.count += batch.length;
          orders.tick(batch.length);
        }
      };
      await Promise.all([produce(), ...Array.from({ length: concurrency }, write)]);
      orders.done();
      return (Date.now() - started) / 1000;
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

