/**
 * A full garbage collection on demand. The scale phase seeds hundreds of thousands of
 * orders in this process, which also hosts the local HTTP API and function hosts; the
 * garbage left behind would be collected in the middle of the timed reads and stall the
 * event loop that every HTTP request passes through. Collecting before each size's reads
 * gives both sizes the same clean start. (`--expose-gc` set at run time, so `npm run bench`
 * needs no extra flag.)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): number {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  return Math.round(process.memoryUsage().heapUsed / 1024 ** 2);
}
