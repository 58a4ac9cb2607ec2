/**
 * Throughput and latency on the local platform, unmetered (the metering proxies add a hop
 * and side reads; cost is measured in its own phase). For each concurrency: a warm-up that
 * is not counted (execution environments start, the authorizer caches the key), then N
 * orders posted; accepted/s and 202 latency percentiles; applied/s end to end (until the
 * last event is applied); and the ceiling — the same N consumer transactions sent straight
 * to the same DynamoDB Local at the same concurrency.
 */
import { cpus, loadavg } from 'node:os';
import { Meter } from '../../local/metering';
import type { FunctionUsage } from '../../local/metering/usage';
import { accessLogFormat, hasActiveTracing, type Assembly } from '../lib/assembly';
import { cpuSeconds } from '../lib/cpu';
import { throughputVerdict } from './target';
import { startBenchPlatform } from '../lib/platform';
import { step } from '../lib/progress';
import { percentile, round } from '../lib/stats';
import { awaitSettled } from './await-applied';
import { measureCeiling } from './ceiling';
import { postOrders } from './post-orders';

export interface ThroughputRow {
  concurrency: number;
  orders: number;
  acceptedPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failures: Record<number, number>;
  appliedPerSecond: number;
  applied: number;
  rejected: number;
  pending: number;
  ceilingPerSecond: number;
  ratioToCeiling: number;
  /**
   * CPU per applied order — this process (load generator, platform, functions) and DynamoDB
   * Local's JVM, from the first post until the last event applied — and per ceiling
   * transaction (this process's client and the JVM); ms.
   */
  cpuMsPerOrder: number;
  cpuMsPerCeilingTx: number;
  /** The machine's cores ÷ CPU per applied order: what applied/s could reach if CPU were all that bounds it. */
  cpuBoundPerSecond: number;
  verdict: string;
  /** 1-minute load average when the level started (the machine is shared). */
  loadAverage: number;
}


/** Lambda usage over one level's measured orders (a proxy-less meter: it adds no latency). */
export interface LambdaSample {
  concurrency: number;
  commands: number;
  lambda: Record<string, FunctionUsage>;
}

export async function throughputPhase(
  assembly: Assembly,
  levels: { concurrency: number; orders: number }[],
): Promise<{ rows: ThroughputRow[]; lambda: LambdaSample[] }> {
  const meter = new Meter({ proxies: false, tracing: (fn) => hasActiveTracing(assembly, fn.logicalId), accessLogFormat: accessLogFormat(assembly) });
  const bench = await startBenchPlatform(assembly, meter, 'local platform (unmetered)');
  const rows: ThroughputRow[] = [];
  const lambda: LambdaSample[] = [];
  try {
    const { platform, store, enterprise } = bench;
    const post = (count: number, concurrency: number, seed: number, label?: string) =>
      postOrders({ apiUrl: platform.apiUrl, apiKey: enterprise.apiKey, count, concurrency, seed, label });
    for (const [i, level] of levels.entries()) {
      const warm = await post(Math.min(64, level.concurrency * 2), level.concurrency, 1000 + i);
      await awaitSettled(store, enterprise.tenantId, warm.eventIds, 60_000);

      meter.reset();
      const loadAverage = round(loadavg()[0]!, 1);
      const cpu = () => cpuSeconds(bench.jvmPid());
      const cpuAtStart = cpu();
      const run = await post(level.orders, level.concurrency, 2000 + i, `orders c=${level.concurrency}`);
      // Generous deadline: the consumer may lag far behind the 202s at high concurrency.
      const settled = await awaitSettled(store, enterprise.tenantId, run.eventIds, Math.max(120_000, level.orders * 100));
      const ordersCpuSeconds = cpu() - cpuAtStart;
      if (settled.pending > 0) step(`${settled.pending} events still not applied at the deadline`);
      lambda.push({ concurrency: level.concurrency, commands: run.eventIds.length, lambda: meter.take().lambda });
      const ceiling = await measureCeiling(store, enterprise.tenantId, level.orders, level.concurrency, 3000 + i, cpu);

      const acceptedSeconds = (run.endedAt - run.startedAt) / 1000;
      const appliedSeconds = (settled.lastSettledAt - run.startedAt) / 1000;
      const appliedPerSecond = settled.applied / appliedSeconds;
      const ratioToCeiling = round(appliedPerSecond / ceiling.perSecond, 2);
      const cpuMsPerOrder = round((ordersCpuSeconds * 1000) / Math.max(1, settled.applied), 1);
      const cpuMsPerCeilingTx = round((ceiling.cpuSeconds * 1000) / ceiling.transactions, 1);
      const cpuBoundPerSecond = round((cpus().length * 1000) / cpuMsPerOrder, 1);
      rows.push({
        concurrency: level.concurrency,
        orders: level.orders,
        acceptedPerSecond: round(run.latenciesMs.length / acceptedSeconds),
        p50: round(percentile(run.latenciesMs, 50)),
        p95: round(percentile(run.latenciesMs, 95)),
        p99: round(percentile(run.latenciesMs, 99)),
        failures: run.failures,
        appliedPerSecond: round(appliedPerSecond),
        applied: settled.applied,
        rejected: settled.rejected,
        pending: settled.pending,
        ceilingPerSecond: round(ceiling.perSecond),
        ratioToCeiling,
        cpuMsPerOrder,
        cpuMsPerCeilingTx,
        cpuBoundPerSecond,
        verdict: throughputVerdict(level.concurrency, ratioToCeiling, cpuMsPerOrder, cpuMsPerCeilingTx, cpuBoundPerSecond),
        loadAverage,
      });
    }
    return { rows, lambda };
  } finally {
    await bench.stop();
    await meter.close();
  }
}
