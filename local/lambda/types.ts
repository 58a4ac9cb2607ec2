/**
 * What an invocation of a local function returns: Lambda's own view of it (a result, or
 * the `{errorType, errorMessage, stack}` its Node runtime reports), plus the timings the
 * REPORT line shows. Callers (HTTP API front end, event-source mappings, schedules) map it
 * to their own semantics, exactly as the AWS services do with an Invoke response.
 */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
  stack?: string[];
}

interface InvokeOutcome {
  /** The awsRequestId the handler saw in its context. */
  requestId: string;
  /** Handler time (Lambda's "Duration"); for a timeout, the timeout itself. */
  durationMs: number;
  /** True when this invocation had to create (initialise) a new execution environment. */
  coldStart: boolean;
}

export type InvokeResult =
  | (InvokeOutcome & { ok: true; result: unknown })
  | (InvokeOutcome & { ok: false; error: LambdaError; timedOut?: boolean });

export interface InvokeOptions {
  /**
   * Behave like a synchronous Invoke that Lambda throttles: when the function's reserved
   * concurrency is exhausted, fail at once with TooManyRequestsException instead of
   * queueing. Only reserved concurrency throttles; the local cap on workers (default 4)
   * is a resource limit of this machine, not a Lambda rule, so it always queues.
   */
  throttle?: boolean;
  /**
   * Ends this invocation as a timeout after `timeoutMs` instead of the function's own
   * timeout (chaos mode: a consumer that runs out of time part-way, local/chaos/). Only a
   * shorter deadline is honoured.
   */
  timeoutMs?: number;
}

/** Error types this runtime produces itself (the same strings Lambda uses). */
export const ErrorTypes = {
  timeout: 'Sandbox.Timedout',
  exit: 'Runtime.ExitError',
  outOfMemory: 'Runtime.OutOfMemory',
  unhandledRejection: 'Runtime.UnhandledPromiseRejection',
  importModule: 'Runtime.ImportModuleError',
  handlerNotFound: 'Runtime.HandlerNotFound',
  malformedHandler: 'Runtime.MalformedHandlerName',
  syntax: 'Runtime.UserCodeSyntaxError',
  marshal: 'Runtime.MarshalError',
  throttled: 'TooManyRequestsException',
  requestTooLarge: 'RequestEntityTooLargeException',
  responseTooLarge: 'Function.ResponseSizeTooLarge',
} as const;
