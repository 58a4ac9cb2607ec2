import { describe, expect, it } from 'vitest';
import { cpuSecondsOfStat, startTimeOfStat } from '../../local/proc-stat';
import { dynamodbLocalCpuSince, threadCpuSeconds } from '../support/file-cpu';

// A real /proc/<pid>/stat line, with a command name that holds a space and a parenthesis.
const STAT =
  '4242 (node (vitest 1)) R 4200 4242 4200 0 -1 4194560 90031 2100 0 0 1234 567 89 10 20 0 11 0 515151 1200000000 60000 18446744073709551615 1 1 0 0 0 0 0 16781312 17642 0 0 0 17 1 0 0 0 0 0';

describe('cpuSecondsOfStat', () => {
  it('adds user and system time, counting the fields from the last parenthesis of the name', () => {
    expect(cpuSecondsOfStat(STAT)).toBeCloseTo((1234 + 567) / 100, 10);
  });

  it("adds the reaped children's time on request", () => {
    expect(cpuSecondsOfStat(STAT, true)).toBeCloseTo((1234 + 567 + 89 + 10) / 100, 10);
  });

  it('reads the start time (field 22), which tells a process from a later one with the same pid', () => {
    expect(startTimeOfStat(STAT)).toBe('515151');
  });

  it('refuses what is not a stat line', () => {
    expect(() => cpuSecondsOfStat('not a stat line')).toThrow(/not a \/proc stat line/);
  });

  it.runIf(process.platform === 'linux')("reads the calling thread's CPU, which grows with work on it", () => {
    const before = threadCpuSeconds();
    // Busy until the kernel has charged this thread a clock tick (10 ms), with a deadline.
    const deadline = Date.now() + 5_000;
    let after = before;
    while (after <= before && Date.now() < deadline) after = threadCpuSeconds();
    expect(after).toBeGreaterThan(before);
    expect(after - before).toBeLessThan(1);
  });
});

describe('dynamodbLocalCpuSince', () => {
  it("counts what each JVM still running spent in between, all of a new one's, nothing of one that ended", () => {
    const before = new Map([['100@5', 10], ['200@7', 3]]);
    const after = new Map([['100@5', 12.5], ['300@9', 1.25]]);
    expect(dynamodbLocalCpuSince(before, after)).toBeCloseTo(2.5 + 1.25, 10);
  });
});
