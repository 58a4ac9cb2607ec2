import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../local/dynamodb/launcher';
import { synthesize } from '../../local/synth';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    /** The Anxin app (stage dev) synthesized once for the whole run; e2e platforms copy it. */
    anxinCloudAssembly: string;
  }
}

/**
 * Shared by every test file of the run: one in-memory DynamoDB Local (random port) and one
 * synthesis of the real CDK app (bundling ~20 functions takes tens of seconds; each e2e
 * file would otherwise pay it again for the very same output).
 */
export default async function setup(project: TestProject) {
  // Lambda runs Node 22+; this machine's Node 20 would make the AWS SDK warn on every client.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // A directory of this run's own: test runs may overlap on a developer's machine.
  const assembly = mkdtempSync(join(tmpdir(), 'anxin-assembly-'));
  synthesize(assembly, 'dev');
  project.provide('anxinCloudAssembly', assembly);

  const ddb = await startDynamoDbLocal({ port: 0 });
  project.provide('dynamodbEndpoint', ddb.endpoint);
  return async () => {
    await ddb.stop();
    rmSync(assembly, { recursive: true, force: true });
  };
}
