import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb/launcher';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

/** One in-memory DynamoDB Local (random port) shared by every test file of the run. */
export default async function setup(project: TestProject) {
  const ddb = await startDynamoDbLocal({ port: 0 });
  project.provide('dynamodbEndpoint', ddb.endpoint);
  return async () => {
    await ddb.stop();
  };
}
