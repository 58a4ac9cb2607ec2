import { defineConfig } from 'vitest/config';

// One run covers all four depths (unit, integration, infra, e2e). Integration and e2e
// tests share one DynamoDB Local started by the global setup; each test file makes
// its own tables, so files can run in parallel.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    // Lambda runs Node 22+; this machine runs Node 20, which the SDK warns about on every client.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The JSON report feeds the plain summary line of .ci/run.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
