/**
 * What one test file cost in CPU, for finding where a test run's time goes (the run is
 * CPU-bound on two cores, so its length is its CPU over two). Read from Linux's /proc, which
 * has what Node lacks: the CPU of one thread (a unit, infra or integration file runs in a
 * worker thread beside the other project's thread, so the process's CPU would mix them) and
 * the CPU of a process's finished children (an e2e file's CLI-started platforms, Chromium,
 * the CDK and aws CLIs).
 *
 * Opt-in through file-cpu-setup.ts (ANXIN_TEST_CPU); summed up by scripts/test-cpu-report.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpuSecondsOfStat, startTimeOfStat } from '../../local/proc-stat';

/** One line of the report file (JSON Lines): a test file and what it cost. */
export interface FileCpu {
  /** The test file, relative to the repository root. */
  file: string;
  /** vitest's project (unit, integration, infra, e2e): the folder of test/ the file is in. */
  project: string;
  /** CPU-seconds of the file's own worker: its thread (threads pool) or its process and the children it reaped (forks pool). */
  cpu: number;
  /** CPU-seconds of the DynamoDB Local JVMs meanwhile (dynamodbLocalCpuSince): shared with whatever ran beside the file. */
  dynamodbLocal: number;
  /** Seconds from the file's setup to its last afterAll. */
  wall: number;
}

/** The calling thread's CPU-seconds (a synchronous read runs on the calling thread). */
export function threadCpuSeconds(): number {
  return cpuSecondsOfStat(readFileSync('/proc/thread-self/stat', 'utf8'));
}

/** This process's CPU-seconds, with the children it has reaped. */
export function processAndChildrenCpuSeconds(): number {
  return cpuSecondsOfStat(readFileSync('/proc/self/stat', 'utf8'), true);
}

/**
 * Each running DynamoDB Local JVM's CPU-seconds so far (the run's shared one and any a test
 * started), by process; `dynamodbLocalCpuSince` turns two of these into the CPU in between.
 */
export function dynamodbLocalCpu(): Map<string, number> {
  const byProcess = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('DynamoDBLocal')) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Keyed with the start time, so a pid used again is another process.
      byProcess.set(`${pid}@${startTimeOfStat(stat)}`, cpuSecondsOfStat(stat));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return byProcess;
}

/**
 * The JVMs' CPU between two readings: what each one still running has spent since the first
 * (all of it, for one started in between). A JVM that ended in between is not counted — its
 * last figure is gone; an e2e file's own CLI-started platforms are in that file's CPU already.
 */
export function dynamodbLocalCpuSince(before: Map<string, number>, after: Map<string, number>): number {
  let total = 0;
  for (const [process, cpu] of after) total += cpu - (before.get(process) ?? 0);
  return total;
}
