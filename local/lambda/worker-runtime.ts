/**
 * The runtime inside one worker thread: the local stand-in for Lambda's Node.js runtime
 * interface client. One worker = one execution environment: it initialises once (imports
 * the bundle), then handles one invocation at a time until the host retires it.
 *
 * This file is bundled on its own by esbuild (see worker-script.ts) and runs in a bare
 * worker, so it imports nothing but node: built-ins and its own small helpers.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { toLambdaError } from './errors';
import { explainMissingSdk } from './missing-sdk';
import { findHandler, parseHandler, resolveHandlerFile, RuntimeError, type HandlerFn } from './handler-path';
import { LOG_STREAMS, type InvokeMessage, type LogStream, type WorkerInit, type WorkerMessage } from './protocol';
import { ErrorTypes, type LambdaError } from './types';

const init = workerData as WorkerInit;
const port = parentPort!;
const post = (msg: WorkerMessage) => port.postMessage(msg);

// An error escaping the handler's promise chain: Lambda reports it and restarts the
// environment. We report; the host terminates this worker. Until then this environment
// is dead: it answers nothing more, so no result can overtake the crash.
let crashed = false;
function crash(error: LambdaError): void {
  if (crashed) return;
  crashed = true;
  post({ type: 'fatal', error });
}
process.on('uncaughtException', (err) => crash(toLambdaError(err)));
process.on('unhandledRejection', (reason) => {
  const error = toLambdaError(reason);
  crash({ ...error, errorType: ErrorTypes.unhandledRejection, errorMessage: `${error.errorType}: ${error.errorMessage}` });
});

/**
 * Which of the two streams were written since their last marker. A stream nobody wrote to
 * has nothing the host could still be waiting for, so it gets no marker: most invocations
 * print nothing to stderr, and many (a create, an authorizer) nothing at all, and each
 * marker is a round trip through the host's main thread.
 *
 * Such a stream owes its marker until the next invocation starts: if a timer prints on it
 * after the result was posted, the marker goes first, so the host can tell the line came
 * after that invocation (log-lines.ts) — without it, a host slow to read the result would
 * print the line above the invocation's REPORT.
 */
const written: Record<LogStream, boolean> = { stdout: false, stderr: false };
const owed: Partial<Record<LogStream, string>> = {};
for (const name of LOG_STREAMS) {
  const stream = process[name];
  const write = stream.write as (...a: unknown[]) => boolean;
  // Everything that prints (console, Powertools' own Console, pipes) calls write; so does user code that wraps it.
  stream.write = function (this: unknown, ...args: unknown[]) {
    const tag = owed[name];
    if (tag !== undefined) {
      delete owed[name];
      write.call(this, `${init.logMarker} ${tag}\n`);
    }
    written[name] = true;
    return write.apply(this, args);
  } as typeof stream.write;
}

/**
 * Tells the host that everything printed so far (during init, or during the invocation
 * `tag`) is already in the stream: the host holds the result back until it has read the
 * marker of each stream named in the reply, so a REPORT line never overtakes the
 * function's own last log lines.
 */
function markLogsComplete(tag: string): LogStream[] {
  const marked = LOG_STREAMS.filter((name) => written[name]);
  for (const name of LOG_STREAMS) {
    if (written[name]) {
      process[name].write(`${init.logMarker} ${tag}\n`);
      written[name] = false;
    } else {
      owed[name] = tag;
    }
  }
  return marked;
}

async function loadHandler(): Promise<HandlerFn> {
  if (init.nodeOptions !== undefined) {
    process.env.NODE_OPTIONS = init.nodeOptions;
    // Must happen before the bundle is imported: Node only records maps of modules it loads afterwards.
    if (/(^|\s)--enable-source-maps(\s|$)/.test(init.nodeOptions)) process.setSourceMapsEnabled(true);
  }
  const ref = parseHandler(init.handler);
  const file = resolveHandlerFile(init.bundleDir, ref.module);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    if (err instanceof SyntaxError) throw new RuntimeError(ErrorTypes.syntax, `${err.name}: ${err.message}`);
    const code = (err as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new RuntimeError(ErrorTypes.importModule, `Error: ${explainMissingSdk(err, init.runtimeSdk) ?? (err as Error).message}`);
    }
    throw err;
  }
  return findHandler(mod, ref, init.handler);
}

function contextFor(msg: InvokeMessage) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: init.functionName,
    functionVersion: init.functionVersion,
    invokedFunctionArn: init.invokedFunctionArn,
    memoryLimitInMB: init.memoryLimitInMB,
    awsRequestId: msg.requestId,
    logGroupName: init.logGroupName,
    logStreamName: init.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, msg.deadlineMs - Date.now()),
  };
}

/** Lambda sets a fresh X-Ray header per invocation; Sampled=0 keeps tracers quiet locally. */
function traceHeader(): string {
  const root = `1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  return `Root=${root};Parent=${randomBytes(8).toString('hex')};Sampled=0;Lineage=1:${randomBytes(4).toString('hex')}:0`;
}

/**
 * Calls the handler as Lambda's Node.js runtime does: it is also given a callback
 * (`callback(error, result)`), and a handler that returns no promise ends when it calls it —
 * the style of older code. A returned promise settles the invocation first, whichever comes
 * first wins. (A handler that neither returns a promise nor calls back gets its return
 * value, where Lambda would wait for an empty event loop and answer null.)
 */
function callHandler(handler: HandlerFn, event: unknown, context: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, value?: unknown) => (error !== undefined && error !== null ? reject(error) : resolve(value));
    const returned = handler(event, context, callback);
    if (returned instanceof Promise || (typeof returned === 'object' && returned !== null && typeof (returned as { then?: unknown }).then === 'function')) {
      (returned as Promise<unknown>).then(resolve, reject);
    } else if (handler.length < 3) {
      resolve(returned);
    }
  });
}

async function invoke(handler: HandlerFn, msg: InvokeMessage): Promise<Extract<WorkerMessage, { type: 'result' | 'error' }>> {
  process.env._X_AMZN_TRACE_ID = traceHeader();
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let result: unknown;
  try {
    result = await callHandler(handler, JSON.parse(msg.event), contextFor(msg));
  } catch (err) {
    const error = toLambdaError(err);
    // A client imported lazily (await import) is missing: said as plainly as at init.
    const explained = explainMissingSdk(err, init.runtimeSdk);
    if (explained) {
      error.errorMessage = explained;
      if (error.stack?.length) error.stack[0] = `${error.errorType}: ${explained}`;
    }
    return { type: 'error', requestId: msg.requestId, error, durationMs: elapsed() };
  }
  const durationMs = elapsed();
  try {
    // Lambda serialises the result; undefined becomes null.
    const payload = result === undefined ? 'null' : JSON.stringify(result);
    return { type: 'result', requestId: msg.requestId, payload: payload ?? 'null', durationMs };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      type: 'error',
      requestId: msg.requestId,
      error: { errorType: ErrorTypes.marshal, errorMessage: `Unable to stringify response body: ${message}` },
      durationMs,
    };
  }
}

try {
  const handler = await loadHandler();
  port.on('message', (msg: InvokeMessage) => {
    if (crashed) return;
    // What prints from now on belongs to this invocation: the last one's markers are no longer owed.
    for (const name of LOG_STREAMS) delete owed[name];
    void invoke(handler, msg).then((reply) => {
      if (crashed) return;
      post({ ...reply, logs: markLogsComplete(msg.requestId) });
    });
  });
  post({ type: 'ready', logs: markLogsComplete('init') });
} catch (err) {
  // Stay up until the host throws this environment away: a thread with nothing left to do
  // would exit on its own, and the host could see that exit before it has handled this
  // message (it first waits for the init logs), reporting Runtime.ExitError instead.
  port.on('message', () => undefined);
  post({ type: 'init-error', error: toLambdaError(err), logs: markLogsComplete('init') });
}
