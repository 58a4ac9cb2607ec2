/**
 * Scale: read latency at a small and at the programme-size table (530 enterprises, 400,000
 * orders: docs/architecture.md "Who uses Anxin"; quick mode 1,000 vs 10,000). The same
 * seeded population grows from the small size to the large one, and the same reads are
 * timed at both. Beside the orders, what the two city-wide reads need: the enterprises
 * stationed at the bench stations with their certified-worker counts (station-staff.ts), and
 * the programme's order counters of the orders seeded so far, added before each size's reads
 * (programme-counters.ts).
 * Target: p95 at the large size within 1.3× of p95 at the small size, for every read.
 *
 * Then, on the large table, credit grading: what grading reads is seeded beside the orders
 * (credit-seed.ts), and the monthly grading function is invoked for one period twice (every
 * enterprise graded, then all found graded), timed on this platform; the platform is then
 * started again, metered, on the same data, and another period is graded the same two ways
 * for its DynamoDB and EventBridge usage (grading.ts). A quick run skips the timed runs and
 * takes time and Lambda usage from the metered ones (an over-estimate: the proxies' hop).
 */
import { loadavg } from 'node:os';
import { Meter, type MeterOptions } from '../../local/metering';
import { addMonths } from '../../shared/domain/credit/period';
import { previousShanghaiMonth, shanghaiMonth } from '../../shared/lib/shanghai-day';
import { loadPrices } from '../cost/pricing';
import { accessLogFormat, hasActiveTracing, type Assembly } from '../lib/assembly';
import { collectGarbage } from '../lib/gc';
import { benchDataDir, openBenchPlatform, type OpenPlatform } from '../lib/platform';
import { prng } from '../lib/order-requests';
import { step } from '../lib/progress';
import { round } from '../lib/stats';
import { seedCreditInputs, type CreditSeed } from './credit-seed';
import { gradingCost, gradingFunction, invokeGrading, type GradingCost, type GradingRun } from './grading';
import { enterpriseKey, measureReads, programmeKey, type LatencyRow } from './measure';
import { PROGRAMME_WORKERS } from './population';
import { ProgrammeCounters } from './programme-counters';
import { createSeeder } from './seed';
import { seedStationStaff } from './station-staff';

export const SCALE_TARGET_RATIO = 1.3;

export interface ScaleResult {
  sizes: [number, number];
  seedSeconds: [number, number];
  seedItemsPerSecond: number;
  largestEnterpriseOrders: [number, number];
  /** 1-minute load average when each size's reads started (the machine is shared). */
  loadAverage: [number, number];
  /** This process's heap after the collection that precedes each size's reads (MB). */
  heapMb: [number, number];
  rows: { measure: string; small: LatencyRow; large: LatencyRow; p95Ratio: number; verdict: string }[];
  grading?: ScaleGrading;
}

/** One kind of grading run: timed without metering proxies, and its twin on the metered platform (another period). */
export interface GradingPass {
  timed: GradingRun;
  metered: GradingRun;
  /** The timed run's handler duration per enterprise it went through (ms). */
  perEnterpriseMs: number;
  /** DynamoDB and EventBridge usage of the metered run, Lambda usage of the timed run, priced. */
  cost: GradingCost;
}

export interface ScaleGrading {
  /** Where time and Lambda usage come from: the unmetered twin runs, or (quick runs) the metered runs themselves. */
  timedOn: 'unmetered' | 'metered';
  /** Enterprises in the table (the seeded ones). */
  enterprises: number;
  /** Workers seeded, and the programme's number of worker records they are a share of. */
  workers: number;
  programmeWorkers: number;
  seed: CreditSeed;
  function: { memoryMb: number; timeoutSeconds: number };
  pricesAsOf: string;
  /** Nothing graded yet for the period: every enterprise graded (staff snapshot taken, records written, events published). */
  first: GradingPass;
  /** The same period again: every enterprise found graded (its event published again). */
  again: GradingPass;
}

export async function scalePhase(
  assembly: Assembly,
  opts: {
    sizes: [number, number];
    requests: number;
    warmUp: number;
    seedConcurrency: number;
    gradingWorkers?: number;
    /** Grade on a platform without metering proxies too, for time and Lambda usage (else both come from the metered runs). */
    timedGrading: boolean;
  },
): Promise<ScaleResult> {
  const data = benchDataDir();
  const meterOptions: MeterOptions = { tracing: (fn) => hasActiveTracing(assembly, fn.logicalId), accessLogFormat: accessLogFormat(assembly) };
  // Proxy-less: sees invocations and log lines (the grading's Lambda usage), adds no latency to the reads.
  const lambdaMeter = new Meter({ ...meterOptions, proxies: false });
  let bench: OpenPlatform | undefined = await openBenchPlatform(assembly, { meter: lambdaMeter, dataDir: data.dataDir });
  const meters = [lambdaMeter];
  try {
    const { store } = bench;
    const seeder = await createSeeder(store, 7);
    const bigTenant = seeder.tenants[0]!;
    const apiKey = await enterpriseKey(store, bigTenant);
    const adminKey = await programmeKey(store);
    const apiUrl = bench.platform.apiUrl;
    const largest = () => seeder.perTenant[0]!;
    // The stations need the enterprises they name: registered once the seeder has created them.
    await seedStationStaff(store, seeder.tenants, new Date());
    const counters = new ProgrammeCounters(store);
    const year = shanghaiMonth(new Date()).slice(0, 4);
    const reads = async () => {
      // What the consumer would have counted for the orders seeded since the last size.
      await counters.writeNew(seeder.facts, opts.seedConcurrency);
      return measureReads({
        store,
        apiUrl,
        bigTenant,
        apiKey,
        adminKey,
        year,
        programme: counters.yearTotals(year),
        sample: seeder.sample,
        requests: opts.requests,
        warmUp: opts.warmUp,
        random: prng(11),
      });
    };

    const smallSeconds = await seeder.growTo(opts.sizes[0], opts.seedConcurrency);
    const bigSmall = largest();
    step(`measuring reads at ${opts.sizes[0].toLocaleString('en')} orders`);
    const smallHeap = collectGarbage();
    const smallLoad = round(loadavg()[0]!, 1);
    const small = await reads();

    const largeSeconds = await seeder.growTo(opts.sizes[1], opts.seedConcurrency);
    step(`measuring reads at ${opts.sizes[1].toLocaleString('en')} orders`);
    const largeHeap = collectGarbage();
    const largeLoad = round(loadavg()[0]!, 1);
    const large = await reads();

    let grading: ScaleGrading | undefined;
    if (opts.gradingWorkers !== undefined) {
      const seed = await seedCreditInputs(store, seeder, { workers: opts.gradingWorkers, concurrency: opts.seedConcurrency, seed: 13 });
      const fn = gradingFunction(assembly);
      const latest = previousShanghaiMonth(new Date());
      collectGarbage();
      // The month before the latest first: grading an older period after a newer one finds the
      // newer grade in the published list, which makes every graded enterprise's write retry.
      const timed = opts.timedGrading ? await gradeTwice(bench, lambdaMeter, fn.logicalId, addMonths(latest, -1), 'unmetered') : undefined;
      const unmetered = bench;
      bench = undefined;
      await unmetered.stop();
      const meter = new Meter(meterOptions);
      meters.push(meter);
      const meteredBench = (bench = await openBenchPlatform(assembly, { meter, dataDir: data.dataDir, what: 'local platform (metered, same data)' }));
      // The next month, as the schedule would grade it: the timed one is graded already.
      const metered = await gradeTwice(meteredBench, meter, fn.logicalId, latest, 'metered');
      const prices = loadPrices();
      // Without the timed runs (a quick run), time and Lambda usage come from the metered runs.
      const timeOf = timed ?? metered;
      const pass = (i: 0 | 1): GradingPass => ({
        timed: timeOf[i].run,
        metered: metered[i].run,
        perEnterpriseMs: round(timeOf[i].run.handlerMs / Math.max(1, timeOf[i].run.enterprises), 1),
        cost: gradingCost(metered[i].usage, timeOf[i].usage.lambda, prices),
      });
      grading = {
        timedOn: timed ? 'unmetered' : 'metered',
        enterprises: seeder.tenants.length,
        workers: seed.workers,
        programmeWorkers: PROGRAMME_WORKERS,
        seed,
        function: { memoryMb: fn.memoryMb, timeoutSeconds: fn.timeoutSeconds },
        pricesAsOf: prices.asOf,
        first: pass(0),
        again: pass(1),
      };
    }

    return {
      sizes: opts.sizes,
      seedSeconds: [round(smallSeconds), round(largeSeconds)],
      seedItemsPerSecond: Math.round(opts.sizes[1] / (smallSeconds + largeSeconds)),
      largestEnterpriseOrders: [bigSmall, largest()],
      loadAverage: [smallLoad, largeLoad],
      heapMb: [smallHeap, largeHeap],
      rows: small.map((s, i) => {
        const l = large[i]!;
        const p95Ratio = round(l.p95 / s.p95, 2);
        return { measure: s.measure, small: s, large: l, p95Ratio, verdict: p95Ratio <= SCALE_TARGET_RATIO ? 'ok' : 'MISSED' };
      }),
      ...(grading ? { grading } : {}),
    };
  } finally {
    await bench?.stop();
    for (const meter of meters) await meter.close();
    await data.remove();
  }
}

/** A period graded from nothing, then again; each run's usage as the meter counted it. */
async function gradeTwice(bench: OpenPlatform, meter: Meter, logicalId: string, period: string, label: string) {
  const runs: { run: GradingRun; usage: ReturnType<Meter['take']> }[] = [];
  for (const kind of ['first run', 'again']) {
    meter.reset();
    const run = await invokeGrading(bench.platform, bench.store, logicalId, period, `${kind}, ${label}`);
    runs.push({ run, usage: meter.take() });
  }
  return runs as [(typeof runs)[0], (typeof runs)[0]];
}
