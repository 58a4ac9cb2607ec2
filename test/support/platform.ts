/** Starts the whole local platform in-process on free ports, in a temporary data directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { inject } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { copyAssembly } from '../../local/assembly-files';
import { databaseNameFor } from '../../local/dynamodb/database-proxy';
import { startPlatform, type Platform, type PlatformOptions } from '../../local/platform';
import { createDocumentClient, type StoreContext } from '../../shared/store/client';

/**
 * This run's shared DynamoDB Local, in a database of the platform's own named after its
 * data directory (a restart on the same folder finds its tables).
 */
export function sharedDynamoDb(dataDir: string): Pick<PlatformOptions, 'dynamodb'> {
  return { dynamodb: { endpoint: inject('sharedDynamodbEndpoint'), database: databaseNameFor(dataDir) } };
}

/** Every port the platform opens, as "any free one", so test files can run side by side. */
export const FREE_PORTS = { port: 0, sqsPort: 0, dynamodbPort: 0, kmsPort: 0, eventsPort: 0, lambdaPort: 0 } satisfies Partial<PlatformOptions>;

export interface TestPlatform extends Platform {
  dataDir: string;
  logs: string[];
  store: StoreContext;
  close(): Promise<void>;
}

/**
 * A run killed from outside (a SIGTERM to vitest's main process, a CI timeout) leaves its
 * forked workers behind, and a platform keeps its fork alive for good: serving, polling its
 * queues, holding a DynamoDB Local JVM, on a machine whose two cores the next run needs. The
 * fork's IPC channel closes when the main process dies; then the fork runs its exit hooks,
 * which kill the JVMs (local/dynamodb/launcher.ts), also of a platform still starting, and
 * kills itself: vitest turns a process.exit in a worker into a test error instead.
 */
let exitsWithRun = false;
function exitWithRun(): void {
  if (exitsWithRun || !process.send) return;
  exitsWithRun = true;
  process.once('disconnect', () => {
    process.emit('exit', 1);
    process.kill(process.pid, 'SIGKILL');
  });
}

export async function startTestPlatform(options: Partial<PlatformOptions> = {}): Promise<TestPlatform> {
  exitWithRun();
  const dataDir = mkdtempSync(join(tmpdir(), 'anxin-e2e-'));
  const logs: string[] = [];
  const assembly = inject('anxinCloudAssembly');
  const platform = await startPlatform({
    dataDir,
    ...FREE_PORTS,
    log: (line) => logs.push(line),
    // As `npm start` runs it: the template's IAM enforced (local/iam).
    iam: true,
    // The app the project's global setup synthesized once for this run (assembly-setup.ts).
    synth: (outdir) => copyAssembly(assembly, outdir),
    ...sharedDynamoDb(dataDir),
    // Two execution environments per function, not `npm start`'s four: still concurrent (the
    // tests of racing deliveries need two), and each extra environment is a cold start plus
    // an SDK that runs unoptimized until it warms up. Measured on the e2e project alone,
    // back to back (2026-12-07): 240 → 212 and 265 → 235 CPU-s.
    lambdaConcurrency: 2,
    ...options,
  });
  const client = new DynamoDBClient({
    endpoint: platform.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return Object.assign(platform, {
    dataDir,
    logs,
    store: { doc: createDocumentClient(client), tableName: platform.topology.tables[0]!.tableName },
    async close() {
      client.destroy();
      await platform.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let delay = 50;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 500);
  }
}

/**
 * The first log line that `matches`, waiting for it: a function's log line reaches the host
 * through its worker's pipe, which may be read after the effect a test saw (a response sent, a
 * message deleted) — so a test never reads the logs right after the effect.
 */
export function logLine(logs: readonly string[], matches: (line: string) => boolean, what: string, timeoutMs = 10_000): Promise<string> {
  return eventually(async () => logs.find(matches), timeoutMs, `the log line of ${what}`);
}

/** At least `count` log lines that `match`, waiting for them (see `logLine`). */
export function logLines(logs: readonly string[], match: (line: string) => boolean, count: number, what: string, timeoutMs = 10_000): Promise<string[]> {
  return eventually(async () => {
    const found = logs.filter(match);
    return found.length >= count ? found : undefined;
  }, timeoutMs, `${count} log line(s) of ${what}`);
}
