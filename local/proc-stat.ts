/**
 * CPU time from Linux's /proc: what Node's process.cpuUsage() cannot give — another process's
 * CPU (DynamoDB Local's JVM), one thread's (/proc/thread-self), and the children a process
 * has reaped. Used by the bench and by the tests' per-file CPU (test/support/file-cpu.ts).
 */

/**
 * /proc reports times in clock ticks of USER_HZ, which Linux fixes at 100 on x86-64 and
 * arm64 (`getconf CLK_TCK`).
 */
const TICKS_PER_SECOND = 100;

/**
 * CPU-seconds from the text of a /proc/<pid>/stat or /proc/<pid>/task/<tid>/stat file:
 * user and system time, and with `children`, those of the children it has waited for.
 * The command name (field 2) is in parentheses and may itself hold spaces and parentheses,
 * so the fields are counted from the last ")".
 */
export function cpuSecondsOfStat(stat: string, children = false): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state (field 3) is at 0, so utime (14) … cstime (17) are at 11 … 14.
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
  const ticks = utime! + stime! + (children ? cutime! + cstime! : 0);
  if (!Number.isFinite(ticks)) throw new Error(`not a /proc stat line: ${stat.slice(0, 80)}`);
  return ticks / TICKS_PER_SECOND;
}

/** The start time of the process a stat line describes (field 22): with the pid, it names one process. */
export function startTimeOfStat(stat: string): string {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}
