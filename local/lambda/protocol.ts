/**
 * Messages between FunctionHost (main thread) and the runtime inside each worker.
 * Events and results cross as JSON text: Lambda serialises both, so a handler that
 * returns a Date, a Map or a class instance locally gets what it would get in AWS.
 */
import type { RuntimeSdkHint } from './missing-sdk';
import type { LambdaError } from './types';

/** workerData: everything the runtime needs before the first invocation. */
export interface WorkerInit {
  bundleDir: string;
  handler: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  /**
   * NODE_OPTIONS from the function's environment. Kept out of the Worker's `env` because
   * Node parses NODE_OPTIONS there and refuses the whole worker for flags a thread cannot
   * take; the runtime puts it back into process.env and applies --enable-source-maps.
   */
  nodeOptions?: string;
  /** Where the SDK packages a function may leave unbundled come from, to explain a missing client (missing-sdk.ts). */
  runtimeSdk?: RuntimeSdkHint;
  /** Written to stdout/stderr after each invocation (to those it wrote to) so the host knows the logs are complete. */
  logMarker: string;
}

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  /** JSON text of the event. */
  event: string;
  /** Epoch ms when the host will kill the invocation (context.getRemainingTimeInMillis). */
  deadlineMs: number;
}

export const LOG_STREAMS = ['stdout', 'stderr'] as const;
export type LogStream = (typeof LOG_STREAMS)[number];

/**
 * `logs`: the streams that got the log marker for this phase (those written since their
 * last one); the host waits for those markers only. Absent = both.
 */
export type WorkerMessage =
  | { type: 'ready'; logs?: LogStream[] }
  | { type: 'init-error'; error: LambdaError; logs?: LogStream[] }
  /** payload: JSON text of the handler's result ("null" for undefined, like Lambda). */
  | { type: 'result'; requestId: string; payload: string; durationMs: number; logs?: LogStream[] }
  | { type: 'error'; requestId: string; error: LambdaError; durationMs: number; logs?: LogStream[] }
  /** Uncaught exception / unhandled rejection: Lambda restarts the environment. */
  | { type: 'fatal'; error: LambdaError };
