/**
 * local/esm against the real local SQS endpoint (local/sqs, port 0) with the real AWS SDK:
 * batch size, batching window, partial batch responses, each whole-batch-failure rule,
 * FIFO ordering under concurrency, the DLQ after maxReceiveCount, backoff while the
 * endpoint is down, and a prompt stop(). Visibility timeouts are 1 s; every wait is a
 * poll with a deadline.
 */
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { startEventSourceMapping } from '../../local/esm';
import type { InvokeResult } from '../../local/lambda';
import { findFreePort } from '../../local/net/free-port';
import { startSqsServer } from '../../local/sqs';
import type { LocalEventSourceMapping, LocalQueue } from '../../local/topology';
import { ACCOUNT, createLocalQueue, REGION, useLocalSqs } from '../support/local-sqs';

const local = useLocalSqs();
let queueCounter = 0;

async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function makeQueue(opts: { fifo?: boolean; visibility?: number; dlq?: LocalQueue; maxReceiveCount?: number } = {}): Promise<LocalQueue> {
  const name = `esm-${++queueCounter}-${Date.now()}${opts.fifo ? '.fifo' : ''}`;
  return createLocalQueue(local.server, name, { fifo: opts.fifo, visibility: opts.visibility ?? 1, dlq: opts.dlq, maxReceiveCount: opts.maxReceiveCount ?? 2 });
}

function mapping(queue: LocalQueue, overrides: Partial<LocalEventSourceMapping> = {}): LocalEventSourceMapping {
  return {
    logicalId: `${queue.logicalId}-esm`,
    functionLogicalId: 'Consumer',
    queueLogicalId: queue.logicalId,
    batchSize: 10,
    maximumBatchingWindowSeconds: 0,
    reportBatchItemFailures: true,
    enabled: true,
    ...overrides,
  };
}

interface Call {
  at: number;
  records: SQSRecord[];
}

/** A fake function: records each (schema-checked) event and answers with `respond`. */
function fakeFunction(respond: (records: SQSRecord[], call: number) => unknown | Promise<unknown>) {
  const calls: Call[] = [];
  const invoke = async (event: unknown): Promise<InvokeResult> => {
    const parsed = SqsSchema.safeParse(event);
    if (!parsed.success) throw new Error(`event does not parse with SqsSchema: ${parsed.error.message}`);
    const records = (event as SQSEvent).Records;
    calls.push({ at: Date.now(), records });
    try {
      const result = await respond(records, calls.length);
      return { ok: true, result, requestId: String(calls.length), durationMs: 1, coldStart: false };
    } catch (error) {
      return { ok: false, error: { errorType: 'Error', errorMessage: (error as Error).message }, requestId: String(calls.length), durationMs: 1, coldStart: false };
    }
  };
  return { calls, invoke };
}

function start(queue: LocalQueue, m: LocalEventSourceMapping, invoke: (event: unknown) => Promise<InvokeResult>, extra: { concurrency?: number; log?: (l: string) => void; endpoint?: string } = {}) {
  const handle = startEventSourceMapping({ mapping: m, queue, sqsEndpoint: extra.endpoint ?? local.server.endpoint, region: REGION, invoke, log: extra.log, concurrency: extra.concurrency });
  local.running.push(handle);
  return handle;
}

async function send(queue: LocalQueue, bodies: string[], groupOf?: (body: string) => string): Promise<void> {
  for (let i = 0; i < bodies.length; i += 10) {
    await local.client.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: bodies.slice(i, i + 10).map((body, n) => ({ Id: `e${n}`, MessageBody: body, ...(groupOf ? { MessageGroupId: groupOf(body) } : {}) })),
      }),
    );
  }
}

async function depth(queue: LocalQueue): Promise<number> {
  const out = await local.client.send(
    new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
  );
  return Object.values(out.Attributes ?? {}).reduce((sum, v) => sum + Number(v), 0);
}

const bodiesOf = (calls: Call[]) => calls.flatMap((c) => c.records.map((r) => r.body));

describe('batching', () => {
  it('respects BatchSize and deletes successful batches', async () => {
    const queue = await makeQueue();
    await send(queue, ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const fn = fakeFunction(() => null);
    start(queue, mapping(queue, { batchSize: 3 }), fn.invoke, { concurrency: 1 });
    await waitFor(() => bodiesOf(fn.calls).length === 7, '7 messages processed');
    expect(fn.calls.every((c) => c.records.length <= 3)).toBe(true);
    expect(fn.calls.length).toBeGreaterThanOrEqual(3);
    expect(bodiesOf(fn.calls).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    await waitFor(async () => (await depth(queue)) === 0, 'queue empty');
    const first = fn.calls[0]!.records[0]!;
    expect(first).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: queue.arn, awsRegion: REGION });
    expect(first.attributes.ApproximateReceiveCount).toBe('1');
  });

  it('waits up to the batching window to fill a batch, gathering messages sent meanwhile', async () => {
    const queue = await makeQueue({ visibility: 5 });
    const fn = fakeFunction(() => null);
    start(queue, mapping(queue, { batchSize: 10, maximumBatchingWindowSeconds: 1 }), fn.invoke, { concurrency: 1 });
    const sentAt = Date.now();
    await send(queue, ['w1']);
    await send(queue, ['w2', 'w3']);
    await waitFor(() => fn.calls.length > 0, 'the batch');
    expect(fn.calls[0]!.records.map((r) => r.body).sort()).toEqual(['w1', 'w2', 'w3']);
    // The batch was not full: the poller kept gathering for the whole window.
    expect(fn.calls[0]!.at - sentAt).toBeGreaterThanOrEqual(900);
  });

  it('keeps one copy of a message received again while the window is open (visibility shorter than the window)', async () => {
    const queue = await makeQueue({ visibility: 1 });
    const fn = fakeFunction(() => null);
    start(queue, mapping(queue, { batchSize: 10, maximumBatchingWindowSeconds: 2 }), fn.invoke, { concurrency: 1 });
    await send(queue, ['once']);
    await waitFor(() => fn.calls.length > 0, 'the batch');
    // Received at least twice during the 2 s window (visibility 1 s), delivered once.
    expect(fn.calls[0]!.records.map((r) => r.body)).toEqual(['once']);
    expect(Number(fn.calls[0]!.records[0]!.attributes.ApproximateReceiveCount)).toBeGreaterThanOrEqual(2);
    await waitFor(async () => (await depth(queue)) === 0, 'queue empty (deleted with the latest receipt handle)');
  });

  it('invokes as soon as the batch is full, without waiting out the window', async () => {
    const queue = await makeQueue();
    const fn = fakeFunction(() => null);
    start(queue, mapping(queue, { batchSize: 3, maximumBatchingWindowSeconds: 10 }), fn.invoke, { concurrency: 1 });
    const sentAt = Date.now();
    await send(queue, ['f1', 'f2', 'f3']);
    await waitFor(() => fn.calls.length > 0, 'the batch');
    expect(fn.calls[0]!.records).toHaveLength(3);
    expect(fn.calls[0]!.at - sentAt).toBeLessThan(5_000);
  });
});

describe('results', () => {
  it('partial failure: only the reported record comes back, with ApproximateReceiveCount 2', async () => {
    const queue = await makeQueue();
    await send(queue, ['p1', 'p2', 'p3']);
    const fn = fakeFunction((records, call) =>
      call === 1 ? { batchItemFailures: [{ itemIdentifier: records.find((r) => r.body === 'p2')!.messageId }] } : { batchItemFailures: [] },
    );
    start(queue, mapping(queue), fn.invoke, { concurrency: 1 });
    await waitFor(() => fn.calls.length >= 2, 'the retry');
    expect(fn.calls[0]!.records.map((r) => r.body).sort()).toEqual(['p1', 'p2', 'p3']);
    expect(fn.calls[1]!.records.map((r) => [r.body, r.attributes.ApproximateReceiveCount])).toEqual([['p2', '2']]);
    await waitFor(async () => (await depth(queue)) === 0, 'queue empty');
    expect(fn.calls).toHaveLength(2);
  });

  const wholeBatchFailures: [string, boolean, (records: SQSRecord[]) => unknown][] = [
    ['function error', true, () => Promise.reject(new Error('boom'))],
    ['function error without ReportBatchItemFailures', false, () => Promise.reject(new Error('boom'))],
    ['empty-string itemIdentifier', true, () => ({ batchItemFailures: [{ itemIdentifier: '' }] })],
    ['null itemIdentifier', true, () => ({ batchItemFailures: [{ itemIdentifier: null }] })],
    ['bad key name', true, (r) => ({ batchItemFailures: [{ messageId: r[0]!.messageId }] })],
    ['unknown message id', true, (r) => ({ batchItemFailures: [{ itemIdentifier: r[0]!.messageId }, { itemIdentifier: 'nope' }] })],
    ['non-object response', true, () => 'ok'],
    ['batchItemFailures not a list', true, (r) => ({ batchItemFailures: r[0]!.messageId })],
  ];

  it('whole-batch failure: every record comes back for each rule AWS documents', async () => {
    // All cases run side by side, each on its own queue, to share the visibility timeout wait.
    await Promise.all(
      wholeBatchFailures.map(async ([name, rbif, firstResponse]) => {
        const queue = await makeQueue();
        await send(queue, [`${name}-1`, `${name}-2`]);
        const fn = fakeFunction((records, call) => (call === 1 ? firstResponse(records) : null));
        start(queue, mapping(queue, { reportBatchItemFailures: rbif, batchSize: 2 }), fn.invoke, { concurrency: 1 });
        await waitFor(() => bodiesOf(fn.calls.slice(1)).length === 2, `${name}: both records again`);
        expect(fn.calls[0]!.records, name).toHaveLength(2);
        expect(fn.calls.slice(1).flatMap((c) => c.records.map((r) => r.attributes.ApproximateReceiveCount)), name).toEqual(['2', '2']);
      }),
    );
  });

  it('success shapes with ReportBatchItemFailures delete the whole batch', async () => {
    const shapes: unknown[] = [null, {}, { batchItemFailures: [] }, { batchItemFailures: null }];
    await Promise.all(
      shapes.map(async (shape, i) => {
        const queue = await makeQueue();
        await send(queue, [`s${i}-1`, `s${i}-2`]);
        const fn = fakeFunction(() => shape);
        start(queue, mapping(queue, { batchSize: 2 }), fn.invoke, { concurrency: 1 });
        await waitFor(() => bodiesOf(fn.calls).length === 2, 'the batch');
        await waitFor(async () => (await depth(queue)) === 0, `queue empty for ${JSON.stringify(shape)}`);
      }),
    );
  });

  it('a poison message ends in the DLQ after maxReceiveCount; the rest of its batches succeed', async () => {
    const dlq = await makeQueue();
    const queue = await makeQueue({ dlq, maxReceiveCount: 2 });
    await send(queue, ['good-1', 'poison', 'good-2']);
    const fn = fakeFunction((records) => ({
      batchItemFailures: records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })),
    }));
    const lines: string[] = [];
    start(queue, mapping(queue), fn.invoke, { concurrency: 1, log: (l) => lines.push(l) });
    const inDlq = await waitFor(async () => {
      const out = await local.client.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }));
      return out.Messages?.[0];
    }, 'the poison message in the DLQ');
    expect(inDlq.Body).toBe('poison');
    expect(inDlq.Attributes?.DeadLetterQueueSourceArn).toBe(queue.arn);
    const poisonDeliveries = fn.calls.flatMap((c) => c.records).filter((r) => r.body === 'poison');
    expect(poisonDeliveries.map((r) => r.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(bodiesOf(fn.calls).filter((b) => b.startsWith('good'))).toHaveLength(2);
    await waitFor(async () => (await depth(queue)) === 0, 'source queue empty');
    // One line per batch: function, queue, size, duration, outcome.
    expect(lines.some((l) => /\[esm\] Consumer <- esm-\S+: batch of 3 in \d+ ms: partial \(2 ok \/ 1 failed\)/.test(l))).toBe(true);
  });
});

describe('FIFO', () => {
  it('keeps each group in order under concurrency, with groups in parallel and never two batches of one group at once', async () => {
    const queue = await makeQueue({ fifo: true, visibility: 5 });
    const groups = ['g1', 'g2', 'g3', 'g4'];
    const perGroup = 8;
    const bodies = Array.from({ length: perGroup }, (_, i) => groups.map((g) => `${g}:${i}`)).flat();
    await send(queue, bodies, (b) => b.split(':')[0]!);

    const inFlight = new Set<string>();
    let concurrent = 0;
    let maxConcurrent = 0;
    let overlap = false;
    const seen = new Map<string, number[]>();
    const fn = fakeFunction(async (records) => {
      const batchGroups = new Set(records.map((r) => r.attributes.MessageGroupId!));
      for (const g of batchGroups) {
        if (inFlight.has(g)) overlap = true;
        inFlight.add(g);
      }
      maxConcurrent = Math.max(maxConcurrent, ++concurrent);
      for (const r of records) {
        const [g, i] = r.body.split(':');
        seen.set(g!, [...(seen.get(g!) ?? []), Number(i)]);
      }
      await new Promise((r) => setTimeout(r, 30 + Math.random() * 40));
      concurrent--;
      for (const g of batchGroups) inFlight.delete(g);
      return { batchItemFailures: [] };
    });
    start(queue, mapping(queue, { batchSize: 2, maximumConcurrency: 4 }), fn.invoke);
    await waitFor(() => bodiesOf(fn.calls).length === bodies.length, 'all messages');
    for (const g of groups) expect(seen.get(g), g).toEqual(Array.from({ length: perGroup }, (_, i) => i));
    expect(overlap).toBe(false);
    expect(maxConcurrent).toBeGreaterThan(1);
    expect(fn.calls.every((c) => c.records.length <= 2)).toBe(true);
    const fifoAttributes = fn.calls[0]!.records[0]!.attributes;
    expect(fifoAttributes.MessageGroupId).toBeTruthy();
    expect(fifoAttributes.SequenceNumber).toBeTruthy();
    expect(fifoAttributes.MessageDeduplicationId).toBeTruthy();
  });

  it('a failed record and the rest of its group come back in order (as Powertools reports them)', async () => {
    const queue = await makeQueue({ fifo: true });
    await send(queue, ['a:0', 'a:1', 'a:2', 'b:0'], (b) => b.split(':')[0]!);
    const fn = fakeFunction((records, call) => {
      if (call !== 1) return { batchItemFailures: [] };
      // What SqsFifoPartialProcessor returns when a:1 fails: it and everything after it in the group.
      const failAt = records.findIndex((r) => r.body === 'a:1');
      return { batchItemFailures: records.slice(failAt).filter((r) => r.body.startsWith('a')).map((r) => ({ itemIdentifier: r.messageId })) };
    });
    const lines: string[] = [];
    start(queue, mapping(queue, { batchSize: 10 }), fn.invoke, { concurrency: 1, log: (l) => lines.push(l) });
    await waitFor(async () => fn.calls.length >= 2 && (await depth(queue)) === 0, 'the retry and an empty queue').catch((e: Error) => {
      throw new Error(`${e.message}\n${lines.join('\n')}\n${JSON.stringify(fn.calls.map((c) => c.records.map((r) => r.body)))}`);
    });
    expect(fn.calls[0]!.records.map((r) => r.body)).toEqual(['a:0', 'a:1', 'a:2', 'b:0']);
    expect(bodiesOf(fn.calls.slice(1))).toEqual(['a:1', 'a:2']);
  });
});

describe('lifecycle', () => {
  it('a disabled mapping does not poll', async () => {
    const queue = await makeQueue();
    await send(queue, ['left alone']);
    const lines: string[] = [];
    const fn = fakeFunction(() => null);
    start(queue, mapping(queue, { enabled: false }), fn.invoke, { log: (l) => lines.push(l) });
    expect(lines).toEqual([expect.stringMatching(/disabled \(Enabled: false\), not polling/)]);
    const out = await local.client.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 0 }));
    expect(out.Messages?.[0]?.Body).toBe('left alone');
    expect(fn.calls).toHaveLength(0);
  });

  it('stop() ends a 20 s long poll promptly', async () => {
    const queue = await makeQueue();
    const fn = fakeFunction(() => null);
    const handle = start(queue, mapping(queue), fn.invoke);
    // Let the pollers reach their long poll.
    await local.client.send(new ReceiveMessageCommand({ QueueUrl: queue.url, WaitTimeSeconds: 0 }));
    const started = Date.now();
    await handle.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stop() lets an in-flight invocation finish and deletes its batch', async () => {
    const queue = await makeQueue({ visibility: 30 });
    await send(queue, ['slow']);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fn = fakeFunction(async () => {
      await gate;
      return null;
    });
    const handle = start(queue, mapping(queue), fn.invoke, { concurrency: 1 });
    await waitFor(() => fn.calls.length === 1, 'the invocation');
    const stopping = handle.stop();
    release();
    await stopping;
    expect(await depth(queue)).toBe(0);
  });

  it('backs off while the endpoint is down, then polls once it is up', async () => {
    const port = await findFreePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const queue: LocalQueue = {
      logicalId: 'late',
      queueName: 'late-queue',
      url: `${endpoint}/${ACCOUNT}/late-queue`,
      arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:late-queue`,
      fifo: false,
      contentBasedDeduplication: false,
      visibilityTimeoutSeconds: 1,
      messageRetentionSeconds: 345600,
      delaySeconds: 0,
      receiveWaitTimeSeconds: 0,
    };
    const lines: string[] = [];
    const fn = fakeFunction(() => null);
    start(queue, mapping(queue), fn.invoke, { endpoint, concurrency: 2, log: (l) => lines.push(l) });
    await waitFor(() => lines.some((l) => l.includes('polling failed')), 'a poll failure');
    const late = await startSqsServer({ port, region: REGION, accountId: ACCOUNT });
    try {
      await late.createQueue('late-queue', { VisibilityTimeout: '1' });
      const lateClient = new SQSClient({ endpoint, region: REGION, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
      await lateClient.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'finally' }));
      lateClient.destroy();
      await waitFor(() => bodiesOf(fn.calls).includes('finally'), 'the message after recovery');
      // Quiet while down: one line per distinct problem and poll loop, not one per retry.
      expect(lines.filter((l) => l.includes('polling failed')).length).toBeLessThanOrEqual(4);
    } finally {
      await Promise.all(local.running.splice(0).map((h) => h.stop()));
      await late.close();
    }
  });
});
