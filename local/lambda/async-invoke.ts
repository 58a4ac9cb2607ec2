/**
 * Lambda's asynchronous invocation, as EventBridge targets and `Invoke` with InvocationType
 * Event meet it: the caller is answered at once; a function error is retried (the
 * function's MaximumRetryAttempts, 2 by default) unless the event has grown older than its
 * MaximumEventAgeInSeconds; then an invocation record goes to the OnFailure destination (or,
 * after a success, to OnSuccess), in Lambda's own format, with the function's role.
 *
 * Lambda waits about one and then two minutes between attempts; locally the waits are
 * seconds (`retryDelayMs`), the same compression chaos mode's redelivery uses.
 */
import type { AsyncInvokeConfig, LocalDestination, LocalFunction } from '../topology';
import type { InvokeResult } from './types';

export interface AsyncInvokerOptions {
  functions: () => readonly LocalFunction[];
  invoke: (logicalId: string, event: unknown) => Promise<InvokeResult>;
  sendToQueue: (queueLogicalId: string, body: string) => Promise<void>;
  /** Why the function's role may not use the destination (local/iam), or undefined. */
  destinationRefusal?: (fn: LocalFunction, destination: LocalDestination) => string | undefined;
  log: (line: string) => void;
  /** The wait before attempt n + 1 (n = 1, 2). */
  retryDelayMs?: (attempt: number) => number;
  now?: () => number;
}

export interface AsyncInvoker {
  /** Accepts the event for `logicalId` (Lambda's 202) and runs it in the background. */
  invoke(logicalId: string, event: unknown): void;
  /** Resolves when every accepted event has run, with its retries and destination. */
  idle(): Promise<void>;
  /** Pending retries give up at once. */
  stop(): void;
}

type Condition = 'Success' | 'RetriesExhausted' | 'EventAgeExceeded';

/** Lambda's defaults for a function without an EventInvokeConfig: two retries, six hours, no destination. */
export const DEFAULT_ASYNC_INVOKE: AsyncInvokeConfig = { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600 };

export function createAsyncInvoker(opts: AsyncInvokerOptions): AsyncInvoker {
  const now = opts.now ?? Date.now;
  const retryDelayMs = opts.retryDelayMs ?? ((attempt: number) => 1_000 * attempt);
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  let stopped = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => (timers.delete(entry), resolve()), ms), done: resolve };
      timers.add(entry);
    });

  async function deliver(fn: LocalFunction, destination: LocalDestination, record: unknown): Promise<void> {
    const refused = opts.destinationRefusal?.(fn, destination);
    if (refused) return opts.log(`[lambda] ${fn.functionName}: invocation record not sent to ${destination.arn}: AccessDeniedException: ${refused}`);
    if (destination.kind === 'sqs') await opts.sendToQueue(destination.queueLogicalId, JSON.stringify(record));
    else run(destination.functionLogicalId, record);
  }

  async function runAttempts(fn: LocalFunction, event: unknown): Promise<void> {
    const config = fn.asyncInvoke ?? DEFAULT_ASYNC_INVOKE;
    const acceptedAt = now();
    let attempt = 0;
    let result: InvokeResult;
    let condition: Condition;
    let firstRequestId: string | undefined;
    for (;;) {
      attempt++;
      result = await opts.invoke(fn.logicalId, event);
      firstRequestId ??= result.requestId;
      if (result.ok) {
        condition = 'Success';
        break;
      }
      if (attempt > config.maximumRetryAttempts || stopped) {
        condition = 'RetriesExhausted';
        break;
      }
      const delay = retryDelayMs(attempt);
      if (now() + delay - acceptedAt > config.maximumEventAgeSeconds * 1000) {
        condition = 'EventAgeExceeded';
        break;
      }
      opts.log(`[lambda] ${fn.functionName}: asynchronous invocation failed (${result.error.errorType}); retry ${attempt} of ${config.maximumRetryAttempts} in ${delay} ms`);
      await wait(delay);
    }
    const destination = condition === 'Success' ? config.onSuccess : config.onFailure;
    if (condition !== 'Success') opts.log(`[lambda] ${fn.functionName}: asynchronous invocation dropped (${condition}, ${attempt} attempt(s))${destination ? `; record sent to ${destination.arn}` : ''}`);
    if (!destination) return;
    await deliver(fn, destination, {
      version: '1.0',
      timestamp: new Date(now()).toISOString(),
      requestContext: { requestId: firstRequestId, functionArn: `${fn.arn}:$LATEST`, condition, approximateInvokeCount: attempt },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', ...(result.ok ? {} : { functionError: 'Unhandled' }) },
      responsePayload: result.ok ? result.result : { errorType: result.error.errorType, errorMessage: result.error.errorMessage },
    });
  }

  function run(logicalId: string, event: unknown): void {
    const fn = opts.functions().find((f) => f.logicalId === logicalId);
    if (!fn) return opts.log(`[lambda] asynchronous invocation of ${logicalId}: no such function in the template`);
    const running = runAttempts(fn, event)
      .catch((error: Error) => opts.log(`[lambda] ${fn.functionName}: asynchronous invocation: ${error.message}`))
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  }

  return {
    invoke: run,
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    stop() {
      stopped = true;
      for (const t of timers) {
        clearTimeout(t.timer);
        t.done();
      }
      timers.clear();
    },
  };
}
