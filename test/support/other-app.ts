/**
 * A fixture CDK app of test/e2e/fixtures on the local platform as `anxin start --app` runs
 * it: its own `cdk synth` (local/app-synth.ts), every stack, nothing seeded, IAM enforced, its
 * tables in the run's shared DynamoDB Local. stop() also removes its data directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cdkAppSynth } from '../../local/app-synth';
import { startPlatform, type Platform } from '../../local/platform';
import { FREE_PORTS, sharedDynamoDb } from './platform';

export async function startFixtureApp(fixture: string, logs: string[]): Promise<Platform> {
  const dataDir = mkdtempSync(join(tmpdir(), `anxin-${fixture}-`));
  const appDir = resolve('test/e2e/fixtures', fixture);
  const platform = await startPlatform({
    dataDir,
    appDir,
    ...FREE_PORTS,
    ...sharedDynamoDb(dataDir),
    stage: '',
    seed: false,
    iam: true,
    synth: cdkAppSynth('node --import tsx app.ts', appDir),
    log: (line) => logs.push(line),
  });
  const stopPlatform = platform.stop.bind(platform);
  return Object.assign(platform, {
    async stop() {
      await stopPlatform();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}
