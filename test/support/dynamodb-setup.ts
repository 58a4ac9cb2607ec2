/**
 * Global setup of the integration project: the run's in-memory DynamoDB Local (run-dynamodb.ts,
 * shared with the e2e project), in which every test file of the project makes its own tables
 * (so files run in parallel), and what the tests take from the CDK app (the table's shape, the
 * route table), read once here instead of in every file (deployed-shape.ts).
 */
import type { TestProject } from 'vitest/node';
import { readDeployedShape } from './deployed-shape';
import { acquireRunDynamoDb } from './run-dynamodb';
import './provided-context';

export default async function setup(project: TestProject) {
  // Both at once: the synthesis runs while the JVM starts.
  const [ddb, shape] = await Promise.all([acquireRunDynamoDb(), readDeployedShape()]);
  project.provide('dynamodbEndpoint', ddb.endpoint);
  project.provide('testTable', shape.table);
  project.provide('deployedRoutes', shape.routes);
  project.provide('webhookRouteEnv', shape.webhookRouteEnv);
  return ddb.release;
}
