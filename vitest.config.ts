import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/support/longest-first-sequencer';

/**
 * Four projects, one per depth; `npm test` runs them all, `npx vitest --project unit` runs
 * the fast one while editing (no DynamoDB Local, no synthesis).
 * - unit: pure code, no services.
 * - integration: against one DynamoDB Local per run (dynamodb-setup.ts); each file makes
 *   its own tables and imports the project's modules anew (fresh-modules-setup.ts).
 * - infra: CDK assertions on the real app; the bundled dev assembly synthesized once
 *   (assembly-setup.ts).
 * - e2e: whole local platforms over HTTP, each copying that one assembly and keeping its
 *   tables in its own database of one shared DynamoDB Local (shared-dynamodb-setup.ts).
 */
/**
 * ANXIN_TEST_CPU=<file>: each test file's CPU appended to <file> (test/support/file-cpu-setup.ts;
 * scripts/test-cpu-report.ts sums it up). Without it, nothing is added to any file's setup.
 */
const fileCpu = process.env.ANXIN_TEST_CPU ? ['test/support/file-cpu-setup.ts'] : [];

export default defineConfig({
  test: {
    pool: 'forks',
    // Four at once on 2 cores: two forks for the e2e files beside two threads for the unit,
    // infra and integration files. The run is CPU-bound; measured on this machine
    // (2026-12-06, all four projects): 289.5 s with two threads, 327.4 s with one (the
    // thread's files, one after another, finished last).
    maxWorkers: 2,
    // The unit, infra and integration projects run in threads that keep their module cache
    // from file to file (see each project); the e2e files in two forks that do the same, so
    // a fork loads the SDK, the platform and vitest's own modules once, not once per file.
    // vitest's pools take their isolation from this root setting only: a forks project's own
    // `isolate: false` still started a process per file.
    poolOptions: { threads: { isolate: false, maxThreads: 2, minThreads: 1 }, forks: { isolate: false } },
    env: {
      // Lambda runs Node 22+; this machine runs Node 20, which the SDK warns about on every client.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // CDK's built-in CloudFormation validation costs ~8 s per synthesizing process. Tests
      // synthesize dozens of apps; the real `cdk synth` of the prod stage in the infra tests
      // (test/infra/synth.ts bundledAssembly) runs it with validation on.
      CDK_VALIDATION: 'false',
      // Every App a test builds merges this context (aws-cdk-lib reads it at construction):
      // no creation stack trace per construct and none per annotation. Inside vitest each
      // trace goes through its source-mapped stack formatting — ~10% of the infra project's
      // CPU (measured 2026-12-07: 49–52 → 46 CPU-s). No test reads a construct's creation
      // stack; `cdk synth --debug` still records them for a person looking for one.
      CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:disable-creation-stack-traces': true, 'aws:cdk:disable-stack-trace': true }),
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
      // Every thread-shared file starts with the worker's own environment (restore-env-setup.ts).
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/support/restore-env-setup.ts', ...fileCpu], pool: 'threads', isolate: false },
      },
      // Threads too, but each file imports the project's modules anew (handlers read their
      // environment at import); node_modules stay loaded. Integration alone: 200 -> 132 CPU-s.
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamodb-setup.ts'],
          setupFiles: ['test/support/restore-env-setup.ts', 'test/support/fresh-modules-setup.ts', ...fileCpu],
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        // Worker threads run the infra files with their module cache: aws-cdk-lib and the app
        // load once per thread, and the files that read the same synthesized app share it
        // (test/infra/synth.ts). A thread, not a fork: vitest's pools take their
        // isolation from the root config only (poolOptions.threads above), so `isolate: false`
        // on a forks project still started a fresh process per file, each loading the CDK and
        // synthesizing the dev app again. Infra alone: 139 -> 87 CPU-s, 77 -> 65 s (cold cache).
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          globalSetup: ['test/support/assembly-setup.ts', 'test/support/infra-scratch-setup.ts'],
          setupFiles: ['test/support/restore-env-setup.ts', ...fileCpu],
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // The platforms share one DynamoDB Local, each in a database of its own: one JVM
          // start instead of one per platform. e2e alone: 378 -> 258 CPU-s, 227 -> 161 s.
          globalSetup: ['test/support/assembly-setup.ts', 'test/support/shared-dynamodb-setup.ts'],
          // A fork runs file after file: each starts with the fork's own environment.
          setupFiles: ['test/support/restore-env-setup.ts', ...fileCpu],
        },
      },
    ],
  },
});
