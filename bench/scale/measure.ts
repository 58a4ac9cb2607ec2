/**
 * Read latencies at a given table size: GET one order and list one enterprise's orders by
 * time and by status (newest 25), through the store layer (the repository call a handler
 * makes) and over HTTP (authorizer, function, repository); the programme's figures of the
 * year (store and HTTP, admin key); the public 15-minute circle around a random point of
 * the bench stations' grid (HTTP, no key). Requests are sequential (latency, not load);
 * lists read the largest enterprise. Each read is first repeated untimed (as many times as
 * it is then timed in the full run): otherwise the first size would be measured on
 * functions and a JVM still compiling their hot paths, and the second size would look
 * faster than it is.
 *
 * Before any of it, the programme's figures and one circle are read and checked: a read
 * that answers fast because its data is missing would pass the flatness test for nothing.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { programmeFigures } from '../../shared/services/programme-figures';
import type { StoreContext } from '../../shared/store/client';
import { ordersRepository } from '../../shared/store/orders-repository';
import { timedRequest } from '../lib/http';
import { prng } from '../lib/order-requests';
import { progress } from '../lib/progress';
import { benchStations } from '../lib/stations';
import { percentile, round } from '../lib/stats';
import type { SeededOrder } from './seed';

export const LIST_STATUS = 'CLOSED';

/**
 * A nearby point is drawn within this many degrees of a bench station, in latitude and in
 * longitude (at most ~1.06 km away in Guangzhou, inside the 1.2 km circle): every circle
 * holds that station — and only it, the grid being 2 km apart — and its three or so
 * enterprises' counts are read.
 */
const NEARBY_SPREAD_DEG = 0.007;
const NEARBY_SEED = 17;

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
  /** An admin tenant's key (programmeKey). */
  adminKey: string;
  /** The programme's year read (`YYYY`), and its order counters as written for the seeded orders. */
  year: string;
  programme: { ordersCreated: number; servicesDelivered: number };
  requests: number;
  /** Uncounted requests before each measure (JIT, caches, connections). */
  warmUp: number;
  random: () => number;
}): Promise<LatencyRow[]> {
  const orders = ordersRepository(args.store);
  const bigOrders = (await orders.list(args.bigTenant, { filter: { by: 'time' }, limit: 100 })).items.map((o) => o.orderId);
  const pick = <T>(list: T[]) => list[Math.floor(args.random() * list.length)]!;
  const enterprise = { authorization: `Bearer ${args.apiKey}` };
  const admin = { authorization: `Bearer ${args.adminKey}` };
  const get = async (path: string, headers: Record<string, string>) => {
    const r = await timedRequest(`${args.apiUrl}${path}`, { headers });
    if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}: ${r.body.slice(0, 200)}`);
    return r;
  };
  const http = async (path: string, headers: Record<string, string> = enterprise) => (await get(path, headers)).ms;
  // Its own generator, made afresh for each size: both sizes ask about the same points.
  const nearbyRandom = prng(NEARBY_SEED);
  const stations = benchStations();
  const nearbyPath = () => {
    const { lat, lng } = stations[Math.floor(nearbyRandom() * stations.length)]!.location;
    const offset = () => (nearbyRandom() * 2 - 1) * NEARBY_SPREAD_DEG;
    return `/v1/public/stations/nearby?lat=${(lat + offset()).toFixed(6)}&lng=${(lng + offset()).toFixed(6)}`;
  };
  const programmePath = `/v1/admin/programme?year=${args.year}`;
  await checkReads(args, (path, headers) => get(path, headers).then((r) => JSON.parse(r.body) as unknown), programmePath, admin);
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
    ['store: programme figures (year)', () => timed(() => programmeFigures(args.store, args.year))],
    ['http: GET /v1/orders/{id}', () => http(`/v1/orders/${pick(bigOrders)}`)],
    ['http: GET /v1/orders?limit=25', () => http('/v1/orders?limit=25')],
    [`http: GET /v1/orders?status=${LIST_STATUS}&limit=25`, () => http(`/v1/orders?status=${LIST_STATUS}&limit=25`)],
    ['http: GET /v1/public/stations/nearby', () => http(nearbyPath(), {})],
    ['http: GET /v1/admin/programme?year=<current year>', () => http(programmePath, admin)],
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

/** An admin tenant of the bench's own and its key, as the admin CLI onboards an officer (an admin is no enterprise: it moves no programme figure). */
export async function programmeKey(store: StoreContext): Promise<string> {
  const tenant = await createTenant(store, { name: 'Bench programme officer', role: 'admin' });
  return (await createKey(store, tenant.tenantId, 'bench reads')).apiKey;
}

/**
 * The programme's figures, through the store and over HTTP, carry the year's order counts
 * as written; the circle around a bench station answers it with its enterprises counted.
 */
async function checkReads(
  args: { store: StoreContext; year: string; programme: { ordersCreated: number; servicesDelivered: number } },
  getJson: (path: string, headers: Record<string, string>) => Promise<unknown>,
  programmePath: string,
  admin: Record<string, string>,
): Promise<void> {
  const want = args.programme;
  const compare = (what: string, totals: { ordersCreated: number; servicesDelivered: number }) => {
    if (totals.ordersCreated !== want.ordersCreated || totals.servicesDelivered !== want.servicesDelivered) {
      throw new Error(
        `${what}: ${args.year} has ${totals.ordersCreated} orders created and ${totals.servicesDelivered} services delivered, the seeder wrote ${want.ordersCreated} and ${want.servicesDelivered}`,
      );
    }
  };
  if (want.ordersCreated === 0) throw new Error(`no seeded order falls in ${args.year}: the programme's figures would be read empty`);
  compare('store: programme figures', (await programmeFigures(args.store, args.year)).totals);
  compare(`GET ${programmePath}`, ((await getJson(programmePath, admin)) as { totals: { ordersCreated: number; servicesDelivered: number } }).totals);

  const station = benchStations()[0]!;
  const path = `/v1/public/stations/nearby?lat=${station.location.lat}&lng=${station.location.lng}`;
  const { items } = (await getJson(path, {})) as { items: { stationId: string; countsAsOf: string | null; services: { certifiedWorkers?: number }[] }[] };
  const own = items.find((i) => i.stationId === station.stationId);
  if (!own) throw new Error(`GET ${path}: ${station.stationId} is not in its own circle (${items.length} stations answered)`);
  const certified = own.services.reduce((n, s) => n + (s.certifiedWorkers ?? 0), 0);
  if (own.countsAsOf === null || certified === 0) throw new Error(`GET ${path}: ${station.stationId} has no counted certified workers (countsAsOf ${own.countsAsOf}, ${certified} workers)`);
}
