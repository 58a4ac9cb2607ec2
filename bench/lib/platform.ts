/**
 * Starts the local platform in-process for a bench phase: ports 0, a temp data dir, the
 * assembly synthesized once (copied, not re-synthesized), quiet logs, optional meter. The
 * returned stop() stops the platform (and with it DynamoDB Local's JVM) and removes the
 * data dir; it is also registered for cleanup on errors and Ctrl-C.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

export interface BenchPlatform {
  platform: Platform;
  /** The table through a client of its own, straight to DynamoDB Local (never metered). */
  store: StoreContext;
  client: DynamoDBClient;
  /** An enterprise tenant and API key created for the bench (shared/admin/onboarding.ts). */
  enterprise: { tenantId: string; apiKey: string };
  /** Platform log lines, kept for diagnosis when a phase fails. */
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Data on tmpfs when the machine has one: DynamoDB Local then waits on memory, not on the
 * disk (the ceiling and the platform share it, so their ratio is unaffected either way).
 */
export const DATA_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export async function startBenchPlatform(assembly: Assembly, meter?: PlatformMeter, what = 'local platform'): Promise<BenchPlatform> {
  const dataDir = mkdtempSync(join(DATA_ROOT, 'anxin-bench-data-'));
  const logs: string[] = [];
  let platform: Platform | undefined;
  const stop = onCleanup('local platform', async () => {
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
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
      meter,
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
  const tenant = await createTenant(store, { name: 'Bench enterprise', role: 'enterprise' });
  const key = await createKey(store, tenant.tenantId, 'bench');
  // The stations its orders name: orders may name active stations only.
  await registerBenchStations(store);
  return {
    platform,
    store,
    client,
    enterprise: { tenantId: tenant.tenantId, apiKey: key.apiKey },
    logs,
    stop: async () => {
      client.destroy();
      await stop();
    },
  };
}
