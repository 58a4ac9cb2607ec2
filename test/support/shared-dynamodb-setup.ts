/**
 * Global setup of the e2e project: the run's in-memory DynamoDB Local (run-dynamodb.ts,
 * started without -sharedDb, shared with the integration project) for all the run's
 * platforms. Each keeps its tables in a database of its own (local/dynamodb/database-proxy.ts),
 * so they still share nothing; the run pays one JVM start and one JIT warm-up instead of
 * one per platform. The platforms the tests start through the CLI start their own:
 * crash-recovery.test.ts kills one with its JVM, other-app.test.ts stops one with Ctrl-C.
 */
import type { TestProject } from 'vitest/node';
import { acquireRunDynamoDb } from './run-dynamodb';
import './provided-context';

export default async function setup(project: TestProject) {
  const ddb = await acquireRunDynamoDb();
  project.provide('sharedDynamodbEndpoint', ddb.endpoint);
  return ddb.release;
}
