/**
 * Starts the local platform in-process for a bench phase: ports 0, a temp data dir, the
 * assembly synthesized once (copied, not re-synthesized), quiet logs, optional meter. The
 * returned stop() stops the platform (and with it DynamoDB Local's JVM) and removes the
 * data dir; it is also registered for cleanup on errors and Ctrl-C.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { startPlatform, type Platform, type PlatformMeter } from '../../local/platform';
import { createKey, createTenant } from '../../shared/admin/onboarding';
import { createDocumentClient, type StoreContext } from '../../shared/store/client';
import { ACCOUNT_ID, REGION, STAGE, type Assembly } from './assembly';
import { onCleanup } from './cleanup';
import { step } from './progress';
import { registerBenchStations } from './stations';

export interface OpenPlatform {
  platform: Platform;
  /** The table through a client of its own, straight to DynamoDB Local (never metered). */
  store: StoreContext;
  client: DynamoDBClient;
  /** Platform log lines, kept for diagnosis when a phase fails. */
  logs: string[];
  /** The pid of the platform's own DynamoDB Local JVM (its pid file), for CPU accounting. */
  jvmPid(): number | undefined;
  stop(): Promise<void>;
}

export interface BenchPlatform extends OpenPlatform {
  /** An enterprise tenant and API key created for the bench (shared/admin/onboarding.ts). */
  enterprise: { tenantId: string; apiKey: string };
}

/**
 * Data on tmpfs when the machine has one: DynamoDB Local then waits on memory, not on the
 * disk (the ceiling and the platform share it, so their ratio is unaffected either way).
 */
export const DATA_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** A platform with an enterprise of the bench's own, on data of its own (removed when it stops). */
export async function startBenchPlatform(assembly: Assembly, meter?: PlatformMeter, what = 'local platform'): Promise<BenchPlatform> {
  const open = await openBenchPlatform(assembly, { meter, what });
  const tenant = await createTenant(open.store, { name: 'Bench enterprise', role: 'enterprise' });
  const key = await createKey(open.store, tenant.tenantId, 'bench');
  // The stations its orders name: orders may name active stations only.
  await registerBenchStations(open.store);
  return { ...open, enterprise: { tenantId: tenant.tenantId, apiKey: key.apiKey } };
}

/**
 * A platform and nothing in its table. With `dataDir` (benchDataDir), the data is the
 * caller's: it outlives stop(), so a platform started again on it (e.g. metered this time)
 * finds the same table.
 */
export async function openBenchPlatform(assembly: Assembly, opts: { meter?: PlatformMeter; what?: string; dataDir?: string } = {}): Promise<OpenPlatform> {
  const what = opts.what ?? 'local platform';
  const dataDir = opts.dataDir ?? mkdtempSync(join(DATA_ROOT, 'anxin-bench-data-'));
  const logs: string[] = [];
  let platform: Platform | undefined;
  const stop = onCleanup(what, async () => {
    await platform?.stop();
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  const started = Date.now();
  try {
    platform = await startPlatform({
      dataDir,
      port: 0,
      sqsPort: 0,
      dynamodbPort: 0,
      stage: STAGE,
      region: REGION,
      accountId: ACCOUNT_ID,
      seed: false,
      synth: (outdir) => assembly.copyTo(outdir),
      // Keep the last lines only: a long run logs a line per request.
      log: (line) => {
        logs.push(line);
        if (logs.length > 2000) logs.splice(0, 1000);
      },
      meter: opts.meter,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  step(`${what} up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const client = new DynamoDBClient({
    endpoint: platform.dynamodbEndpoint,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const store: StoreContext = { doc: createDocumentClient(client), tableName: platform.topology.tables[0]!.tableName };
  return {
    platform,
    store,
    client,
    logs,
    jvmPid: () => {
      const pid = Number.parseInt(readFileIfAny(join(dataDir, 'dynamodb.pid')) ?? '', 10);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    },
    stop: async () => {
      client.destroy();
      await stop();
    },
  };
}

function readFileIfAny(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A data dir that outlives the platforms started on it; removed by the returned function (and on cleanup). */
export function benchDataDir(): { dataDir: string; remove: () => Promise<void> } {
  const dataDir = mkdtempSync(join(DATA_ROOT, 'anxin-bench-data-'));
  return { dataDir, remove: onCleanup('bench data', () => rmSync(dataDir, { recursive: true, force: true })) };
}
