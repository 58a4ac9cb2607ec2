/**
 * The bench's local-throughput verdict (bench/throughput/target.ts) and the CPU reading it
 * rests on (bench/lib/cpu.ts): a miss names the measured CPU per applied order against a
 * ceiling transaction's, and only the target's concurrencies are judged.
 */
import { describe, expect, it } from 'vitest';
import { processCpuSeconds } from '../../bench/lib/cpu';
import { THROUGHPUT_TARGET_RATIO, throughputVerdict } from '../../bench/throughput/target';

describe('the local-throughput target', () => {
  it('judges concurrency 8 and 32 only, at half the ceiling', () => {
    expect(THROUGHPUT_TARGET_RATIO).toBe(0.5);
    expect(throughputVerdict(1, 0.1, 70, 12, 28)).toBe('–');
    expect(throughputVerdict(8, 0.5, 70, 12, 28)).toBe('ok');
    expect(throughputVerdict(32, 0.62, 70, 12, 28)).toBe('ok');
  });

  it('says a miss with the CPU an applied order cost against a ceiling transaction', () => {
    expect(throughputVerdict(8, 0.15, 72.4, 13.1, 27.6)).toBe(
      "MISSED: an applied order cost 72.4 ms of CPU, a ceiling transaction 13.1 ms (5.5×): at most 27.6/s on this machine's cores",
    );
  });
});

describe('CPU of another process', () => {
  it('reads utime + stime from /proc, and 0 for a process that is not there', () => {
    const start = Date.now();
    while (Date.now() - start < 60) {
      // burn a little CPU so this process has some to report
    }
    expect(processCpuSeconds(process.pid)).toBeGreaterThan(0);
    expect(processCpuSeconds(2 ** 22 + 7)).toBe(0);
  });
});
