/**
 * The local SQS endpoint, driven by the real @aws-sdk/client-sqs v3 client (AWS JSON 1.0,
 * with the SDK's own MD5 checks on every send and receive). Each test makes its own
 * queues, so the slow ones (waiting out 1 s visibility timeouts) run concurrently.
 */
import {
  CancelMessageMoveTaskCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
  TagQueueCommand,
  UntagQueueCommand,
  type Message,
  type MessageAttributeValue,
  type ReceiveMessageCommandInput,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSqsServer, type SqsServer } from '../../local/sqs';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const arnOf = (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`;

let server: SqsServer;
let sqs: SQSClient;
let counter = 0;

beforeAll(async () => {
  server = await startSqsServer({ port: 0, region: REGION, accountId: ACCOUNT });
  sqs = new SQSClient({ endpoint: server.endpoint, region: REGION, credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'x' } });
});
afterAll(async () => {
  sqs.destroy();
  await server.close();
});

// Reference digests published with AWS SDK / SQS test suites for these exact attributes.
const AWS_SAMPLE_STRINGS: Record<string, MessageAttributeValue> = {
  test_attribute_name_2: { DataType: 'String', StringValue: 'test_attribute_value_2' },
  test_attribute_name_1: { DataType: 'String', StringValue: 'test_attribute_value_1' },
};
const AWS_SAMPLE_BINARY: Record<string, MessageAttributeValue> = {
  test_attribute_name: { DataType: 'Binary', BinaryValue: new TextEncoder().encode('test_attribute_value') },
};
const SAMPLE_NUMBER: Record<string, MessageAttributeValue> = {
  ordinal: { DataType: 'Number', StringValue: '1' },
  category: { DataType: 'String', StringValue: 'test' },
};

/** A fresh queue per test (names are unique within the run). */
async function queue(base: string, attributes: Record<string, string> = {}): Promise<{ url: string; name: string; arn: string }> {
  const name = `${base}-${++counter}${attributes.FifoQueue === 'true' ? '.fifo' : ''}`;
  const out = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return { url: out.QueueUrl!, name, arn: arnOf(name) };
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function receive(url: string, extra: Partial<ReceiveMessageCommandInput> = {}): Promise<Message[]> {
  const out = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['All'], ...extra }),
  );
  return out.Messages ?? [];
}

async function counts(url: string) {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
  const a = out.Attributes ?? {};
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    notVisible: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
}

/** The SQS error an SDK call fails with: its name (from x-amzn-query-error) and HTTP status. */
async function failure(p: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the call to fail');
}

describe('queues', () => {
  test('create, get, list, attributes, tags, purge, delete', async () => {
    const q = await queue('life', { VisibilityTimeout: '45', DelaySeconds: '0' });
    expect(q.url).toBe(`${server.endpoint}/${ACCOUNT}/${q.name}`);
    expect(q.url.startsWith('http://127.0.0.1:')).toBe(true);

    // CreateQueue is idempotent for matching attributes, refuses different ones.
    const again = await sqs.send(new CreateQueueCommand({ QueueName: q.name, Attributes: { VisibilityTimeout: '45' } }));
    expect(again.QueueUrl).toBe(q.url);
    expect(await failure(sqs.send(new CreateQueueCommand({ QueueName: q.name, Attributes: { VisibilityTimeout: '46' } })))).toMatchObject({
      name: 'QueueNameExists',
      status: 400,
    });
    expect(await server.createQueue(q.name, { VisibilityTimeout: '45' })).toBe(q.url);

    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: q.name }))).QueueUrl).toBe(q.url);
    const missing = await failure(sqs.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' })));
    expect(missing).toMatchObject({ name: 'QueueDoesNotExist', status: 400 });

    const other = await queue('zzother');
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'life-' }));
    expect(listed.QueueUrls).toContain(q.url);
    expect(listed.QueueUrls).not.toContain(other.url);
    const page = await sqs.send(new ListQueuesCommand({ MaxResults: 1 }));
    expect(page.QueueUrls).toHaveLength(1);
    expect(page.NextToken).toBeTruthy();
    const next = await sqs.send(new ListQueuesCommand({ MaxResults: 1000, NextToken: page.NextToken }));
    expect(next.QueueUrls).not.toContain(page.QueueUrls![0]);

    const all = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['All'] }))).Attributes!;
    expect(all).toMatchObject({
      QueueArn: q.arn,
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      VisibilityTimeout: '45',
      MessageRetentionPeriod: '345600',
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: '0',
      MaximumMessageSize: '1048576',
    });
    expect(Number(all.CreatedTimestamp)).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(all.FifoQueue).toBeUndefined(); // standard queues don't report FifoQueue, as on AWS

    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: q.url, Attributes: { VisibilityTimeout: '7', MessageRetentionPeriod: '120' } }));
    const named = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['VisibilityTimeout', 'MessageRetentionPeriod'] }));
    expect(named.Attributes).toEqual({ VisibilityTimeout: '7', MessageRetentionPeriod: '120' });
    expect(await failure(sqs.send(new SetQueueAttributesCommand({ QueueUrl: q.url, Attributes: { Bogus: '1' } as Record<string, string> })))).toMatchObject({
      name: 'InvalidAttributeName',
    });
    expect(
      await failure(sqs.send(new SetQueueAttributesCommand({ QueueUrl: q.url, Attributes: { VisibilityTimeout: '43201' } }))),
    ).toMatchObject({ name: 'InvalidAttributeValue' });

    await sqs.send(new TagQueueCommand({ QueueUrl: q.url, Tags: { team: 'orders', stage: 'dev' } }));
    await sqs.send(new UntagQueueCommand({ QueueUrl: q.url, TagKeys: ['stage'] }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: q.url }))).Tags).toEqual({ team: 'orders' });

    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'a' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'b' }));
    await receive(q.url, { MaxNumberOfMessages: 1 }); // one in flight: purge removes it too
    await sqs.send(new PurgeQueueCommand({ QueueUrl: q.url }));
    expect(await counts(q.url)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });

    await sqs.send(new DeleteQueueCommand({ QueueUrl: q.url }));
    expect((await failure(sqs.send(new GetQueueUrlCommand({ QueueName: q.name })))).name).toBe('QueueDoesNotExist');
    expect((await failure(sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'x' })))).name).toBe('QueueDoesNotExist');
  });

  test('FIFO queue attributes and name rules', async () => {
    const q = await queue('fifo-attrs', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q.url, AttributeNames: ['All'] }))).Attributes!;
    expect(a).toMatchObject({ FifoQueue: 'true', ContentBasedDeduplication: 'true', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' });
    expect((await failure(sqs.send(new CreateQueueCommand({ QueueName: 'no-suffix', Attributes: { FifoQueue: 'true' } })))).name).toBe(
      'InvalidParameterValue',
    );
    expect((await failure(sqs.send(new CreateQueueCommand({ QueueName: 'has-suffix.fifo' })))).name).toBe('InvalidParameterValue');
    expect((await failure(sqs.send(new CreateQueueCommand({ QueueName: 'bad name!' })))).name).toBe('InvalidParameterValue');
  });

  test('ensureQueue applies a template to an existing queue without losing its messages', async () => {
    const dlq = await queue('ensure-dlq');
    const name = `ensure-${++counter}`;
    const url = await server.ensureQueue(name, { VisibilityTimeout: '10' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'kept' }));
    const redrive = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 5 });
    expect(await server.ensureQueue(name, { VisibilityTimeout: '20', RedrivePolicy: redrive })).toBe(url);
    let a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;
    expect(a).toMatchObject({ VisibilityTimeout: '20', RedrivePolicy: redrive, ApproximateNumberOfMessages: '1' });
    await server.ensureQueue(name, {});
    a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;
    expect(a.VisibilityTimeout).toBe('30');
    expect(a.RedrivePolicy).toBeUndefined();
    await expect(server.ensureQueue(name, { FifoQueue: 'true' })).rejects.toThrow();
  });
});

describe('wire format', () => {
  test('JSON errors carry __type and the x-amzn-query-error header', async () => {
    const post = (target: string, body: unknown) =>
      fetch(server.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
        body: JSON.stringify(body),
      });
    const res = await post('AmazonSQS.GetQueueUrl', { QueueName: 'absent' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(res.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(await res.json()).toEqual({ __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });

    const unknown = await post('AmazonSQS.FlyToTheMoon', {});
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-query-error')).toBe('InvalidAction;Sender');

    const bad = await post('AmazonSQS.ListQueues', 'not an object');
    expect(bad.headers.get('x-amzn-query-error')).toBe('SerializationException;Sender');
  });
});

describe('messages', () => {
  test('send / receive / delete, MD5 of body checked by the SDK, MD5 of attributes as AWS computes it', async () => {
    const q = await queue('md5');
    // CR, non-BMP and CJK characters: the body digest is over UTF-8 bytes, byte-exact.
    const body = '{"order":"安心-1"}\r\n😀 <&>';
    const s1 = await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: body, MessageAttributes: AWS_SAMPLE_STRINGS }));
    expect(s1.MD5OfMessageAttributes).toBe('d53f3b558fe951154770f25cb63dbba9');
    const s2 = await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'bin', MessageAttributes: AWS_SAMPLE_BINARY }));
    expect(s2.MD5OfMessageAttributes).toBe('23f6bd27ea87aab7dfeadcc9aebee495');
    const s3 = await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'num', MessageAttributes: SAMPLE_NUMBER }));
    expect(s3.MD5OfMessageAttributes).toBe('d21ae90c49061e927f57df5f5d72be1f');
    const trace = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    const plain = await sqs.send(
      new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'plain', MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: trace } } }),
    );
    expect(plain.MD5OfMessageAttributes).toBeUndefined();
    expect(plain.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);

    const got = await receive(q.url);
    expect(got.map((m) => m.Body)).toEqual([body, 'bin', 'num', 'plain']);
    const [m1, m2, m3, m4] = got;
    expect(m1.MessageId).toBe(s1.MessageId);
    expect(m1.MD5OfMessageAttributes).toBe('d53f3b558fe951154770f25cb63dbba9');
    expect(m1.MessageAttributes).toEqual(AWS_SAMPLE_STRINGS);
    expect(m2.MD5OfMessageAttributes).toBe('23f6bd27ea87aab7dfeadcc9aebee495');
    expect(new TextDecoder().decode(m2.MessageAttributes!.test_attribute_name.BinaryValue)).toBe('test_attribute_value');
    expect(m3.MD5OfMessageAttributes).toBe('d21ae90c49061e927f57df5f5d72be1f');
    expect(m4.MessageAttributes).toBeUndefined();
    expect(m4.Attributes!.AWSTraceHeader).toBe(trace);
    expect(m1.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: 'AKIDLOCAL' });
    expect(Number(m1.Attributes!.SentTimestamp)).toBeLessThanOrEqual(Number(m1.Attributes!.ApproximateFirstReceiveTimestamp));

    for (const m of got) await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: m.ReceiptHandle }));
    expect(await counts(q.url)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  test('MessageAttributeNames filters attributes, and the digest covers only those returned', async () => {
    const q = await queue('filter');
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: q.url,
        MessageBody: 'x',
        MessageAttributes: { ...AWS_SAMPLE_STRINGS, 'trace.id': { DataType: 'String', StringValue: 't-1' } },
      }),
    );
    const only1 = await sqs.send(
      new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'y', MessageAttributes: { test_attribute_name_1: AWS_SAMPLE_STRINGS.test_attribute_name_1 } }),
    );
    const [m] = await receive(q.url, { MaxNumberOfMessages: 1, MessageAttributeNames: ['test_attribute_name_1'], VisibilityTimeout: 0 });
    expect(Object.keys(m.MessageAttributes!)).toEqual(['test_attribute_name_1']);
    expect(m.MD5OfMessageAttributes).toBe(only1.MD5OfMessageAttributes);
    const [p] = await receive(q.url, { MaxNumberOfMessages: 1, MessageAttributeNames: ['trace.*'], VisibilityTimeout: 0 });
    expect(Object.keys(p.MessageAttributes!)).toEqual(['trace.id']);
    const [n] = await receive(q.url, { MaxNumberOfMessages: 1, MessageAttributeNames: [], MessageSystemAttributeNames: ['SentTimestamp'] });
    expect(n.MessageAttributes).toBeUndefined();
    expect(n.MD5OfMessageAttributes).toBeUndefined();
    expect(Object.keys(n.Attributes!)).toEqual(['SentTimestamp']);
  });

  test('batch actions report per-entry Successful and Failed lists', async () => {
    const q = await queue('batch');
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: q.url,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: '' },
          { Id: 'c', MessageBody: 'three', DelaySeconds: 0, MessageAttributes: SAMPLE_NUMBER },
        ],
      }),
    );
    expect(sent.Successful!.map((e) => e.Id)).toEqual(['a', 'c']);
    expect(sent.Successful![1].MD5OfMessageAttributes).toBe('d21ae90c49061e927f57df5f5d72be1f');
    expect(sent.Failed).toEqual([{ Id: 'b', SenderFault: true, Code: 'MissingParameter', Message: expect.stringContaining('MessageBody') }]);

    const e = (entries: { Id: string; MessageBody: string }[]) => sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: entries }));
    expect((await failure(e([]))).name).toBe('EmptyBatchRequest');
    expect((await failure(e(Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }))))).name).toBe('TooManyEntriesInBatchRequest');
    expect((await failure(e([{ Id: 'same', MessageBody: 'x' }, { Id: 'same', MessageBody: 'y' }]))).name).toBe('BatchEntryIdsNotDistinct');
    expect((await failure(e([{ Id: 'bad id!', MessageBody: 'x' }]))).name).toBe('InvalidBatchEntryId');

    const got = await receive(q.url);
    expect(got).toHaveLength(2);
    const vis = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: q.url,
        Entries: [
          { Id: 'v1', ReceiptHandle: got[0].ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'v2', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
        ],
      }),
    );
    expect(vis.Successful).toEqual([{ Id: 'v1' }]);
    expect(vis.Failed).toEqual([{ Id: 'v2', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: expect.any(String) }]);
    expect(await counts(q.url)).toMatchObject({ visible: 1, notVisible: 1 });

    const del = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: q.url,
        Entries: [
          { Id: 'd1', ReceiptHandle: got[1].ReceiptHandle },
          { Id: 'd2', ReceiptHandle: 'garbage' },
        ],
      }),
    );
    expect(del.Successful).toEqual([{ Id: 'd1' }]);
    expect(del.Failed![0]).toMatchObject({ Id: 'd2', Code: 'ReceiptHandleIsInvalid', SenderFault: true });
    expect(await counts(q.url)).toEqual({ visible: 1, notVisible: 0, delayed: 0 });
  });

  test('inputs are validated like AWS', async () => {
    const q = await queue('valid', { MaximumMessageSize: '1024' });
    const send = (input: Partial<{ MessageBody: string; DelaySeconds: number; MessageDeduplicationId: string }>, url = q.url) =>
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', ...input }));
    await send({ MessageBody: 'x'.repeat(1024) });
    expect(await failure(send({ MessageBody: 'x'.repeat(1025) }))).toMatchObject({ name: 'InvalidParameterValue', status: 400 });
    const big = await queue('valid-big');
    await send({ MessageBody: 'x'.repeat(1_048_576) }, big.url);
    expect((await failure(send({ MessageBody: 'x'.repeat(1_048_577) }, big.url))).name).toBe('InvalidParameterValue');
    expect((await failure(send({ MessageBody: 'nul\u0000' }))).name).toBe('InvalidMessageContents');
    expect((await failure(send({ DelaySeconds: 901 }))).name).toBe('InvalidParameterValue');
    expect((await failure(send({ MessageDeduplicationId: 'd' }))).name).toBe('InvalidParameterValue');
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]));
    expect((await failure(sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'x', MessageAttributes: tooMany })))).name).toBe(
      'InvalidParameterValue',
    );
    const badNumber = { n: { DataType: 'Number', StringValue: 'twelve' } };
    expect((await failure(sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'x', MessageAttributes: badNumber })))).name).toBe(
      'InvalidParameterValue',
    );
    expect((await failure(receive(q.url, { MaxNumberOfMessages: 11 }))).name).toBe('InvalidParameterValue');
    expect((await failure(receive(q.url, { WaitTimeSeconds: 21 }))).name).toBe('InvalidParameterValue');
    expect(await failure(sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: 'not-a-handle' })))).toMatchObject({
      name: 'ReceiptHandleIsInvalid',
      status: 404,
    });

    const fifo = await queue('valid', { FifoQueue: 'true' });
    expect(await failure(sqs.send(new SendMessageCommand({ QueueUrl: fifo.url, MessageBody: 'x', MessageDeduplicationId: 'd' })))).toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter MessageGroupId.',
    });
    expect(await failure(sqs.send(new SendMessageCommand({ QueueUrl: fifo.url, MessageBody: 'x', MessageGroupId: 'g' })))).toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('ContentBasedDeduplication'),
    });
    expect(
      (await failure(
        sqs.send(new SendMessageCommand({ QueueUrl: fifo.url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd', DelaySeconds: 5 })),
      )).name,
    ).toBe('InvalidParameterValue');
  });

  test.concurrent('visibility timeout: invisible while in flight, redelivered with a new handle and a higher receive count', async () => {
    const q = await queue('vis', { VisibilityTimeout: '2' });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'work' }));
    const [first] = await receive(q.url);
    expect(first.MessageId).toBe(sent.MessageId);
    expect(first.Attributes).toMatchObject({ ApproximateReceiveCount: '1' });
    expect(await receive(q.url)).toEqual([]);
    expect(await counts(q.url)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });

    const second = await waitFor('redelivery', async () => (await receive(q.url, { WaitTimeSeconds: 1 }))[0]);
    expect(second.MessageId).toBe(sent.MessageId);
    expect(second.ReceiptHandle).not.toBe(first.ReceiptHandle);
    expect(second.Attributes).toMatchObject({
      ApproximateReceiveCount: '2',
      ApproximateFirstReceiveTimestamp: first.Attributes!.ApproximateFirstReceiveTimestamp,
    });

    // The stale handle: DeleteMessage succeeds but deletes nothing; ChangeMessageVisibility refuses it.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: first.ReceiptHandle }));
    expect(await counts(q.url)).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    expect(
      (await failure(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: q.url, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 5 })))).name,
    ).toBe('InvalidParameterValue');

    // Releasing with ChangeMessageVisibility 0 makes it receivable at once.
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: q.url, ReceiptHandle: second.ReceiptHandle, VisibilityTimeout: 0 }));
    const [third] = await receive(q.url, { VisibilityTimeout: 30 }); // per-receive override
    expect(third.Attributes!.ApproximateReceiveCount).toBe('3');
    expect(await failure(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: q.url, ReceiptHandle: third.ReceiptHandle, VisibilityTimeout: 43_201 })))).toMatchObject({
      name: 'InvalidParameterValue',
    });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: third.ReceiptHandle }));
    expect(await counts(q.url)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  test('ChangeMessageVisibility on a message no longer in flight is MessageNotInflight', async () => {
    const q = await queue('notinflight');
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'x' }));
    const [m] = await receive(q.url, { VisibilityTimeout: 0 });
    expect(
      (await failure(sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: q.url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 10 })))).name,
    ).toBe('MessageNotInflight');
  });

  test.concurrent('DelaySeconds (queue and message) keeps messages delayed, then delivers them', async () => {
    const q = await queue('delay', { DelaySeconds: '2' });
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'queue-delayed' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'not-delayed', DelaySeconds: 0 }));
    expect(await counts(q.url)).toEqual({ visible: 1, notVisible: 0, delayed: 1 });
    expect((await receive(q.url)).map((m) => m.Body)).toEqual(['not-delayed']);
    // A long poll wakes up when the delay ends, without any send to nudge it.
    const started = Date.now();
    const got = await receive(q.url, { WaitTimeSeconds: 10 });
    expect(got.map((m) => m.Body)).toEqual(['queue-delayed']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test.concurrent('long polling returns as soon as a message arrives, and waits out WaitTimeSeconds otherwise', async () => {
    const q = await queue('longpoll');
    const started = Date.now();
    const polls = [receive(q.url, { WaitTimeSeconds: 15 }), receive(q.url, { WaitTimeSeconds: 15 })];
    // Give both polls time to park (this delay sets up the scenario; nothing is awaited by it).
    await new Promise((r) => setTimeout(r, 300));
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'wake' }));
    const first = await Promise.race(polls);
    expect(first.map((m) => m.Body)).toEqual(['wake']);
    expect(Date.now() - started).toBeLessThan(3000);
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'wake-2' }));
    const both = (await Promise.all(polls)).flat().map((m) => m.Body).sort();
    expect(both).toEqual(['wake', 'wake-2']);
    expect(Date.now() - started).toBeLessThan(5000);

    // A long poll whose client went away must not take a message into flight.
    const ghost = await queue('longpoll-ghost');
    const abort = new AbortController();
    const abandoned = sqs.send(new ReceiveMessageCommand({ QueueUrl: ghost.url, WaitTimeSeconds: 15 }), { abortSignal: abort.signal });
    await new Promise((r) => setTimeout(r, 200)); // let it park
    abort.abort();
    await expect(abandoned).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 200)); // let the server see the disconnect
    await sqs.send(new SendMessageCommand({ QueueUrl: ghost.url, MessageBody: 'for the living' }));
    const [living] = await receive(ghost.url, { WaitTimeSeconds: 2 });
    expect(living.Body).toBe('for the living');
    expect(living.Attributes!.ApproximateReceiveCount).toBe('1');

    const empty = await queue('longpoll-empty', { ReceiveMessageWaitTimeSeconds: '1' });
    const t0 = Date.now();
    expect(await receive(empty.url)).toEqual([]); // queue default wait applies
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });
});

describe('dead-letter queues', () => {
  test('a message received maxReceiveCount times goes to the DLQ on the next receive, then a move task brings it back', async () => {
    const dlq = await queue('dlq');
    const src = await queue('src', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: '2' }), // numbers as strings are fine
    });
    const attrs = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: src.url, AttributeNames: ['RedrivePolicy'] }))).Attributes!;
    expect(JSON.parse(attrs.RedrivePolicy!)).toEqual({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 });
    expect((await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq.url }))).queueUrls).toEqual([src.url]);

    const sent = await sqs.send(
      new SendMessageCommand({ QueueUrl: src.url, MessageBody: 'poison', MessageAttributes: SAMPLE_NUMBER }),
    );
    for (const count of ['1', '2']) {
      const [m] = await receive(src.url, { VisibilityTimeout: 0 }); // fail fast: visible again at once
      expect(m.Attributes!.ApproximateReceiveCount).toBe(count);
    }
    expect(await receive(src.url)).toEqual([]);
    expect(await counts(src.url)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });

    const [dead] = await receive(dlq.url, { VisibilityTimeout: 0 });
    expect(dead).toMatchObject({ MessageId: sent.MessageId, Body: 'poison', MD5OfMessageAttributes: 'd21ae90c49061e927f57df5f5d72be1f' });
    expect(dead.Attributes).toMatchObject({ ApproximateReceiveCount: '3', DeadLetterQueueSourceArn: src.arn });

    // Not a DLQ: refused. The DLQ: moved back to where it came from, starting over.
    expect((await failure(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: src.arn })))).name).toBe('InvalidParameterValue');
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    expect(TaskHandle).toBeTruthy();
    const task = await waitFor('move task to complete', async () => {
      const r = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }))).Results?.[0];
      return r?.Status === 'COMPLETED' ? r : undefined;
    });
    expect(task).toMatchObject({ SourceArn: dlq.arn, ApproximateNumberOfMessagesMoved: 1, ApproximateNumberOfMessagesToMove: 1 });
    expect(task.TaskHandle).toBeUndefined(); // only running tasks show their handle
    const [back] = await receive(src.url);
    expect(back).toMatchObject({ MessageId: sent.MessageId, Body: 'poison' });
    expect(back.Attributes!.ApproximateReceiveCount).toBe('1');
    expect(back.Attributes!.DeadLetterQueueSourceArn).toBeUndefined();
    expect(await counts(dlq.url)).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  test('a rate-limited move task can be cancelled; only one task runs per source', async () => {
    const dlq = await queue('cdlq');
    const src = await queue('csrc', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) });
    const target = await queue('ctarget');
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: dlq.url, Entries: Array.from({ length: 5 }, (_, i) => ({ Id: `m${i}`, MessageBody: `m${i}` })) }));
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: target.arn, MaxNumberOfMessagesPerSecond: 1 }));
    expect((await failure(sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: target.arn })))).name).toBe(
      'UnsupportedOperation',
    );
    const running = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }))).Results![0];
    expect(running).toMatchObject({ Status: 'RUNNING', TaskHandle, DestinationArn: target.arn, MaxNumberOfMessagesPerSecond: 1, ApproximateNumberOfMessagesToMove: 5 });
    const cancelled = await sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    expect(cancelled.ApproximateNumberOfMessagesMoved).toBeLessThan(5);
    const after = (await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }))).Results![0];
    expect(after.Status).toBe('CANCELLED');
    expect((await failure(sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle })))).name).toBe('ResourceNotFoundException');
    const left = await counts(dlq.url);
    expect(left.visible + (await counts(target.url)).visible).toBe(5);
    expect(src.url).toContain('csrc');
  });

  test('a move task with DestinationArn moves to that queue; FIFO dead-lettering keeps the group', async () => {
    const dlq = await queue('fdlq', { FifoQueue: 'true' });
    const src = await queue('fsrc', {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    });
    const std = await queue('std-dlq');
    expect(
      (await failure(sqs.send(new SetQueueAttributesCommand({ QueueUrl: src.url, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: std.arn, maxReceiveCount: 1 }) } })))).name,
    ).toBe('InvalidParameterValue'); // a FIFO queue's DLQ must be FIFO
    await sqs.send(new SendMessageCommand({ QueueUrl: src.url, MessageBody: 'f1', MessageGroupId: 'g' }));
    await sqs.send(new SendMessageCommand({ QueueUrl: src.url, MessageBody: 'f2', MessageGroupId: 'g' }));
    const [m] = await receive(src.url, { VisibilityTimeout: 0, MaxNumberOfMessages: 1 });
    expect(m.Body).toBe('f1');
    // f1 reached maxReceiveCount: it moves to the DLQ and f2, next in its group, is delivered.
    const [n] = await receive(src.url, { MaxNumberOfMessages: 1 });
    expect(n.Body).toBe('f2');
    const [dead] = await receive(dlq.url, { VisibilityTimeout: 0 });
    expect(dead.Body).toBe('f1');
    expect(dead.Attributes).toMatchObject({ MessageGroupId: 'g', DeadLetterQueueSourceArn: src.arn });
    expect(dead.Attributes!.SequenceNumber).toMatch(/^\d{20}$/);

    const target = await queue('ftarget', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn, DestinationArn: target.arn }));
    const moved = await waitFor('moved to destination', async () => (await receive(target.url))[0]);
    expect(moved).toMatchObject({ Body: 'f1' });
    expect(moved.Attributes).toMatchObject({ MessageGroupId: 'g', ApproximateReceiveCount: '1' });
  });
});

describe('FIFO', () => {
  const send = (url: string, body: string, group: string, dedup?: string) =>
    sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: dedup }));

  test.concurrent('a group is held back while one of its messages is in flight; other groups flow; order is kept', async () => {
    const q = await queue('groups', { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '2' });
    const seqs: string[] = [];
    for (const [body, group] of [['a1', 'A'], ['b1', 'B'], ['a2', 'A'], ['a3', 'A'], ['b2', 'B']]) {
      seqs.push((await send(q.url, body, group)).SequenceNumber!);
    }
    expect([...seqs].sort()).toEqual(seqs); // increasing
    expect(new Set(seqs).size).toBe(5);

    const [a1] = await receive(q.url, { MaxNumberOfMessages: 1 });
    expect(a1.Body).toBe('a1');
    // A is in flight: only B comes, both of its messages, in order.
    const bs = await receive(q.url, { VisibilityTimeout: 60 });
    expect(bs.map((m) => m.Body)).toEqual(['b1', 'b2']);
    expect(bs.map((m) => m.Attributes!.MessageGroupId)).toEqual(['B', 'B']);
    expect(await receive(q.url)).toEqual([]);

    // a1's visibility runs out without a delete: a1 comes again, before a2.
    const again = await waitFor('a1 redelivered', async () => {
      const got = await receive(q.url, { WaitTimeSeconds: 1, MaxNumberOfMessages: 1 });
      return got.length > 0 ? got : undefined;
    });
    expect(again.map((m) => m.Body)).toEqual(['a1']);
    expect(again[0].Attributes!.ApproximateReceiveCount).toBe('2');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: again[0].ReceiptHandle }));
    const rest = await receive(q.url);
    expect(rest.map((m) => m.Body)).toEqual(['a2', 'a3']);
    expect(rest.map((m) => m.Attributes!.SequenceNumber)).toEqual([seqs[2], seqs[3]]);
  });

  test('deduplication within 5 minutes: explicit id, content-based, and per-group scope', async () => {
    const q = await queue('dedup', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const first = await send(q.url, 'same', 'g', 'id-1');
    const dup = await send(q.url, 'different body, same id', 'g', 'id-1');
    expect(dup.MessageId).toBe(first.MessageId);
    expect(dup.SequenceNumber).toBe(first.SequenceNumber);
    const cbd1 = await send(q.url, 'content', 'g');
    const cbd2 = await send(q.url, 'content', 'g');
    expect(cbd2.MessageId).toBe(cbd1.MessageId);
    await send(q.url, 'other content', 'g');
    const got = await receive(q.url);
    expect(got.map((m) => m.Body)).toEqual(['same', 'content', 'other content']);
    expect(got[0].Attributes!.MessageDeduplicationId).toBe('id-1');
    // Still a duplicate after the original was deleted (the window counts from the first send).
    for (const m of got) await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: m.ReceiptHandle }));
    expect((await send(q.url, 'same', 'g', 'id-1')).MessageId).toBe(first.MessageId);
    expect(await receive(q.url)).toEqual([]);

    const batch = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: q.url,
        Entries: [
          { Id: 'x', MessageBody: 'b', MessageGroupId: 'g', MessageDeduplicationId: 'batch-dup' },
          { Id: 'y', MessageBody: 'b', MessageGroupId: 'g', MessageDeduplicationId: 'batch-dup' },
        ],
      }),
    );
    expect(batch.Successful![0].MessageId).toBe(batch.Successful![1].MessageId);
    expect(await receive(q.url)).toHaveLength(1);

    const scoped = await queue('dedup-group', { FifoQueue: 'true', DeduplicationScope: 'messageGroup' });
    await send(scoped.url, 'm', 'g1', 'same-id');
    await send(scoped.url, 'm', 'g2', 'same-id');
    expect(await receive(scoped.url)).toHaveLength(2);
  });
});

describe('time windows (controlled clock)', () => {
  test('MessageRetentionPeriod expiry and the end of the 5-minute dedup window', async () => {
    let now = Date.now();
    const timed = await startSqsServer({ port: 0, region: REGION, accountId: ACCOUNT, clock: () => now });
    const client = new SQSClient({ endpoint: timed.endpoint, region: REGION, credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    try {
      const std = await timed.createQueue('retention', { MessageRetentionPeriod: '60' });
      await client.send(new SendMessageCommand({ QueueUrl: std, MessageBody: 'old' }));
      now += 30_000;
      await client.send(new SendMessageCommand({ QueueUrl: std, MessageBody: 'young' }));
      now += 31_000; // 'old' is 61 s old, 'young' 31 s
      const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl: std, AttributeNames: ['ApproximateNumberOfMessages'] }));
      expect(attrs.Attributes!.ApproximateNumberOfMessages).toBe('1');
      const got = await client.send(new ReceiveMessageCommand({ QueueUrl: std, MaxNumberOfMessages: 10 }));
      expect(got.Messages!.map((m) => m.Body)).toEqual(['young']);

      const fifo = await timed.createQueue('window.fifo', { FifoQueue: 'true' });
      const s = (body: string) => client.send(new SendMessageCommand({ QueueUrl: fifo, MessageBody: body, MessageGroupId: 'g', MessageDeduplicationId: 'd' }));
      const a = await s('first');
      now += 299_000;
      expect((await s('within')).MessageId).toBe(a.MessageId);
      now += 2_000; // 5 min 1 s after the first send
      expect((await s('after')).MessageId).not.toBe(a.MessageId);
      const bodies = (await client.send(new ReceiveMessageCommand({ QueueUrl: fifo, MaxNumberOfMessages: 10 }))).Messages!.map((m) => m.Body);
      expect(bodies).toEqual(['first', 'after']);
    } finally {
      client.destroy();
      await timed.close();
    }
  });
});
