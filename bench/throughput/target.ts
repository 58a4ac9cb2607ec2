/** The local-throughput target and its verdict, apart from the phase so a unit test can hold it. */
import { round } from '../lib/stats';

/** Target: end-to-end applied orders at concurrency 8 and 32 at least this share of the ceiling. */
export const THROUGHPUT_TARGET_RATIO = 0.5;
const TARGET_CONCURRENCY = [8, 32];

/**
 * The target holds at concurrency 8 and 32; a miss is said with its measured reason: the CPU
 * an applied order costs the machine against what a ceiling transaction costs it.
 */
export function throughputVerdict(concurrency: number, ratio: number, cpuMsPerOrder: number, cpuMsPerCeilingTx: number, cpuBoundPerSecond: number): string {
  if (!TARGET_CONCURRENCY.includes(concurrency)) return '–';
  if (ratio >= THROUGHPUT_TARGET_RATIO) return 'ok';
  return `MISSED: an applied order cost ${cpuMsPerOrder} ms of CPU, a ceiling transaction ${cpuMsPerCeilingTx} ms (${round(cpuMsPerOrder / cpuMsPerCeilingTx, 1)}×): at most ${cpuBoundPerSecond}/s on this machine's cores`;
}
