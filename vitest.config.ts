import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/support/longest-first-sequencer';

/**
 * Four projects, one per depth; `npm test` runs them all, `npx vitest --project unit` runs
 * the fast one while editing (no DynamoDB Local, no synthesis).
 * - unit: pure code, no services.
 * - integration: against one DynamoDB Local per run (dynamodb-setup.ts); each file makes
 *   its own tables, so files run in parallel.
 * - infra: CDK assertions on the real app; the bundled dev assembly synthesized once
 *   (assembly-setup.ts).
 * - e2e: whole local platforms over HTTP, each copying that one assembly.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    // Three at once on 2 cores: two forks (integration and e2e files) beside the one thread of
    // the unit and infra files. Measured when all four projects shared the forks: 390.8 s with
    // 2 workers, 346.3 s with 3, 376.9 s with 4 (one fresh clone). With three forks beside the
    // thread, the chaos e2e file, starved of CPU, once failed to settle its commands in 90 s.
    maxWorkers: 2,
    // The unit and infra projects run in threads: one thread, one shared module cache (see
    // there). Their work is CPU-bound, so a second thread would only compete with the forks.
    poolOptions: { threads: { isolate: false, maxThreads: 1, minThreads: 1 } },
    env: {
      // Lambda runs Node 22+; this machine runs Node 20, which the SDK warns about on every client.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // CDK's built-in CloudFormation validation costs ~8 s per synthesizing process. Tests
      // synthesize dozens of apps; the real `cdk synth` of the prod stage in the infra tests
      // (test/infra/synth.ts bundledAssembly) runs it with validation on.
      CDK_VALIDATION: 'false',
    },
    // Whole platforms and syntheses first, so no slow file runs alone at the end of a fresh clone's run.
    sequence: { sequencer: LongestFirstSequencer },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The JSON report feeds the plain summary line of .ci/run.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      // Pure code: files share one thread's module cache instead of importing everything anew
      // in a fresh process each (most of a unit file's time was that import; a forks project's
      // own `isolate: false` is ignored, see infra). Unit alone: 104 -> 27 CPU-s. The one test
      // that needs another time zone runs its checks in a child process (shanghai-day.test.ts).
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], pool: 'threads', isolate: false } },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: ['test/support/dynamodb-setup.ts'] },
      },
      {
        extends: true,
        // One worker thread runs every infra file, one after another, with one module cache:
        // aws-cdk-lib and the app load once, and the files that read the same synthesized app
        // share it (test/infra/synth.ts). A thread, not a fork: vitest's pools take their
        // isolation from the root config only (poolOptions.threads above), so `isolate: false`
        // on a forks project still started a fresh process per file, each loading the CDK and
        // synthesizing the dev app again. Infra alone: 139 -> 87 CPU-s, 77 -> 65 s (cold cache).
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          globalSetup: ['test/support/assembly-setup.ts', 'test/support/infra-scratch-setup.ts'],
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Each platform starts its own DynamoDB Local, as `npm start` does.
          globalSetup: ['test/support/assembly-setup.ts'],
        },
      },
    ],
  },
});
