/**
 * Turns a worker's stdout or stderr into whole lines for the platform log, and notices
 * the runtime's "logs complete" markers (see worker-runtime.ts) without printing them.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export class LogLines {
  private readonly seen = new Set<string>();
  private readonly waiters = new Map<string, () => void>();
  private ended = false;
  /** Resolves once the stream has ended (the worker is gone) and every line was emitted. */
  readonly closed: Promise<void>;

  constructor(
    stream: Readable,
    private readonly marker: string,
    emit: (line: string) => void,
  ) {
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (line) => {
      const at = line.indexOf(marker);
      if (at < 0) return emit(line);
      // A marker after an unterminated write: print what came before it.
      if (at > 0) emit(line.slice(0, at));
      this.arrived(line.slice(at + marker.length).trim());
    });
    this.closed = new Promise((resolve) =>
      lines.on('close', () => {
        this.ended = true;
        for (const wake of this.waiters.values()) wake();
        this.waiters.clear();
        resolve();
      }),
    );
  }

  /** Waits until the marker `tag` has been read (or the stream ended, or `timeoutMs` passed). */
  waitFor(tag: string, timeoutMs: number): Promise<void> {
    if (this.seen.delete(tag) || this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      // Bounded: user code that replaces process.stdout.write must not hang the invocation.
      const timer = setTimeout(() => {
        this.waiters.delete(tag);
        resolve();
      }, timeoutMs);
      this.waiters.set(tag, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private arrived(tag: string): void {
    const wake = this.waiters.get(tag);
    if (wake) {
      this.waiters.delete(tag);
      wake();
    } else {
      this.seen.add(tag);
    }
  }
}
