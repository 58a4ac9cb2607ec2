/**
 * The local Lambda runtime (local/lambda): real worker threads running tiny handler
 * bundles written on the fly. Slow paths (timeouts) use sub-second function timeouts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FunctionHost, type FunctionHostOptions, type InvokeResult } from '../../local/lambda';
import type { LocalFunction } from '../../local/topology';
import { localFunction } from '../support/local-function';

const root = mkdtempSync(join(tmpdir(), 'anxin-local-lambda-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let lines: string[] = [];
const hosts: FunctionHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  lines = [];
});

function bundle(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, code] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), code);
  }
  return dir;
}

function fn(name: string, bundleDir: string, overrides: Partial<LocalFunction> = {}): LocalFunction {
  return localFunction({ name, bundleDir, region: 'ap-east-1' }, overrides);
}

function host(f: LocalFunction, opts: FunctionHostOptions = {}): FunctionHost {
  const h = new FunctionHost(f, { log: (line) => lines.push(line), ...opts });
  hosts.push(h);
  return h;
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function ok(r: InvokeResult): Record<string, unknown> {
  if (!r.ok) throw new Error(`invocation failed: ${r.error.errorType}: ${r.error.errorMessage}`);
  return r.result as Record<string, unknown>;
}

function failed(r: InvokeResult) {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.result)}`);
  return r;
}

// Reports its thread and a module-level counter: same thread + growing count = warm reuse.
const COUNTER = `
import { threadId } from 'node:worker_threads';
let count = 0;
console.log('init');
export const handler = async (event, context) => {
  count++;
  console.log('invoked', event.n);
  return { threadId, count, n: event.n, requestId: context.awsRequestId };
};`;

// Blocks until the gate file exists, so a test controls how long invocations overlap.
const GATED = `
import { existsSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
export const handler = async (event) => {
  while (!existsSync(event.gate)) await new Promise((r) => setTimeout(r, 5));
  return { threadId };
};`;

describe('FunctionHost', () => {
  it('starts lazily, cold-starts once, then reuses the warm environment', async () => {
    const h = host(fn('counter', bundle('counter', { 'index.mjs': COUNTER })));
    expect(h.stats().environments).toBe(0);

    const first = await h.invoke({ n: 1 });
    const second = await h.invoke({ n: 2 });
    expect(first.coldStart).toBe(true);
    expect(second.coldStart).toBe(false);
    expect(ok(first)).toMatchObject({ count: 1, n: 1, requestId: first.requestId });
    expect(ok(second)).toMatchObject({ count: 2, n: 2, threadId: ok(first).threadId });
    expect(h.stats()).toMatchObject({ environments: 1, idle: 1, busy: 0 });

    // Logs are forwarded line by line, prefixed, and complete before the REPORT line.
    expect(lines.slice(0, 3)).toEqual(['[counter] init', '[counter] invoked 1', expect.stringMatching(/^\[counter\] REPORT duration [\d.]+ ms \(cold start [\d.]+ ms\) ok$/)]);
    expect(lines[4]).toMatch(/^\[counter\] REPORT duration [\d.]+ ms ok$/);
  });

  it('keeps each line before its REPORT when only some invocations print, to either stream, or a timer prints after one', async () => {
    const code = `
export const handler = async (event) => {
  if (event.out) console.log('out ' + event.n);
  // Many lines, so that the last ones are still on their way when the result is.
  if (event.err) for (let i = 0; i < 500; i++) process.stderr.write((i < 499 ? 'x'.repeat(2000) : 'err ' + event.n) + '\\n');
  if (event.later) globalThis.printed = new Promise((done) => setTimeout(() => done(console.error('later ' + event.n)), 20));
  if (event.afterLater) await globalThis.printed;
  return { n: event.n };
};`;
    const h = host(fn('sometimes', bundle('sometimes', { 'index.mjs': code })));
    const steps = [{}, { err: true }, {}, { out: true }, { later: true }, { afterLater: true }, { out: true, err: true }, {}];
    for (const [n, step] of steps.entries()) expect(ok(await h.invoke({ n, ...step }))).toEqual({ n });

    const shown = lines.map((line) => line.replace(/^\[sometimes\] /, '')).filter((line) => !line.startsWith('xx'));
    const reports = shown.flatMap((line, at) => (line.startsWith('REPORT ') ? [at] : []));
    expect(reports).toHaveLength(steps.length);
    const at = (line: string) => shown.indexOf(line);
    // Printed during invocation n: after REPORT n-1, before REPORT n.
    for (const [line, n] of [['err 1', 1], ['out 3', 3], ['out 6', 6], ['err 6', 6]] as const) {
      expect(at(line)).toBeGreaterThan(reports[n - 1]!);
      expect(at(line)).toBeLessThan(reports[n]!);
    }
    // Printed by a timer between invocations 4 and 5 (5 waits for it): before the REPORT of 5.
    expect(at('later 4')).toBeGreaterThan(reports[4]!);
    expect(at('later 4')).toBeLessThan(reports[5]!);
  });

  it('gives each function its own process.env: its Environment, Lambda variables and extras, nothing of the host', async () => {
    const code = `
export const handler = async () => {
  const seen = { ...process.env };
  process.env.MUTATED_BY_FUNCTION = 'yes';
  return seen;
};`;
    process.env.ANXIN_HOST_ONLY = 'host-secret';
    try {
      const a = host(
        fn('env-a', bundle('env-a', { 'index.mjs': code }), { environment: { TABLE_NAME: 'table-a', AWS_REGION: 'overridden?' }, memoryMb: 512 }),
        { extraEnv: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000' } },
      );
      const b = host(fn('env-b', bundle('env-b', { 'index.mjs': code }), { environment: { TABLE_NAME: 'table-b' } }));
      const envA = ok(await a.invoke({}));
      const envB = ok(await b.invoke({}));

      expect(envA).toMatchObject({
        TABLE_NAME: 'table-a',
        AWS_REGION: 'ap-east-1', // reserved by Lambda: the template cannot override it
        AWS_DEFAULT_REGION: 'ap-east-1',
        AWS_LAMBDA_FUNCTION_NAME: 'env-a',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        LAMBDA_TASK_ROOT: join(root, 'env-a'),
        _HANDLER: 'index.handler',
        TZ: ':UTC',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/env-a',
        _X_AMZN_TRACE_ID: expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0/),
      });
      for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) expect(envA[key]).toEqual(expect.any(String));
      expect(envB).toMatchObject({ TABLE_NAME: 'table-b', AWS_LAMBDA_FUNCTION_NAME: 'env-b' });
      expect(envB).not.toHaveProperty('AWS_ENDPOINT_URL_DYNAMODB');
      for (const env of [envA, envB]) expect(env).not.toHaveProperty('ANXIN_HOST_ONLY');

      // A function writing to process.env changes neither the host nor another function.
      expect(process.env.MUTATED_BY_FUNCTION).toBeUndefined();
      expect(ok(await b.invoke({}))).toHaveProperty('MUTATED_BY_FUNCTION', 'yes'); // its own, warm
      expect(ok(await a.invoke({}))).toHaveProperty('MUTATED_BY_FUNCTION', 'yes');
      const fresh = host(fn('env-c', bundle('env-c', { 'index.mjs': code })));
      expect(ok(await fresh.invoke({}))).not.toHaveProperty('MUTATED_BY_FUNCTION');
    } finally {
      delete process.env.ANXIN_HOST_ONLY;
    }
  });

  it('passes a Lambda context object and serialises results like Lambda', async () => {
    const h = host(
      fn('ctx', bundle('ctx', {
        'index.mjs': `
export const handler = async (event, context) => ({
  functionName: context.functionName,
  functionVersion: context.functionVersion,
  invokedFunctionArn: context.invokedFunctionArn,
  memoryLimitInMB: context.memoryLimitInMB,
  awsRequestId: context.awsRequestId,
  logGroupName: context.logGroupName,
  logStreamName: context.logStreamName,
  remaining: context.getRemainingTimeInMillis(),
  waits: context.callbackWaitsForEmptyEventLoop,
  when: new Date(0),
  map: new Map([[1, 2]]),
  dropped: undefined,
  echo: event,
});`,
      }), { timeoutSeconds: 3 }),
    );
    const r = await h.invoke({ at: new Date(0), nested: [1, 'two'] });
    expect(ok(r)).toEqual({
      functionName: 'ctx',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:ap-east-1:000000000000:function:ctx',
      memoryLimitInMB: '256',
      awsRequestId: r.requestId,
      logGroupName: '/aws/lambda/ctx',
      logStreamName: expect.stringMatching(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/),
      remaining: expect.any(Number),
      waits: true,
      when: '1970-01-01T00:00:00.000Z',
      map: {},
      echo: { at: '1970-01-01T00:00:00.000Z', nested: [1, 'two'] },
    });
    expect(ok(r).remaining).toBeGreaterThan(2_000);
    expect(ok(r).remaining).toBeLessThanOrEqual(3_000);

    const none = host(fn('none', bundle('none', { 'index.mjs': 'export const handler = async () => undefined;' })));
    expect(ok(await none.invoke({}))).toBeNull();
  });

  it('kills a timed-out environment (even a busy loop) and cold-starts the next invocation', async () => {
    const h = host(
      fn('slow', bundle('slow', {
        'index.mjs': `
import { threadId } from 'node:worker_threads';
export const handler = async (event) => {
  if (event.spin) for (;;) {}
  if (event.hang) await new Promise(() => {});
  return { threadId };
};`,
      }), { timeoutSeconds: 0.3 }),
    );
    const warm = ok(await h.invoke({}));
    for (const event of [{ hang: true }, { spin: true }]) {
      const r = failed(await h.invoke(event));
      expect(r.timedOut).toBe(true);
      expect(r.durationMs).toBe(300);
      expect(r.error).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${r.requestId} Error: Task timed out after 0.30 seconds` });
      const next = await h.invoke({});
      expect(next.coldStart).toBe(true);
      expect(ok(next).threadId).not.toBe(warm.threadId);
    }
    expect(lines).toContain('[slow] Task timed out after 0.30 seconds');
    expect(lines).toContainEqual(expect.stringMatching(/^\[slow\] REPORT duration 300\.0 ms error: Sandbox\.Timedout$/));
  });

  it('reports a crash with its stack, logs it, and replaces the environment', async () => {
    const h = host(
      fn('crash', bundle('crash', {
        'index.mjs': `
import { threadId } from 'node:worker_threads';
export const handler = async (event) => {
  if (event.throw) throw new TypeError('bad input');
  if (event.uncaught) { setTimeout(() => { throw new RangeError('late boom'); }, 1); return new Promise(() => {}); }
  if (event.reject) { Promise.reject(new Error('nobody catches me')); return new Promise(() => {}); }
  if (event.exit) process.exit(3);
  if (event.notJson) { const o = {}; o.self = o; return o; }
  if (event.throwLater) { setTimeout(() => { throw new EvalError('after the response'); }, 30); return 'answered'; }
  if (event.wait) await new Promise((r) => setTimeout(r, event.wait));
  return { threadId };
};`,
      })),
    );
    const first = ok(await h.invoke({}));

    // A handler error is an ordinary failed invocation: the environment stays warm.
    const thrown = failed(await h.invoke({ throw: true }));
    expect(thrown.error).toMatchObject({ errorType: 'TypeError', errorMessage: 'bad input' });
    expect(thrown.error.stack?.[0]).toBe('TypeError: bad input');
    expect(thrown.error.stack?.[1]).toContain(join(root, 'crash', 'index.mjs'));
    expect(lines).toContain('[crash] ERROR Invoke Error TypeError: bad input');
    expect(lines).toContainEqual(expect.stringMatching(/^\[crash\]\s+at handler \(file:.*crash\/index\.mjs:4:/));
    const afterThrow = await h.invoke({});
    expect(afterThrow.coldStart).toBe(false);
    expect(ok(afterThrow).threadId).toBe(first.threadId);

    // A crash takes the environment down; the next invocation gets a new one.
    const crashes = [
      [{ uncaught: true }, { errorType: 'RangeError', errorMessage: 'late boom' }],
      [{ reject: true }, { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: nobody catches me' }],
      [{ exit: true }, { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: exit status 3' }],
    ] as const;
    for (const [event, error] of crashes) {
      const r = failed(await h.invoke(event));
      expect(r.error).toMatchObject(error);
      const next = await h.invoke({});
      expect(next.coldStart).toBe(true);
    }
    expect(failed(await h.invoke({ uncaught: true })).error.stack?.[1]).toContain('crash/index.mjs');

    const marshal = failed(await h.invoke({ notJson: true }));
    expect(marshal.error.errorType).toBe('Runtime.MarshalError');

    // A crash after the response fails the next invocation (in Lambda the frozen
    // environment would crash during it), then the environment is replaced.
    expect(ok(await h.invoke({ throwLater: true }))).toBe('answered');
    expect(failed(await h.invoke({ wait: 100 })).error).toMatchObject({ errorType: 'EvalError', errorMessage: 'after the response' });
    expect((await h.invoke({})).coldStart).toBe(true);
    // The same crash while idle is logged at once, and reported by the next invocation.
    expect(ok(await h.invoke({ throwLater: true }))).toBe('answered');
    await until(() => lines.includes('[crash] ERROR Uncaught Exception EvalError: after the response'));
    expect(failed(await h.invoke({})).error.errorType).toBe('EvalError');
    expect((await h.invoke({})).coldStart).toBe(true);
  });

  it('source-maps the stack when NODE_OPTIONS has --enable-source-maps', async () => {
    const dir = bundle('mapped', {
      'src/handler.ts': `
export const handler = async (event: { n: number }): Promise<number> => {
  const doubled: number = event.n * 2;
  if (doubled > 0) throw new Error('mapped failure');
  return doubled;
};`,
    });
    buildSync({ entryPoints: [join(dir, 'src/handler.ts')], outfile: join(dir, 'index.mjs'), bundle: true, minify: true, format: 'esm', platform: 'node', sourcemap: true, logLevel: 'silent' });
    const mapped = host(fn('mapped', dir, { environment: { NODE_OPTIONS: '--enable-source-maps' } }));
    const plain = host(fn('plain', dir));
    const withMaps = failed(await mapped.invoke({ n: 1 }));
    const without = failed(await plain.invoke({ n: 1 }));
    expect(withMaps.error.stack?.[1]).toMatch(/src\/handler\.ts:4:\d+/);
    expect(without.error.stack?.[1]).toMatch(/index\.mjs:1:\d+/);
    // The variable itself reaches the function, as in Lambda.
    const env = host(fn('mapped-env', bundle('mapped-env', { 'index.mjs': 'export const handler = async () => process.env.NODE_OPTIONS;' }), { environment: { NODE_OPTIONS: '--enable-source-maps' } }));
    expect(ok(await env.invoke({}))).toBe('--enable-source-maps');
  });

  it('picks up a rebuilt bundle on reload, not before', async () => {
    const dir = bundle('reload', { 'index.mjs': `export const handler = async () => ({ version: 'v1' });` });
    const h = host(fn('reload', dir));
    expect(ok(await h.invoke({}))).toEqual({ version: 'v1' });
    writeFileSync(join(dir, 'index.mjs'), `export const handler = async () => ({ version: 'v2' });`);
    expect(ok(await h.invoke({}))).toEqual({ version: 'v1' }); // the warm environment keeps its code
    await h.reload();
    expect(h.stats().environments).toBe(0);
    const after = await h.invoke({});
    expect(after.coldStart).toBe(true);
    expect(ok(after)).toEqual({ version: 'v2' });
  });

  it('retires a busy environment after its invocation when reloaded mid-flight', async () => {
    const gate = join(root, 'reload-busy.gate');
    const h = host(fn('reload-busy', bundle('reload-busy', { 'index.mjs': GATED })));
    const running = h.invoke({ gate });
    await until(() => h.stats().busy === 1);
    await h.reload();
    writeFileSync(gate, '');
    expect((await running).ok).toBe(true);
    expect(h.stats().environments).toBe(0);
  });

  it('runs concurrent invocations in separate environments up to the cap, then queues', async () => {
    const gate = join(root, 'concurrency.gate');
    const h = host(fn('gated', bundle('gated', { 'index.mjs': GATED })), { maxConcurrency: 3 });
    const all = Promise.all([1, 2, 3, 4, 5].map(() => h.invoke({ gate })));
    await until(() => h.stats().busy === 3 && h.stats().queued === 2);
    expect(h.stats().environments).toBe(3);
    writeFileSync(gate, '');
    const results = await all;
    expect(results.filter((r) => r.coldStart)).toHaveLength(3);
    expect(new Set(results.map((r) => ok(r).threadId)).size).toBe(3);
    expect(h.stats()).toEqual({ environments: 3, idle: 3, busy: 0, queued: 0 });
  });

  it('caps at reserved concurrency and, when asked, throttles instead of queueing', async () => {
    const gate = join(root, 'reserved.gate');
    const h = host(fn('reserved', bundle('reserved', { 'index.mjs': GATED }), { reservedConcurrency: 1 }), { maxConcurrency: 8 });
    const first = h.invoke({ gate });
    await until(() => h.stats().busy === 1);
    const throttled = failed(await h.invoke({ gate }, { throttle: true }));
    expect(throttled.error).toEqual({ errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' });
    const queued = h.invoke({ gate });
    await until(() => h.stats().queued === 1);
    writeFileSync(gate, '');
    expect((await first).ok && (await queued).ok).toBe(true);
    expect(h.stats().environments).toBe(1);

    const disabled = host(fn('disabled', bundle('disabled', { 'index.mjs': COUNTER }), { reservedConcurrency: 0 }));
    expect(failed(await disabled.invoke({})).error.errorType).toBe('TooManyRequestsException');
  });

  it('resolves handlers like Lambda and reports init failures with Lambda error types', async () => {
    const cjs = host(fn('cjs', bundle('cjs', { 'app/main.cjs': 'exports.handlers = { run: async (e) => ({ cjs: e.x }) };' }), { handler: 'app/main.handlers.run' }));
    expect(ok(await cjs.invoke({ x: 1 }))).toEqual({ cjs: 1 });

    const cases: [string, Record<string, string>, string, string][] = [
      ['no-export', { 'index.mjs': 'export const other = 1;' }, 'index.handler', 'Runtime.HandlerNotFound'],
      ['no-file', { 'other.mjs': 'export const handler = () => 1;' }, 'index.handler', 'Runtime.ImportModuleError'],
      ['bad-name', { 'index.mjs': 'export const handler = () => 1;' }, 'index', 'Runtime.MalformedHandlerName'],
      ['syntax', { 'index.mjs': 'export const handler = ( => 1;' }, 'index.handler', 'Runtime.UserCodeSyntaxError'],
      ['init-throws', { 'index.mjs': 'throw new URIError("no config"); export const handler = () => 1;' }, 'index.handler', 'URIError'],
    ];
    for (const [name, files, handler, errorType] of cases) {
      const h = host(fn(name, bundle(name, files), { handler }));
      const r = failed(await h.invoke({}));
      expect(r.error.errorType, name).toBe(errorType);
      expect(r.coldStart).toBe(true);
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\[${name}\\] ERROR Init Error`)));
      // A failed init is not kept: the next invocation initialises again.
      expect((await h.invoke({})).coldStart).toBe(true);
    }
  });

  it('runs callback-style handlers: a result or an error passed to the callback ends the invocation', async () => {
    const h = host(
      fn('callback', bundle('callback', {
        'index.js': `exports.handler = function (event, context, callback) {
  setTimeout(() => (event.fail ? callback(new RangeError('no ' + event.n)) : callback(null, { n: event.n, id: context.awsRequestId })), 10);
};`,
      })),
    );
    const good = await h.invoke({ n: 1 });
    expect(ok(good)).toEqual({ n: 1, id: good.requestId });
    const bad = failed(await h.invoke({ n: 2, fail: true }));
    expect(bad.error).toMatchObject({ errorType: 'RangeError', errorMessage: 'no 2' });
  });

  it('kills an environment that runs out of its memory size', async () => {
    const h = host(
      fn('hungry', bundle('hungry', {
        'index.mjs': `export const handler = async (e) => { if (!e.eat) return 'fine'; const hoard = []; for (;;) hoard.push(new Array(1e5).fill(Math.random())); };`,
      }), { memoryMb: 64 }),
    );
    const r = failed(await h.invoke({ eat: true }));
    expect(r.error.errorType).toBe('Runtime.OutOfMemory');
    const next = await h.invoke({});
    expect(next.coldStart).toBe(true);
    expect(ok(next)).toBe('fine');
  });

  it("enforces Lambda's 6 MB payload limits", async () => {
    const h = host(fn('big', bundle('big', { 'index.mjs': `export const handler = async (e) => 'x'.repeat(e.size);` })));
    expect(failed(await h.invoke({ pad: 'x'.repeat(6 * 1024 * 1024) })).error.errorType).toBe('RequestEntityTooLargeException');
    expect(failed(await h.invoke({ size: 6 * 1024 * 1024 })).error.errorType).toBe('Function.ResponseSizeTooLarge');
    expect(ok(await h.invoke({ size: 10 }))).toBe('x'.repeat(10));
  });
});
