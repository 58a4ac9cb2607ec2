/**
 * The test run's one DynamoDB Local, for the integration and the e2e projects' global
 * setups (dynamodb-setup.ts, shared-dynamodb-setup.ts), which both run in vitest's main
 * process: the first one starts the JVM, the other shares it, and the last teardown stops it
 * (run-shared.ts).
 * A JVM costs ~2 s of CPU until it first answers and more while its JIT warms up (measured
 * 2026-12-07: ~3 ms of CPU per call over its first 600 calls, ~0.3 ms warm); `npm test` paid
 * that twice before.
 *
 * Started without -sharedDb: DynamoDB Local keeps one database per access key id and region.
 * Every integration file signs as `local` in us-east-1, so the integration files share one
 * database (each makes tables of its own, as before); each e2e platform keeps its tables in
 * a database named after its data folder (local/dynamodb/database-proxy.ts), which no test
 * signs as.
 */
import { startDynamoDbLocal } from '../../local/dynamodb/launcher';
import { acquireRunShared } from './run-shared';

/** The run's DynamoDB Local (started by the first caller) and its release for the teardown. */
export async function acquireRunDynamoDb(): Promise<{ endpoint: string; release: () => Promise<void> }> {
  // vitest's main process loads the SDK here (the launcher's readiness probe): Lambda runs
  // Node 22+, and this machine's Node 20 would make the SDK warn on every client. The workers
  // get the same setting from vitest.config.ts.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const { value: ddb, release } = await acquireRunShared('dynamodb', () => startDynamoDbLocal({ port: 0, sharedDb: false }), (d) => d.stop());
  return { endpoint: ddb.endpoint, release };
}
