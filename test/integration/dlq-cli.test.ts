/**
 * `anxin dlq list` / `anxin dlq redrive` (cli/dlq-commands.ts) against a local SQS endpoint
 * (--endpoint-url): DLQs found through their sources' RedrivePolicy with depth and source;
 * redrive by the DLQ's name or its source's, back to where each message came from; refusals
 * for a queue that is no DLQ and for an unknown name.
 */
import { ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dlqCommand, type DlqInfo } from '../../cli/dlq-commands';
import { startSqsServer, type SqsServer } from '../../local/sqs';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
let server: SqsServer;
let sqs: SQSClient;
const arn = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

beforeAll(async () => {
  server = await startSqsServer({ port: 0, region: REGION, accountId: ACCOUNT });
  sqs = new SQSClient({ endpoint: server.endpoint, region: REGION, credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
  await server.createQueue('cli-webhooks-dlq', {});
  await server.createQueue('cli-webhooks', { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('cli-webhooks-dlq'), maxReceiveCount: 1 }) });
  await server.createQueue('cli-plain', {});
});
afterAll(async () => {
  sqs.destroy();
  await server.close();
});

async function cli(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await dlqCommand([...args, '--endpoint-url', server.endpoint], (line) => lines.push(line));
  return { code, lines };
}

/** Dead-letters one message: received once (maxReceiveCount 1), then moved on the next receive. */
async function deadLetter(body: string): Promise<void> {
  const url = `${server.endpoint}/${ACCOUNT}/cli-webhooks`;
  await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
  await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
  await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2 }));
}

describe('anxin dlq', () => {
  it('list: each DLQ with its depth and the queues that feed it', async () => {
    await deadLetter('one');
    const { code, lines } = await cli('list', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(lines[0]!) as DlqInfo[]).toEqual([
      { name: 'cli-webhooks-dlq', url: expect.stringContaining('/cli-webhooks-dlq'), arn: arn('cli-webhooks-dlq'), messages: 1, sources: [{ name: 'cli-webhooks', maxReceiveCount: 1 }] },
    ]);
    const text = await cli('list');
    expect(text.lines[0]).toMatch(/^cli-webhooks-dlq +1 message\(s\) {2}← cli-webhooks \(after 1\)$/);
  });

  it('redrive --wait, named by the source queue: the message is back in its queue, the DLQ empty', async () => {
    const { code, lines } = await cli('redrive', 'cli-webhooks', '--wait');
    expect(code).toBe(0);
    expect(lines).toEqual(['redrive of cli-webhooks-dlq to cli-webhooks: COMPLETED, 1 message(s) moved']);
    const back = await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${server.endpoint}/${ACCOUNT}/cli-webhooks`, MessageSystemAttributeNames: ['All'] }));
    expect(back.Messages?.[0]).toMatchObject({ Body: 'one', Attributes: { ApproximateReceiveCount: '1' } });
    const after = JSON.parse((await cli('list', '--json')).lines[0]!) as DlqInfo[];
    expect(after[0]).toMatchObject({ messages: 0, lastTask: { status: 'COMPLETED', moved: 1 } });
  });

  it('refuses a queue that is no DLQ, an unknown queue, and a missing name', async () => {
    await expect(cli('redrive', 'cli-plain')).rejects.toThrow(/cli-plain is not a dead-letter queue/);
    await expect(cli('redrive', 'cli-nope')).rejects.toThrow(/no queue named cli-nope/);
    expect((await cli('redrive')).code).toBe(2);
    expect((await cli('purge')).code).toBe(2);
  });
});
