/**
 * Global setup of the integration and e2e projects: one in-memory DynamoDB Local on a
 * random port, shared by every test file of the project (each file makes its own tables,
 * so files run in parallel).
 */
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb/launcher';
import './provided-context';

export default async function setup(project: TestProject) {
  // Lambda runs Node 22+; this machine's Node 20 would make the AWS SDK warn on every client.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const ddb = await startDynamoDbLocal({ port: 0 });
  project.provide('dynamodbEndpoint', ddb.endpoint);
  return () => ddb.stop();
}
