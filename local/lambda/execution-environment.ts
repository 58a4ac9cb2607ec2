/**
 * One Lambda execution environment = one worker thread. It initialises once, runs one
 * invocation at a time, and dies like Lambda's would: on a timeout (killed), on an
 * uncaught exception or unhandled rejection, on process.exit, or out of memory.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { describeError } from './errors';
import { LogLines } from './log-lines';
import { LOG_STREAMS, type InvokeMessage, type LogStream, type WorkerInit, type WorkerMessage } from './protocol';
import { ErrorTypes, type LambdaError } from './types';

export type InitOutcome = { ok: true; initMs: number } | { ok: false; initMs: number; error: LambdaError; timedOut?: boolean };

export type CallOutcome =
  | { kind: 'result'; payload: string; durationMs: number }
  | { kind: 'error'; error: LambdaError; durationMs: number; timedOut?: boolean };

export interface EnvironmentOptions {
  script: string;
  env: Record<string, string>;
  init: Omit<WorkerInit, 'logMarker' | 'nodeOptions'>;
  memoryMb: number;
  /** Lambda gives the init phase 10 s. */
  initTimeoutMs: number;
  log: (line: string) => void;
}

// How long to wait for the last log lines of an invocation before giving up on them.
const LOG_FLUSH_MS = 1_000;

export class ExecutionEnvironment {
  readonly ready: Promise<InitOutcome>;
  private readonly worker: Worker;
  private readonly stdout: LogLines;
  private readonly stderr: LogLines;
  private alive = true;
  /** Why the worker is going away, when we know better than "it exited". */
  private deathCause?: { error: LambdaError; timedOut?: boolean };
  private pending?: { requestId: string; started: number; timer: NodeJS.Timeout; settle: (o: CallOutcome) => void };
  private settleInit?: (o: InitOutcome) => void;
  private readonly spawnedAt = performance.now();
  private readonly log: (line: string) => void;

  constructor(opts: EnvironmentOptions) {
    this.log = opts.log;
    const logMarker = `\u0000anxin-logs-complete:${randomUUID()}`;
    const { NODE_OPTIONS: nodeOptions, ...env } = opts.env;
    this.worker = new Worker(opts.script, {
      // Isolated process.env: the worker sees exactly this, never the host's variables.
      env,
      workerData: { ...opts.init, nodeOptions, logMarker } satisfies WorkerInit,
      // Bare Node, like Lambda's runtime: no loaders inherited from the host (tsx, vitest).
      execArgv: [],
      stdout: true,
      stderr: true,
      // The function's MemorySize as the heap ceiling: exceeding it kills the environment.
      resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb },
    });
    this.stdout = new LogLines(this.worker.stdout, logMarker, opts.log);
    this.stderr = new LogLines(this.worker.stderr, logMarker, opts.log);

    this.ready = new Promise<InitOutcome>((resolve) => {
      const timer = setTimeout(() => {
        const seconds = (opts.initTimeoutMs / 1000).toFixed(2);
        this.kill({ errorType: ErrorTypes.timeout, errorMessage: `INIT phase timed out after ${seconds} seconds` }, true);
      }, opts.initTimeoutMs);
      this.settleInit = (outcome) => {
        clearTimeout(timer);
        this.settleInit = undefined;
        resolve(outcome);
      };
    });

    this.worker.on('message', (msg: WorkerMessage) => void this.onMessage(msg));
    this.worker.on('error', (err: Error & { code?: string }) => {
      // Errors the runtime could not catch itself, chiefly running out of heap.
      this.deathCause ??= {
        error:
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? { errorType: ErrorTypes.outOfMemory, errorMessage: 'Runtime exited with error: signal: killed' }
            : { errorType: err.name, errorMessage: err.message, stack: err.stack?.split('\n') },
      };
    });
    this.worker.on('exit', (code) => this.onExit(code));
  }

  get isAlive(): boolean {
    return this.alive;
  }

  invoke(requestId: string, event: string, timeoutMs: number): Promise<CallOutcome> {
    if (this.pending) throw new Error('an execution environment runs one invocation at a time');
    if (!this.alive) {
      // It died between invocations (say, a timer threw after the last one returned). In
      // Lambda the frozen environment would crash during this invocation; so it fails.
      const cause = this.deathCause ?? { error: { errorType: ErrorTypes.exit, errorMessage: 'Runtime exited without providing a reason' } };
      return Promise.resolve({ kind: 'error', durationMs: 0, error: cause.error });
    }
    // What a timer printed since the last invocation belongs before this one's lines.
    this.releaseLogs();
    const started = performance.now();
    const msg: InvokeMessage = { type: 'invoke', requestId, event, deadlineMs: Date.now() + timeoutMs };
    return new Promise<CallOutcome>((settle) => {
      const timer = setTimeout(() => {
        // Lambda stops the environment mid-flight; so do we, and it answers at once.
        const seconds = (timeoutMs / 1000).toFixed(2);
        const error = { errorType: ErrorTypes.timeout, errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` };
        this.finish({ kind: 'error', error, durationMs: timeoutMs, timedOut: true });
        this.kill(error, true);
      }, timeoutMs);
      this.pending = { requestId, started, timer, settle };
      this.worker.postMessage(msg);
    });
  }

  /** Prints the lines held since the last invocation ended (log-lines.ts); the host calls it after the REPORT of `reported`. */
  releaseLogs(reported?: string): void {
    this.stdout.release(reported);
    this.stderr.release(reported);
  }

  /** Stops the worker. `cause` is what an invocation still running will be told. */
  async terminate(cause?: LambdaError): Promise<void> {
    if (cause) this.deathCause ??= { error: cause };
    this.alive = false;
    await this.worker.terminate();
    // Let the last lines the worker printed reach the log before we report its end.
    await Promise.race([Promise.all([this.stdout.closed, this.stderr.closed]), delay(LOG_FLUSH_MS)]);
  }

  private kill(error: LambdaError, timedOut = false): void {
    this.deathCause ??= { error, timedOut };
    void this.terminate();
  }

  private async onMessage(msg: WorkerMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
      case 'init-error': {
        await this.logsComplete('init', msg.logs);
        // Init Duration as the caller lives it: thread start-up plus importing the bundle.
        const initMs = performance.now() - this.spawnedAt;
        if (msg.type === 'ready') this.settleInit?.({ ok: true, initMs });
        else {
          this.settleInit?.({ ok: false, initMs, error: msg.error });
          // Lambda throws a failed environment away; the next invoke initialises anew.
          void this.terminate();
        }
        return;
      }
      case 'result':
      case 'error': {
        const pending = this.pending;
        if (pending?.requestId !== msg.requestId) return;
        // The handler has answered: from here on, neither the timeout nor a crash can change that.
        clearTimeout(pending.timer);
        this.pending = undefined;
        await this.logsComplete(msg.requestId, msg.logs);
        pending.settle(
          msg.type === 'result'
            ? { kind: 'result', payload: msg.payload, durationMs: msg.durationMs }
            : { kind: 'error', error: msg.error, durationMs: msg.durationMs },
        );
        return;
      }
      case 'fatal':
        // With an invocation running, it is that invocation's error (the host logs it);
        // between invocations nobody would hear of it, so it goes to the log here.
        if (!this.pending) {
          const [first, ...rest] = describeError(msg.error);
          this.log(`ERROR Uncaught Exception ${first}`);
          for (const line of rest) this.log(line);
        }
        this.kill(msg.error);
        return;
    }
  }

  private onExit(code: number): void {
    this.alive = false;
    const cause = this.deathCause ?? {
      error: {
        errorType: ErrorTypes.exit,
        errorMessage: code === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${code}`,
      },
    };
    this.settleInit?.({ ok: false, initMs: performance.now() - this.spawnedAt, ...cause });
    if (this.pending) {
      const durationMs = performance.now() - this.pending.started;
      this.finish({ kind: 'error', durationMs, ...cause });
    }
  }

  private finish(outcome: CallOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    pending.settle(outcome);
  }

  /** Waits for the marker `tag` on the streams the runtime marked (both when it does not say). */
  private logsComplete(tag: string, streams: readonly LogStream[] = LOG_STREAMS): Promise<unknown> {
    return Promise.all(streams.map((name) => (name === 'stdout' ? this.stdout : this.stderr).waitFor(tag, LOG_FLUSH_MS)));
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
