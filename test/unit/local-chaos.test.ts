/**
 * Chaos mode's pieces (local/chaos/): the spec, the seeded streams, the consumer faults at
 * the event-source mapping's invoke, the DynamoDB throttling proxy and the delayed
 * EventBridge targets. The whole of it under load: test/e2e/chaos.test.ts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { describeChaos, parseChaosSpec } from '../../local/chaos';
import { emptyConsumerTally, faultyConsumer } from '../../local/chaos/consumer-faults';
import { delayTargets } from '../../local/chaos/delayed-targets';
import { throttleGuard } from '../../local/chaos/dynamodb-throttle';
import { startDynamoDbFront } from '../../local/dynamodb/front';
import type { Random } from '../../local/chaos/random';
import { randomStream } from '../../local/chaos/random';
import type { TargetSinks } from '../../local/eventbridge/targets';
import type { InvokeOptions, InvokeResult } from '../../local/lambda';
import { isThrottling } from '../../shared/lib/throttling';

describe('the chaos spec', () => {
  it('parses every key', () => {
    expect(parseChaosSpec('consumer-error=0.2, consumer-timeout=0.05,throttle=0.1,duplicate=1,events-delay=200ms,redeliver-after=1s,seed=42')).toEqual({
      consumerError: 0.2,
      consumerTimeout: 0.05,
      throttle: 0.1,
      duplicate: 1,
      eventsDelayMs: 200,
      redeliverAfterSeconds: 1,
      seed: 42,
    });
    expect(parseChaosSpec('events-delay=1.5s,seed=0')).toMatchObject({ eventsDelayMs: 1500, consumerError: 0, throttle: 0, seed: 0 });
  });

  it('picks a seed when none is given', () => {
    expect(parseChaosSpec('throttle=0.5', () => 7).seed).toBe(7);
  });

  it.each([
    ['consumer-eror=0.2', 'chaos spec: unknown key "consumer-eror" (known: consumer-error, consumer-timeout, throttle, duplicate, events-delay, redeliver-after, seed)'],
    ['throttle=1.5', 'chaos spec: throttle: must be between 0 and 1'],
    ['throttle=lots', 'chaos spec: throttle: must be a number between 0 and 1'],
    ['throttle=', 'chaos spec: throttle: has no value'],
    ['throttle', 'chaos spec: "throttle" is not key=value'],
    ['throttle=0.1,throttle=0.2', 'chaos spec: "throttle" is given twice'],
    ['events-delay=200', 'chaos spec: events-delay: must be a duration such as 200ms or 2s'],
    ['redeliver-after=1500ms', 'chaos spec: redeliver-after: must be whole seconds (SQS counts visibility in seconds)'],
    ['seed=1.5', 'chaos spec: seed: must be an integer'],
    ['consumer-error=0.7,consumer-timeout=0.5', 'chaos spec: consumer-error + consumer-timeout must not exceed 1 (they are shares of the same batches)'],
  ])('refuses %s', (text, message) => {
    expect(() => parseChaosSpec(text)).toThrow(message);
  });

  it('says in one line what it injects, with the seed', () => {
    expect(describeChaos(parseChaosSpec('consumer-error=0.2,throttle=0.1,duplicate=1,events-delay=200ms,seed=9'))).toBe(
      '[chaos] ON, seed 9: consumer errors on 20 % of batches; DynamoDB throttling on 10 % of calls; duplicate deliveries of 100 % of batches; EventBridge targets delayed up to 200 ms',
    );
    expect(describeChaos(parseChaosSpec('seed=1'))).toBe('[chaos] ON, seed 1: nothing injected (every rate is 0)');
  });
});

describe('seeded streams', () => {
  it('repeat for the same seed and stream, and differ between streams', () => {
    const take = (seed: number, name: string) => Array.from({ length: 5 }, randomStream(seed, name));
    expect(take(1, 'a')).toEqual(take(1, 'a'));
    expect(take(1, 'a')).not.toEqual(take(1, 'b'));
    expect(take(1, 'a')).not.toEqual(take(2, 'a'));
    for (const x of take(3, 'c')) expect(x >= 0 && x < 1).toBe(true);
  });
});

/** A random stream that answers the given numbers in turn. */
const scripted = (...values: number[]) => () => {
  if (values.length === 0) throw new Error('script ran out');
  return values.shift()!;
};

const batch = (receiveCount = 1): SQSEvent => ({
  Records: ['m1', 'm2'].map((messageId) => ({
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: '{}',
    attributes: { ApproximateReceiveCount: String(receiveCount) } as SQSEvent['Records'][number]['attributes'],
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
    awsRegion: 'us-east-1',
  })),
});

function fakeFunction(answer: (options?: InvokeOptions) => InvokeResult = () => ({ ok: true, requestId: 'r', durationMs: 100, coldStart: false, result: {} })) {
  const calls: { event: SQSEvent; options?: InvokeOptions }[] = [];
  return {
    calls,
    invoke: async (event: unknown, options?: InvokeOptions) => {
      calls.push({ event: event as SQSEvent, options });
      return answer(options);
    },
  };
}

const rates = { errorRate: 0.2, timeoutRate: 0.05, duplicateRate: 0 };

describe('consumer faults', () => {
  it('passes a batch through when no fault is drawn', async () => {
    const fn = fakeFunction();
    const tally = emptyConsumerTally();
    const result = await faultyConsumer({ ...rates, invoke: fn.invoke, random: scripted(0.9), tally })(batch());
    expect(result.ok).toBe(true);
    expect(fn.calls).toHaveLength(1);
    expect(tally).toMatchObject({ batches: 1, errorsBefore: 0, errorsAfter: 0, timeoutCuts: 0 });
  });

  it('fails a batch before the handler runs: the function is not invoked', async () => {
    const fn = fakeFunction();
    const tally = emptyConsumerTally();
    const result = await faultyConsumer({ ...rates, invoke: fn.invoke, random: scripted(0.1, 0.2), tally })(batch());
    expect(result).toMatchObject({ ok: false, error: { errorType: 'Chaos.InjectedError' } });
    expect(fn.calls).toHaveLength(0);
    expect(tally.errorsBefore).toBe(1);
  });

  it('fails a batch after the handler ran: its work is done, its answer lost', async () => {
    const fn = fakeFunction();
    const tally = emptyConsumerTally();
    const result = await faultyConsumer({ ...rates, invoke: fn.invoke, random: scripted(0.1, 0.7), tally })(batch());
    expect(result).toMatchObject({ ok: false, error: { errorMessage: expect.stringContaining('after the handler ran') } });
    expect(fn.calls).toHaveLength(1);
    expect(tally.errorsAfter).toBe(1);
  });

  it('cuts the deadline to a point of a typical run, and counts the cuts that timed out', async () => {
    const fn = fakeFunction((options) =>
      options?.timeoutMs !== undefined
        ? { ok: false, requestId: 'r', durationMs: options.timeoutMs, coldStart: false, timedOut: true, error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out' } }
        : { ok: true, requestId: 'r', durationMs: 100, coldStart: false, result: {} },
    );
    const tally = emptyConsumerTally();
    const result = await faultyConsumer({ ...rates, invoke: fn.invoke, random: scripted(0.22, 0.5), tally })(batch());
    expect(result).toMatchObject({ ok: false, timedOut: true });
    // Half of the first estimate of a run (200 ms).
    expect(fn.calls[0]!.options).toEqual({ timeoutMs: 100 });
    expect(tally).toMatchObject({ timeoutCuts: 1, timeouts: 1 });
  });

  it('hands a processed batch to the function again, receive count + 1, and settles by the second answer', async () => {
    let n = 0;
    const fn = fakeFunction(() => ({ ok: true, requestId: 'r', durationMs: 10, coldStart: false, result: n++ === 0 ? {} : { batchItemFailures: [{ itemIdentifier: 'm2' }] } }));
    const tally = emptyConsumerTally();
    const result = await faultyConsumer({ ...rates, duplicateRate: 1, invoke: fn.invoke, random: scripted(0.9, 0.3), tally })(batch(2));
    expect(fn.calls.map((c) => c.event.Records.map((r) => [r.messageId, r.attributes.ApproximateReceiveCount]))).toEqual([
      [['m1', '2'], ['m2', '2']],
      [['m1', '3'], ['m2', '3']],
    ]);
    expect(result).toMatchObject({ ok: true, result: { batchItemFailures: [{ itemIdentifier: 'm2' }] } });
    expect(tally.duplicates).toBe(1);
  });

  it('does not duplicate a batch that failed (it comes back anyway)', async () => {
    const fn = fakeFunction();
    const tally = emptyConsumerTally();
    await faultyConsumer({ ...rates, duplicateRate: 1, invoke: fn.invoke, random: scripted(0.1, 0.2), tally })(batch());
    expect(tally.duplicates).toBe(0);
  });

  it('spares a batch holding a message on its last receive before the DLQ', async () => {
    const fn = fakeFunction();
    const tally = emptyConsumerTally();
    const result = await faultyConsumer({ ...rates, maxReceiveCount: 5, invoke: fn.invoke, random: scripted(0.1), tally })(batch(5));
    expect(result.ok).toBe(true);
    expect(tally).toMatchObject({ spared: 1, errorsBefore: 0, errorsAfter: 0 });
  });

  it('makes a batch that failed as a whole visible again early, and leaves reported item failures alone', async () => {
    const redelivered: string[][] = [];
    const redeliver = async (records: SQSEvent['Records']) => void redelivered.push(records.map((r) => r.receiptHandle));
    const failing = faultyConsumer({ ...rates, invoke: fakeFunction().invoke, random: scripted(0.1, 0.2), tally: emptyConsumerTally(), redeliver });
    await failing(batch());
    expect(redelivered).toEqual([['rh-m1', 'rh-m2']]);
    const partial = fakeFunction(() => ({ ok: true, requestId: 'r', durationMs: 10, coldStart: false, result: { batchItemFailures: [{ itemIdentifier: 'm1' }] } }));
    await faultyConsumer({ ...rates, invoke: partial.invoke, random: scripted(0.9), tally: emptyConsumerTally(), redeliver })(batch());
    expect(redelivered).toHaveLength(1);
  });
});

describe('the DynamoDB throttling proxy', () => {
  let upstream: Server;
  let forwarded: string[];
  let target: string;
  beforeAll(async () => {
    forwarded = [];
    upstream = createServer((req, res) => {
      forwarded.push(String(req.headers['x-amz-target']));
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

  /** The DynamoDB front with the throttle as its one guard, as the platform runs it under chaos. */
  async function startThrottleProxy(opts: { target: string; rate: number; random: Random }) {
    const throttle = throttleGuard(opts);
    const front = await startDynamoDbFront({ target: opts.target, guards: [throttle.guard] });
    return { ...front, counts: throttle.counts };
  }

  const client = (endpoint: string, maxAttempts = 1) =>
    new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts });

  it("answers DynamoDB's own error and never forwards a throttled call (a transaction is not half applied)", async () => {
    const proxy = await startThrottleProxy({ target, rate: 1, random: () => 0 });
    // The SDK retries it as throttling (3 attempts here), as it does against AWS.
    const ddb = client(proxy.endpoint, 3);
    try {
      forwarded.length = 0;
      const write = ddb.send(
        new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: 'a' } } } }, { Delete: { TableName: 't', Key: { pk: { S: 'b' } } } }] }),
      );
      const error = await write.catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400, attempts: 3 } });
      expect(isThrottling(error)).toBe(true);
      expect(forwarded).toEqual([]);
      expect(proxy.counts()).toMatchObject({ calls: 3, throttled: 3, byOperation: { TransactWriteItems: { calls: 3, throttled: 3 } } });
    } finally {
      ddb.destroy();
      await proxy.close();
    }
  });

  it('passes the rest through unchanged', async () => {
    const proxy = await startThrottleProxy({ target, rate: 0.5, random: scripted(0.7, 0.2, 0.9) });
    const ddb = client(proxy.endpoint);
    try {
      forwarded.length = 0;
      const outcomes = [];
      for (let i = 0; i < 3; i++) outcomes.push(await ddb.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } })).then(() => 'ok', (e: Error) => e.name));
      expect(outcomes).toEqual(['ok', 'ProvisionedThroughputExceededException', 'ok']);
      expect(forwarded).toEqual(['DynamoDB_20120810.GetItem', 'DynamoDB_20120810.GetItem']);
    } finally {
      ddb.destroy();
      await proxy.close();
    }
  });
});

describe('delayed EventBridge targets', () => {
  it('wait a random part of the delay before each delivery', async () => {
    const sent: string[] = [];
    const sinks: TargetSinks = {
      sendToQueue: async (queue) => void sent.push(queue),
      invokeFunction: async (fn) => void sent.push(fn),
    };
    // The first delivery waits 90 % of 100 ms, the second none: they arrive in the other order.
    const delayed = delayTargets(sinks, 100, scripted(0.9, 0));
    const first = delayed.sinks.sendToQueue('q-first', '{}');
    const second = delayed.sinks.invokeFunction('fn-second', {});
    await Promise.all([first, second]);
    expect(sent).toEqual(['fn-second', 'q-first']);
    expect(delayed.delayed()).toBe(2);
  });

  it('end their waits at close', async () => {
    const sent: string[] = [];
    const sinks: TargetSinks = { sendToQueue: async (q) => void sent.push(q), invokeFunction: async () => {} };
    const delayed = delayTargets(sinks, 60_000, () => 1);
    const pending = delayed.sinks.sendToQueue('q', '{}');
    delayed.close();
    await pending;
    expect(sent).toEqual(['q']);
  });
});
