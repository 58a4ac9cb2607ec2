/**
 * CPU seconds used so far by this process (all its threads: the load generator, the local
 * platform and the functions' worker threads) plus DynamoDB Local's JVM, read from
 * /proc/<pid>/stat. Two readings around a window give the CPU the window cost the machine:
 * on 2 cores, a work item that costs X ms of CPU cannot complete faster than 2,000 / X per
 * second, whatever the concurrency — which is what the throughput phase compares.
 */
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports process times in these ticks. */
const TICKS_PER_SECOND = 100;

export function cpuSeconds(jvmPid: number | undefined): number {
  const own = process.cpuUsage();
  return (own.user + own.system) / 1e6 + (jvmPid === undefined ? 0 : processCpuSeconds(jvmPid));
}

/** utime + stime of another process (fields 14 and 15 of /proc/<pid>/stat), 0 when it cannot be read. */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
