/**
 * Turns a worker's stdout or stderr into whole lines for the platform log, and notices
 * the runtime's "logs complete" markers (see worker-runtime.ts) without printing them.
 *
 * Lines that follow a marker (a timer printing after its invocation returned) are held
 * until release(): the host logs the invocation's REPORT only once both streams' markers
 * arrived, and a line read on one stream while the other's marker was still on its way
 * would otherwise land above that REPORT, in the wrong invocation. A marker that arrives
 * after its invocation's REPORT (the runtime writes one late, before a timer's line on a
 * stream the invocation left untouched) holds nothing: its lines already come after it.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export class LogLines {
  private readonly seen = new Set<string>();
  private readonly waiters = new Map<string, () => void>();
  private ended = false;
  private held: string[] | undefined;
  /** The invocation whose REPORT the host logged last (release(tag)). */
  private reported: string | undefined;
  /** Resolves once the stream has ended (the worker is gone) and every line was emitted. */
  readonly closed: Promise<void>;

  constructor(
    stream: Readable,
    private readonly marker: string,
    emit: (line: string) => void,
  ) {
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    this.emit = emit;
    lines.on('line', (line) => {
      const at = line.indexOf(marker);
      if (at < 0) return this.held ? void this.held.push(line) : emit(line);
      // A marker after an unterminated write: print what came before it.
      if (at > 0) (this.held ?? { push: emit }).push(line.slice(0, at));
      const tag = line.slice(at + marker.length).trim();
      if (tag === this.reported) return; // nobody waits for it, and nothing is held after it
      this.held ??= [];
      this.arrived(tag);
    });
    this.closed = new Promise((resolve) =>
      lines.on('close', () => {
        this.release();
        this.ended = true;
        for (const wake of this.waiters.values()) wake();
        this.waiters.clear();
        resolve();
      }),
    );
  }

  private readonly emit: (line: string) => void;

  /**
   * Prints the lines held since the last marker, and prints the next ones as they come.
   * `reported`: the invocation whose REPORT was just logged, so a marker of it still to come
   * holds nothing.
   */
  release(reported?: string): void {
    if (reported !== undefined) {
      this.reported = reported;
      this.seen.delete(reported);
    }
    const held = this.held;
    this.held = undefined;
    for (const line of held ?? []) this.emit(line);
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
