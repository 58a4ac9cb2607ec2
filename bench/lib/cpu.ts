/**
 * CPU seconds used so far by this process (all its threads: the load generator, the local
 * platform and the functions' worker threads) plus DynamoDB Local's JVM, read from
 * /proc/<pid>/stat. Two readings around a window give the CPU the window cost the machine:
 * on 2 cores, a work item that costs X ms of CPU cannot complete faster than 2,000 / X per
 * second, whatever the concurrency — which is what the throughput phase compares.
 */
import { readFileSync } from 'node:fs';
import { cpuSecondsOfStat } from '../../local/proc-stat';

export function cpuSeconds(jvmPid: number | undefined): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1e6 + (jvmPid === undefined ? 0 : processCpuSeconds(jvmPid));
}

/** utime + stime of another process (fields 14 and 15 of /proc/<pid>/stat), 0 when it cannot be read. */
export function processCpuSeconds(pid: number): number {
  try {
    return cpuSecondsOfStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return 0;
  }
}
