/** Watch mode: a changed function is rebuilt and reloaded; queue contents and data stay. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startPlatform, type Platform } from '../../local/platform';
import { FREE_PORTS, sharedDynamoDb } from '../support/platform';
import { synthWatchApp } from './fixtures/watch/app';

// Inside the repository (gitignored), so the bundler finds the project's esbuild and lock file.
mkdirSync('test/artifacts', { recursive: true });
const dir = mkdtempSync(join(resolve('test/artifacts'), 'watch-'));
const handlerFile = join(dir, 'handler.ts');
const writeHandler = (version: number) =>
  writeFileSync(handlerFile, `export const handler = async () => ({ version: ${version} });\n`);

let platform: Platform;
let sqs: SQSClient;

beforeAll(async () => {
  writeHandler(1);
  platform = await startPlatform({
    dataDir: join(dir, 'data'),
    ...FREE_PORTS,
    ...sharedDynamoDb(join(dir, 'data')),
    stage: 'watch',
    seed: false,
    synth: (outdir) => synthWatchApp(outdir, handlerFile),
    log: () => undefined,
  });
  sqs = new SQSClient({ endpoint: platform.sqsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
});
afterAll(async () => {
  sqs?.destroy();
  await platform?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('watch mode', () => {
  it('reloads a changed function and keeps queue contents', async () => {
    const fn = platform.topology.functions[0]!;
    expect(await platform.invoke(fn.logicalId, {})).toMatchObject({ ok: true, result: { version: 1 } });
    const queueUrl = platform.topology.queues[0]!.url;
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'kept', MessageGroupId: 'g' }));

    expect(await platform.reloadFunctions()).toEqual([]);
    writeHandler(2);
    expect(await platform.reloadFunctions()).toEqual([fn.functionName]);
    expect(await platform.invoke(fn.logicalId, {})).toMatchObject({ ok: true, result: { version: 2 } });

    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe('1');
  });
});
