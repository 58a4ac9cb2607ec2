/**
 * Scale: read latency at a small and at the programme-size table (530 enterprises, 400,000
 * orders: docs/architecture.md "Who uses Anxin"; quick mode 2,000 vs 20,000). The same
 * seeded population grows from the small size to the large one, and the same reads are
 * timed at both.
 * Target: p95 at the large size within 1.3× of p95 at the small size, for every read.
 */
import { loadavg } from 'node:os';
import { type Assembly } from '../lib/assembly';
import { collectGarbage } from '../lib/gc';
import { startBenchPlatform } from '../lib/platform';
import { prng } from '../lib/order-requests';
import { step } from '../lib/progress';
import { round } from '../lib/stats';
import { enterpriseKey, measureReads, type LatencyRow } from './measure';
import { createSeeder } from './seed';

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
}

export async function scalePhase(
  assembly: Assembly,
  opts: { sizes: [number, number]; requests: number; warmUp: number; seedConcurrency: number },
): Promise<ScaleResult> {
  const bench = await startBenchPlatform(assembly);
  try {
    const { store } = bench;
    const seeder = await createSeeder(store, 7);
    const bigTenant = seeder.tenants[0]!;
    const apiKey = await enterpriseKey(store, bigTenant);
    const apiUrl = bench.platform.apiUrl;
    const largest = () => seeder.perTenant[0]!;

    const smallSeconds = await seeder.growTo(opts.sizes[0], opts.seedConcurrency);
    const bigSmall = largest();
    step(`measuring reads at ${opts.sizes[0].toLocaleString('en')} orders`);
    const smallHeap = collectGarbage();
    const smallLoad = round(loadavg()[0]!, 1);
    const small = await measureReads({ store, apiUrl, bigTenant, apiKey, sample: seeder.sample, requests: opts.requests, warmUp: opts.warmUp, random: prng(11) });

    const largeSeconds = await seeder.growTo(opts.sizes[1], opts.seedConcurrency);
    step(`measuring reads at ${opts.sizes[1].toLocaleString('en')} orders`);
    const largeHeap = collectGarbage();
    const largeLoad = round(loadavg()[0]!, 1);
    const large = await measureReads({ store, apiUrl, bigTenant, apiKey, sample: seeder.sample, requests: opts.requests, warmUp: opts.warmUp, random: prng(11) });

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
    };
  } finally {
    await bench.stop();
  }
}
