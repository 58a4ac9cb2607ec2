/**
 * Read latencies at a given table size: GET one order and list one enterprise's orders by
 * time and by status (newest 25), through the store layer (the repository call a handler
 * makes) and over HTTP (authorizer, function, repository). Requests are sequential (latency,
 * not load); lists read the largest enterprise. Each read is first repeated untimed (as
 * many times as it is then timed in the full run): otherwise the first size would be
 * measured on functions and a JVM still compiling their hot paths, and the second size
 * would look faster than it is.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createKey } from '../../shared/admin/onboarding';
import type { StoreContext } from '../../shared/store/client';
import { ordersRepository } from '../../shared/store/orders-repository';
import { timedRequest } from '../lib/http';
import { progress } from '../lib/progress';
import { percentile, round } from '../lib/stats';
import type { SeededOrder } from './seed';

export const LIST_STATUS = 'CLOSED';

export interface LatencyRow {
  measure: string;
  requests: number;
  p50: number;
  p95: number;
  /**
   * p99 of this process's event-loop delay while the measure ran (ms). The HTTP API and the
   * function hosts run in this process, so a stall here (GC, other work) shows up in the
   * HTTP latencies without being the table's doing.
   */
  loopDelayP99: number;
}

export async function measureReads(args: {
  store: StoreContext;
  apiUrl: string;
  bigTenant: string;
  apiKey: string;
  sample: SeededOrder[];
  requests: number;
  /** Uncounted requests before each measure (JIT, caches, connections). */
  warmUp: number;
  random: () => number;
}): Promise<LatencyRow[]> {
  const orders = ordersRepository(args.store);
  const bigOrders = (await orders.list(args.bigTenant, { filter: { by: 'time' }, limit: 100 })).items.map((o) => o.orderId);
  const pick = <T>(list: T[]) => list[Math.floor(args.random() * list.length)]!;
  const auth = { authorization: `Bearer ${args.apiKey}` };
  const http = async (path: string) => {
    const r = await timedRequest(`${args.apiUrl}${path}`, { headers: auth });
    if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${r.body.slice(0, 200)}`);
    return r.ms;
  };
  const timed = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };

  const measures: [string, () => Promise<number>][] = [
    [
      'store: get order',
      () => {
        const o = pick(args.sample);
        return timed(() => orders.get(o.tenantId, o.orderId));
      },
    ],
    ['store: list by time (25)', () => timed(() => orders.list(args.bigTenant, { filter: { by: 'time' }, limit: 25 }))],
    [`store: list by status ${LIST_STATUS} (25)`, () => timed(() => orders.list(args.bigTenant, { filter: { by: 'status', status: LIST_STATUS }, limit: 25 }))],
    ['http: GET /v1/orders/{id}', () => http(`/v1/orders/${pick(bigOrders)}`)],
    ['http: GET /v1/orders?limit=25', () => http('/v1/orders?limit=25')],
    [`http: GET /v1/orders?status=${LIST_STATUS}&limit=25`, () => http(`/v1/orders?status=${LIST_STATUS}&limit=25`)],
  ];

  const rows: LatencyRow[] = [];
  const bar = progress('reads', measures.length * args.requests);
  for (const [measure, run] of measures) {
    for (let i = 0; i < args.warmUp; i++) await run();
    const samples: number[] = [];
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    for (let i = 0; i < args.requests; i++) {
      samples.push(await run());
      bar.tick();
    }
    loop.disable();
    rows.push({
      measure,
      requests: samples.length,
      p50: round(percentile(samples, 50), 2),
      p95: round(percentile(samples, 95), 2),
      loopDelayP99: round(loop.percentile(99) / 1e6, 1),
    });
  }
  bar.done();
  return rows;
}

export async function enterpriseKey(store: StoreContext, tenantId: string): Promise<string> {
  return (await createKey(store, tenantId, 'bench reads')).apiKey;
}
