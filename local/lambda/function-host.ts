/**
 * Runs one LocalFunction the way Lambda runs a function: execution environments (worker
 * threads) are created lazily on demand (a cold start), reused while warm, each handles
 * one invocation at a time, and more are created under concurrent load up to a cap;
 * beyond it invocations queue.
 *
 * Hand-written because no library embeds a faithful Lambda Node.js runtime in-process:
 * the usual emulators run handlers in the host's own process (shared process.env, module
 * cache and globals, no timeout kill) or need Docker per function.
 */
import { randomUUID } from 'node:crypto';
import type { LocalFunction } from '../topology';
import { describeError } from './errors';
import { lambdaEnvironment, logNames, hostIsUtc } from './environment';
import { ExecutionEnvironment, type CallOutcome } from './execution-environment';
import type { RuntimeSdkHint } from './missing-sdk';
import { ErrorTypes, type InvokeOptions, type InvokeResult, type LambdaError } from './types';
import { workerScriptPath } from './worker-script';

export interface FunctionHostOptions {
  /** Most environments at once; default the reserved concurrency, or 4. */
  maxConcurrency?: number;
  /** Receives every log line, already prefixed with the function name. */
  log?: (line: string) => void;
  /** Added last to every environment, e.g. AWS_ENDPOINT_URL_DYNAMODB. */
  extraEnv?: Record<string, string>;
  /** Where unbundled SDK packages come from (runtime-sdk.ts), so a missing client is explained. */
  runtimeSdk?: RuntimeSdkHint;
}

const DEFAULT_MAX_CONCURRENCY = 4;
const INIT_TIMEOUT_MS = 10_000;
/** Lambda's limit for a synchronous invocation's request and response payloads. */
export const PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;

interface Job {
  requestId: string;
  event: string;
  timeoutMs: number;
  resolve: (result: InvokeResult) => void;
}

let warnedAboutTimeZone = false;

/** A function's execution environments: how many exist, wait, run, and invocations queued. */
export interface FunctionStats {
  environments: number;
  idle: number;
  busy: number;
  queued: number;
}

export class FunctionHost {
  private readonly cap: number;
  private readonly log: (line: string) => void;
  private readonly envs = new Set<ExecutionEnvironment>();
  private readonly generationOf = new WeakMap<ExecutionEnvironment, number>();
  private idle: ExecutionEnvironment[] = [];
  private readonly queue: Job[] = [];
  /** Invocations holding an environment (including those waiting for its cold start). */
  private running = 0;
  /** Bumped by reload(): environments of an older generation are not reused. */
  private generation = 0;
  private closed = false;

  constructor(
    readonly fn: LocalFunction,
    private readonly opts: FunctionHostOptions = {},
  ) {
    const reserved = fn.reservedConcurrency;
    this.cap = Math.min(opts.maxConcurrency ?? reserved ?? DEFAULT_MAX_CONCURRENCY, reserved ?? Infinity);
    this.log = opts.log ?? ((line) => console.log(line));
    if (!warnedAboutTimeZone && !hostIsUtc()) {
      warnedAboutTimeZone = true;
      this.log('[lambda] warning: this process is not in UTC; functions see TZ=:UTC but Date uses the process time zone (run with TZ=UTC)');
    }
  }

  invoke(event: unknown, opts: InvokeOptions = {}): Promise<InvokeResult> {
    const requestId = randomUUID();
    const json = serialize(event);
    if (typeof json !== 'string') return this.refuse(requestId, json);
    const refused = this.refusal(json, opts);
    if (refused) return this.refuse(requestId, refused);
    return new Promise((resolve) => {
      const ownTimeoutMs = this.fn.timeoutSeconds * 1000;
      const timeoutMs = opts.timeoutMs !== undefined ? Math.min(ownTimeoutMs, Math.max(1, opts.timeoutMs)) : ownTimeoutMs;
      this.queue.push({ requestId, event: json, timeoutMs, resolve });
      this.pump();
    });
  }

  /** Drops warm environments; busy ones finish their invocation first. The next invoke cold-starts. */
  async reload(): Promise<void> {
    this.generation++;
    const idle = this.idle;
    this.idle = [];
    for (const env of idle) this.envs.delete(env);
    await Promise.all(idle.map((env) => env.terminate()));
  }

  async close(): Promise<void> {
    this.closed = true;
    const shutdown: LambdaError = { errorType: ErrorTypes.exit, errorMessage: 'the local platform is shutting down' };
    for (const job of this.queue.splice(0)) {
      job.resolve({ ok: false, requestId: job.requestId, error: shutdown, durationMs: 0, coldStart: false });
    }
    const envs = [...this.envs];
    this.envs.clear();
    this.idle = [];
    await Promise.all(envs.map((env) => env.terminate(shutdown)));
  }

  /** For tests and the CLI's status line. */
  stats(): FunctionStats {
    return { environments: this.envs.size, idle: this.idle.length, busy: this.running, queued: this.queue.length };
  }

  /** Why Lambda would refuse this invocation before running anything, if it would. */
  private refusal(json: string, opts: InvokeOptions): LambdaError | undefined {
    if (this.closed) return { errorType: ErrorTypes.exit, errorMessage: 'the local platform is shutting down' };
    if (Buffer.byteLength(json) > PAYLOAD_LIMIT_BYTES) {
      return { errorType: ErrorTypes.requestTooLarge, errorMessage: `Request must be smaller than ${PAYLOAD_LIMIT_BYTES} bytes for the InvokeFunction operation` };
    }
    const reserved = this.fn.reservedConcurrency;
    if (reserved === 0 || (opts.throttle && reserved !== undefined && this.running + this.queue.length >= reserved)) {
      return { errorType: ErrorTypes.throttled, errorMessage: 'Rate Exceeded.' };
    }
    return undefined;
  }

  private refuse(requestId: string, error: LambdaError): Promise<InvokeResult> {
    this.log(`[${this.fn.functionName}] not invoked: ${error.errorType} (${error.errorMessage})`);
    return Promise.resolve({ ok: false, requestId, error, durationMs: 0, coldStart: false });
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      let env = this.idle.pop();
      const cold = env === undefined;
      if (!env) {
        if (this.envs.size >= this.cap) return;
        try {
          env = this.spawn();
        } catch (err) {
          // Not the function's fault (the worker could not even start): say so, keep going.
          const job = this.queue.shift()!;
          job.resolve({ ok: false, requestId: job.requestId, error: { errorType: 'ServiceException', errorMessage: String(err) }, durationMs: 0, coldStart: true });
          continue;
        }
      }
      const job = this.queue.shift()!;
      this.running++;
      void this.run(env, job, cold);
    }
  }

  private spawn(): ExecutionEnvironment {
    const envId = randomUUID().replaceAll('-', '');
    const { logGroupName, logStreamName } = logNames(this.fn, envId);
    const env = new ExecutionEnvironment({
      script: workerScriptPath(),
      env: lambdaEnvironment(this.fn, { logStreamName, extraEnv: this.opts.extraEnv }),
      init: {
        bundleDir: this.fn.bundleDir,
        handler: this.fn.handler,
        functionName: this.fn.functionName,
        functionVersion: '$LATEST',
        invokedFunctionArn: this.fn.arn,
        memoryLimitInMB: String(this.fn.memoryMb),
        logGroupName,
        logStreamName,
        ...(this.opts.runtimeSdk ? { runtimeSdk: this.opts.runtimeSdk } : {}),
      },
      memoryMb: this.fn.memoryMb,
      initTimeoutMs: INIT_TIMEOUT_MS,
      log: (line) => this.log(`[${this.fn.functionName}] ${line}`),
    });
    this.envs.add(env);
    this.generationOf.set(env, this.generation);
    return env;
  }

  private async run(env: ExecutionEnvironment, job: Job, coldStart: boolean): Promise<void> {
    let initMs: number | undefined;
    if (coldStart) {
      const init = await env.ready;
      initMs = init.initMs;
      if (!init.ok) {
        this.logError('Init Error', init.error);
        const result: InvokeResult = { ok: false, requestId: job.requestId, error: init.error, durationMs: 0, coldStart, ...(init.timedOut ? { timedOut: true } : {}) };
        return this.done(env, job, result, initMs);
      }
    }
    const outcome = await env.invoke(job.requestId, job.event, job.timeoutMs);
    if (outcome.kind === 'error') {
      if (outcome.timedOut) this.log(`[${this.fn.functionName}] Task timed out after ${(job.timeoutMs / 1000).toFixed(2)} seconds`);
      else this.logError('Invoke Error', outcome.error);
    }
    this.done(env, job, resultOf(job.requestId, outcome, coldStart), initMs);
  }

  private done(env: ExecutionEnvironment, job: Job, result: InvokeResult, initMs: number | undefined): void {
    const reusable = env.isAlive && !this.closed && this.generationOf.get(env) === this.generation && this.envs.has(env);
    if (reusable) this.idle.push(env);
    else {
      this.envs.delete(env);
      void env.terminate();
    }
    this.running--;
    const cold = initMs === undefined ? '' : ` (cold start ${initMs.toFixed(1)} ms)`;
    const status = result.ok ? 'ok' : `error: ${result.error.errorType}`;
    this.log(`[${this.fn.functionName}] REPORT duration ${result.durationMs.toFixed(1)} ms${cold} ${status}`);
    env.releaseLogs(job.requestId);
    job.resolve(result);
    this.pump();
  }

  private logError(what: string, error: LambdaError): void {
    const [first, ...rest] = describeError(error).flatMap((line) => line.split('\n'));
    this.log(`[${this.fn.functionName}] ERROR ${what} ${first}`);
    for (const line of rest) this.log(`[${this.fn.functionName}] ${line}`);
  }
}

function resultOf(requestId: string, outcome: CallOutcome, coldStart: boolean): InvokeResult {
  const timing = { requestId, durationMs: outcome.durationMs, coldStart };
  if (outcome.kind === 'error') return { ok: false, ...timing, error: outcome.error, ...(outcome.timedOut ? { timedOut: true } : {}) };
  if (Buffer.byteLength(outcome.payload) > PAYLOAD_LIMIT_BYTES) {
    const errorMessage = `Response payload size exceeded maximum allowed payload size (${PAYLOAD_LIMIT_BYTES} bytes).`;
    return { ok: false, ...timing, error: { errorType: ErrorTypes.responseTooLarge, errorMessage } };
  }
  return { ok: true, ...timing, result: JSON.parse(outcome.payload) };
}

/** Events cross to the worker as JSON text, as Lambda serialises them. */
function serialize(event: unknown): string | LambdaError {
  try {
    return JSON.stringify(event) ?? 'null';
  } catch (err) {
    return { errorType: 'InvalidRequestContentException', errorMessage: `Could not serialize the event: ${String(err)}` };
  }
}
