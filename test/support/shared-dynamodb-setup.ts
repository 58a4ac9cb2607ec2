/**
 * Global setup of the e2e project: one in-memory DynamoDB Local, started without -sharedDb,
 * for all the run's platforms. Each keeps its tables in a database of its own
 * (local/dynamodb/database-proxy.ts), so they still share nothing; the run pays one JVM
 * start (~3.5 s of CPU) and one JIT warm-up instead of one per platform. The platforms that
 * test DynamoDB Local's own life (kill -9 and a restart, crash-recovery.test.ts) start theirs.
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb/launcher';
import './provided-context';

export default async function setup(project: TestProject) {
  const ddb = await startDynamoDbLocal({ port: 0, sharedDb: false });
  project.provide('sharedDynamodbEndpoint', ddb.endpoint);
  return () => ddb.stop();
}
