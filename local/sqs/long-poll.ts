/**
 * Long polling. A ReceiveMessage that finds nothing parks here until the queue is poked
 * (a send, a visibility change to 0, a dead-letter or redrive move...), until the next
 * moment a delayed or in-flight message becomes visible on its own, until its deadline, or
 * until the client disconnects. The only timers are one per parked request, all unref'd,
 * and `closeAll` releases every parked request when the server shuts down.
 */
export class Waiters {
  private readonly byQueue = new Map<string, Set<() => void>>();
  private closed = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** Resolves on notify(queue), at `until` (epoch ms), on abort, or on closeAll(). */
  wait(queue: string, until: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.byQueue.get(queue);
      if (!set) {
        set = new Set();
        this.byQueue.set(queue, set);
      }
      const parked = set;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        parked.delete(done);
        if (parked.size === 0 && this.byQueue.get(queue) === parked) this.byQueue.delete(queue);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, until - this.now()));
      timer.unref();
      signal.addEventListener('abort', done, { once: true });
      parked.add(done);
      if (this.closed || signal.aborted) done();
    });
  }

  notify(queue: string): void {
    const set = this.byQueue.get(queue);
    if (set) for (const done of [...set]) done();
  }

  closeAll(): void {
    this.closed = true;
    for (const queue of [...this.byQueue.keys()]) this.notify(queue);
  }
}
