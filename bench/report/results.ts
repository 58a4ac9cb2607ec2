/** Everything one bench run produced: written to bench/results/latest.json and rendered from it. */
import type { ColdStartRow } from '../cold-start/phase';
import type { CommandCost } from '../cost/phase';
import type { MachineStamp } from '../lib/machine';
import type { MonthlyResult } from '../monthly/phase';
import type { ScaleResult } from '../scale/phase';
import type { ThroughputRow } from '../throughput/phase';

export interface BenchResults {
  mode: 'quick' | 'full';
  stamp: MachineStamp;
  /** Wall time of the whole run and of each phase, in seconds. */
  wallSeconds: number;
  phaseSeconds: Record<string, number>;
  coldStart?: ColdStartRow[];
  throughput?: ThroughputRow[];
  cost?: { pricesAsOf: string; region: string; commands: CommandCost[]; concurrency: number; count: number };
  scale?: ScaleResult;
  /** What a prod stage costs a month, per workload profile (idle, Guangzhou, 10×, province). */
  monthly?: MonthlyResult;
  notes: string[];
}
