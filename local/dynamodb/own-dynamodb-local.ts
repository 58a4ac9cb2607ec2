/**
 * A platform's own DynamoDB Local, with its data in the platform's data folder: a JVM that a
 * killed platform left running is stopped first (stale-process.ts), the new JVM's pid is
 * recorded beside the data, and stopping it removes the record.
 *
 * Light on purpose (no SDK, no platform modules): `anxin start` starts it before it loads
 * the platform (local/cli.ts), so the JVM boots — ~2 s, the longest step of a restart — while
 * those modules load.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { assertPortFree } from '../ports';
import { recordPid, stopStaleProcess } from '../stale-process';
import { startDynamoDbLocal, type DynamoDbLocal } from './launcher';

/** What identifies our JVM in a process's command line. */
const DYNAMODB_MARKER = 'DynamoDBLocal.jar';

export interface OwnDynamoDbLocalOptions {
  dataDir: string;
  host: string;
  port: number;
  log: (line: string) => void;
}

export async function startOwnDynamoDbLocal(opts: OwnDynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const pidFile = join(opts.dataDir, 'dynamodb.pid');
  if (await stopStaleProcess(pidFile, DYNAMODB_MARKER)) opts.log('[platform] stopped a DynamoDB Local left running by an earlier start');
  await assertPortFree(opts.port, opts.host, 'DynamoDB Local', '--dynamodb-port');
  const started = await startDynamoDbLocal({ port: opts.port, host: opts.host, dbPath: join(opts.dataDir, 'dynamodb') });
  recordPid(pidFile, started.pid);
  return {
    ...started,
    stop: async () => {
      await started.stop();
      rmSync(pidFile, { force: true });
    },
  };
}
