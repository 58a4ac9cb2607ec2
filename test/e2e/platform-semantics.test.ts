/**
 * End to end: the local platform's SQS → Lambda semantics, on a small fixture CDK app
 * (test/e2e/fixtures/semantics/app.ts) with 2 s visibility timeouts, started once on free
 * ports like `npm start` starts the Anxin app: synth → topology → local SQS endpoint →
 * event-source mappings → functions in worker threads. Messages go in with the real
 * @aws-sdk/client-sqs; what the function saw comes back as JSON lines the fixture handler
 * appends (one per invocation with the raw event, one per record attempt with its timing).
 *
 * Proves what the consumers rely on:
 *   1. ReportBatchItemFailures: only the failed record of a batch is delivered again;
 *   2. a record that keeps failing reaches the DLQ after maxReceiveCount (3) receives;
 *   3. FIFO order within a group holds under concurrency, while groups run in parallel;
 *   4. a duplicate send within the dedup window is delivered once (dedup id and content);
 * and that every event the function received parses with Powertools' SqsSchema.
 *
 * Every wait polls a condition with a deadline; nothing sleeps for a fixed time.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../local/platform';
import type { LocalQueue } from '../../local/topology';
import { FREE_PORTS, sharedDynamoDb } from '../support/platform';
import {
  FIXTURE_STAGE,
  MAX_RECEIVE_COUNT,
  QUEUES,
  SHORT_VISIBILITY_SECONDS,
  synthSemanticsApp,
} from './fixtures/semantics/app';

const REGION = 'us-east-1';
/** Timestamps are whole milliseconds from one clock; allow for rounding only. */
const CLOCK_SLACK_MS = 5;

interface Attempt {
  kind: 'attempt';
  id: string;
  group?: string;
  receiveCount: number;
  firstReceiveAt: number;
  messageId: string;
  requestId: string;
  queueArn: string;
  outcome: 'ok' | 'failed';
  start: number;
  end: number;
}

interface EventLine {
  kind: 'event';
  requestId: string;
  at: number;
  event: SQSEvent;
}

interface Body {
  id: string;
  group?: string;
  behaviour: 'ok' | 'fail-once' | 'fail-always';
  sleepMs?: number;
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'anxin-semantics-'));
const recordFile = path.join(dataDir, 'records.jsonl');
const platformLog: string[] = [];
let platform: Platform;
let sqs: SQSClient;

// ---------------------------------------------------------------------------- helpers

function queue(name: string): LocalQueue {
  const found = platform.topology.queues.find((q) => q.queueName === name);
  if (!found) throw new Error(`no queue ${name} in the topology (${platform.topology.queues.map((q) => q.queueName).join(', ')})`);
  return found;
}

/** Every complete line the handler wrote so far (a line still being written is skipped). */
function lines(): (Attempt | EventLine)[] {
  if (!existsSync(recordFile)) return [];
  const text = readFileSync(recordFile, 'utf8');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Attempt | EventLine);
}

const attempts = (predicate: (a: Attempt) => boolean = () => true): Attempt[] =>
  lines().filter((l): l is Attempt => l.kind === 'attempt' && predicate(l));
const attemptsOf = (id: string) => attempts((a) => a.id === id);
const events = (): EventLine[] => lines().filter((l): l is EventLine => l.kind === 'event');
const eventOf = (requestId: string) => events().find((e) => e.requestId === requestId);

async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 30_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n--- platform log (tail) ---\n${platformLog.slice(-40).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const body = (b: Body) => JSON.stringify(b);

async function sendBatch(q: LocalQueue, entries: { body: Body; groupId?: string; dedupId?: string }[]): Promise<string[]> {
  const out = await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: q.url,
      Entries: entries.map((e, i) => ({
        Id: `e${i}`,
        MessageBody: body(e.body),
        ...(e.groupId ? { MessageGroupId: e.groupId } : {}),
        ...(e.dedupId ? { MessageDeduplicationId: e.dedupId } : {}),
      })),
    }),
  );
  expect(out.Failed ?? []).toEqual([]);
  // Successful entries come back by Id; return the MessageIds in send order.
  return entries.map((_, i) => out.Successful!.find((s) => s.Id === `e${i}`)!.MessageId!);
}

async function counts(q: LocalQueue): Promise<{ visible: number; inFlight: number; delayed: number }> {
  const out = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: q.url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  const a = out.Attributes ?? {};
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    inFlight: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
}

async function isEmpty(q: LocalQueue): Promise<boolean> {
  const c = await counts(q);
  return c.visible + c.inFlight + c.delayed === 0;
}

/** Receives from `q` (long polls of 1 s) until a message with this body's id turns up. */
async function receiveById(q: LocalQueue, id: string, timeoutMs: number): Promise<Message> {
  return waitFor(
    async () => {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: q.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }),
      );
      return (out.Messages ?? []).find((m) => (JSON.parse(m.Body ?? '{}') as Body).id === id);
    },
    `message ${id} in ${q.queueName}`,
    timeoutMs,
  );
}

const overlaps = (a: Attempt, b: Attempt) => a.start < b.end && b.start < a.end;

// ---------------------------------------------------------------------------- platform

beforeAll(async () => {
  platform = await startPlatform({
    synth: (outdir) => synthSemanticsApp(outdir, { recordFile }),
    seed: false,
    dataDir,
    ...FREE_PORTS,
    ...sharedDynamoDb(dataDir),
    stage: FIXTURE_STAGE,
    log: (line) => platformLog.push(line),
  });
  sqs = new SQSClient({ endpoint: platform.sqsEndpoint, region: REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

  // Warm each consumer once, so that no assertion below depends on how long a cold start
  // takes on a busy machine (a 2 s visibility timeout leaves little room for one).
  const warm = [QUEUES.standard, QUEUES.fifo, QUEUES.ordered].map(async (name) => {
    const id = `warmup-${name}`;
    await sendBatch(queue(name), [{ body: { id, behaviour: 'ok' }, ...(name.endsWith('.fifo') ? { groupId: 'warmup', dedupId: id } : {}) }]);
    await waitFor(() => attemptsOf(id).some((a) => a.outcome === 'ok'), `warm-up message on ${name}`, 60_000);
    await waitFor(() => isEmpty(queue(name)), `${name} to be empty after the warm-up`);
  });
  await Promise.all(warm);
});

afterAll(async () => {
  sqs?.destroy();
  await platform?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------- tests

describe('local platform: SQS → Lambda semantics (fixture app)', () => {
  it('runs the fixture topology: queues with DLQs after 3 receives, mappings with ReportBatchItemFailures', () => {
    const t = platform.topology;
    for (const [name, dlq] of [
      [QUEUES.standard, QUEUES.standardDlq],
      [QUEUES.fifo, QUEUES.fifoDlq],
      [QUEUES.ordered, QUEUES.orderedDlq],
    ] as const) {
      expect(queue(name).redrive).toEqual({ deadLetterTargetArn: queue(dlq).arn, maxReceiveCount: MAX_RECEIVE_COUNT });
      const mapping = t.eventSourceMappings.find((m) => m.queueLogicalId === queue(name).logicalId);
      expect(mapping, `mapping of ${name}`).toMatchObject({ reportBatchItemFailures: true, maximumConcurrency: 5, enabled: true });
    }
    expect(queue(QUEUES.fifo)).toMatchObject({ fifo: true, contentBasedDeduplication: false, visibilityTimeoutSeconds: SHORT_VISIBILITY_SECONDS });
    expect(queue(QUEUES.ordered)).toMatchObject({ fifo: true, contentBasedDeduplication: true });
    expect(queue(QUEUES.standard)).toMatchObject({ fifo: false, visibilityTimeoutSeconds: SHORT_VISIBILITY_SECONDS });
  });

  describe.each([
    { kind: 'standard', name: QUEUES.standard, dlq: QUEUES.standardDlq, prefix: 't1s' },
    { kind: 'FIFO (one group per record)', name: QUEUES.fifo, dlq: QUEUES.fifoDlq, prefix: 't1f' },
  ])('1. partial batch failure on a $kind queue', ({ name, dlq, prefix }) => {
    it('delivers only the failed record again, once, after the visibility timeout; the rest exactly once', async () => {
      const q = queue(name);
      const fifo = q.fifo;
      const ids = [0, 1, 2, 3, 4].map((i) => `${prefix}-${i}`);
      const failing = `${prefix}-2`;
      const messageIds = await sendBatch(
        q,
        ids.map((id) => ({
          body: { id, behaviour: id === failing ? 'fail-once' : 'ok' },
          ...(fifo ? { groupId: id, dedupId: id } : {}),
        })),
      );

      // Settled: every record succeeded once and the queue holds nothing (not even in flight),
      // so no further delivery can happen.
      await waitFor(() => ids.every((id) => attemptsOf(id).some((a) => a.outcome === 'ok')), 'every record to succeed');
      await waitFor(() => isEmpty(q), `${name} to be empty`);

      // The first delivery was ONE batch holding all five records.
      const firsts = ids.map((id) => attemptsOf(id)[0]!);
      expect(new Set(firsts.map((a) => a.requestId)).size).toBe(1);
      expect(eventOf(firsts[0]!.requestId)!.event.Records.map((r) => r.messageId).sort()).toEqual([...messageIds].sort());

      // The ok records: processed exactly once, on their first receive.
      for (const id of ids.filter((i) => i !== failing)) {
        expect(attemptsOf(id).map((a) => [a.receiveCount, a.outcome]), id).toEqual([[1, 'ok']]);
      }

      // The failing record: failed on receive 1, succeeded on receive 2, same message.
      const [first, retry, ...more] = attemptsOf(failing);
      expect(more).toEqual([]);
      expect([first!.receiveCount, first!.outcome, retry!.receiveCount, retry!.outcome]).toEqual([1, 'failed', 2, 'ok']);
      expect(retry!.messageId).toBe(first!.messageId);
      // ... in a new invocation whose batch held only that record ...
      expect(retry!.requestId).not.toBe(first!.requestId);
      expect(eventOf(retry!.requestId)!.event.Records.map((r) => r.messageId)).toEqual([first!.messageId]);
      // ... and not before its visibility timeout ran out (Lambda does not shorten it).
      expect(retry!.start - retry!.firstReceiveAt).toBeGreaterThanOrEqual(SHORT_VISIBILITY_SECONDS * 1000 - CLOCK_SLACK_MS);

      // A record that succeeded on a retry never reaches the DLQ.
      expect(await isEmpty(queue(dlq))).toBe(true);
    });
  });

  it('2. a record that always fails is attempted maxReceiveCount times, then sits in the DLQ (standard and FIFO)', async () => {
    const cases = [
      { q: queue(QUEUES.standard), dlq: queue(QUEUES.standardDlq), id: 't2s-poison', groupId: undefined },
      { q: queue(QUEUES.fifo), dlq: queue(QUEUES.fifoDlq), id: 't2f-poison', groupId: 't2f-group' },
    ];
    await Promise.all(
      cases.map(async ({ q, dlq, id, groupId }) => {
        const sent: Body = { id, behaviour: 'fail-always' };
        const [messageId] = await sendBatch(q, [{ body: sent, ...(groupId ? { groupId, dedupId: id } : {}) }]);

        // Receive #4 moves it instead of delivering it: 3 × 2 s visibility, plus slack.
        const dead = await receiveById(dlq, id, 40_000);
        expect(dead.Body).toBe(body(sent));
        expect(dead.MD5OfBody).toBe(createHash('md5').update(body(sent)).digest('hex'));
        expect(dead.Attributes?.DeadLetterQueueSourceArn).toBe(q.arn);
        if (groupId) expect(dead.Attributes?.MessageGroupId).toBe(groupId);

        // Exactly maxReceiveCount attempts, receive counts 1..3, each a separate failed invocation.
        const tries = attemptsOf(id);
        expect(tries.map((a) => [a.receiveCount, a.outcome])).toEqual(
          Array.from({ length: MAX_RECEIVE_COUNT }, (_, i) => [i + 1, 'failed']),
        );
        expect(new Set(tries.map((a) => a.messageId))).toEqual(new Set([messageId]));
        expect(new Set(tries.map((a) => a.requestId)).size).toBe(MAX_RECEIVE_COUNT);
        // Redeliveries are spaced by the visibility timeout: receive k happens at least
        // (k - 1) visibility timeouts after the first receive (and the attempt starts after it).
        for (const a of tries) {
          expect(a.firstReceiveAt, 'ApproximateFirstReceiveTimestamp is stable').toBe(tries[0]!.firstReceiveAt);
          expect(a.start - a.firstReceiveAt, `start of attempt ${a.receiveCount}`).toBeGreaterThanOrEqual(
            (a.receiveCount - 1) * SHORT_VISIBILITY_SECONDS * 1000 - CLOCK_SLACK_MS,
          );
        }
        // Nothing left behind in the source queue, visible or in flight.
        expect(await counts(q)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
      }),
    );
  });

  it('3. FIFO: each group is processed in send order, never overlapping itself, while groups run in parallel', async () => {
    const q = queue(QUEUES.ordered);
    const GROUPS = 3;
    const PER_GROUP = 8;
    const SLEEP_MS = 150;
    const groups = Array.from({ length: GROUPS }, (_, g) => `t3-g${g}`);
    const idsOf = (group: string) => Array.from({ length: PER_GROUP }, (_, i) => `${group}-m${i}`);

    // Each group's messages go in order in one SendMessageBatch; the groups are sent concurrently.
    await Promise.all(
      groups.map((group) => sendBatch(q, idsOf(group).map((id) => ({ body: { id, group, behaviour: 'ok', sleepMs: SLEEP_MS }, groupId: group })))),
    );
    const all = groups.flatMap(idsOf);
    await waitFor(() => attempts((a) => a.id.startsWith('t3-')).length >= all.length, `${all.length} attempts`);
    await waitFor(() => isEmpty(q), `${q.queueName} to be empty`);

    const done = attempts((a) => a.id.startsWith('t3-'));
    // Each message exactly once, first time, no failures.
    expect(done.map((a) => a.id).sort()).toEqual([...all].sort());
    expect(done.every((a) => a.outcome === 'ok' && a.receiveCount === 1)).toBe(true);

    for (const group of groups) {
      const inGroup = done.filter((a) => a.group === group).sort((a, b) => a.start - b.start);
      // Processing order = send order.
      expect(inGroup.map((a) => a.id), `${group} order`).toEqual(idsOf(group));
      // One at a time: each message starts only after the previous one of its group ended.
      for (let i = 1; i < inGroup.length; i++) {
        expect(inGroup[i]!.start, `${inGroup[i]!.id} starts after ${inGroup[i - 1]!.id} ended`).toBeGreaterThanOrEqual(inGroup[i - 1]!.end);
      }
      // The group was handed from batch to batch (batch size 2), so the order above had to
      // survive concurrent pollers, not just one sequential loop over a single batch.
      expect(new Set(inGroup.map((a) => a.requestId)).size, `${group} batches`).toBeGreaterThanOrEqual(PER_GROUP / 2);
    }

    // Parallelism: some message of one group ran while a message of another group ran.
    const overlappingPairs = new Set<string>();
    for (const a of done) {
      for (const b of done) {
        if (a.group! < b.group! && overlaps(a, b)) overlappingPairs.add(`${a.group}+${b.group}`);
      }
    }
    expect(overlappingPairs.size, 'pairs of groups that ran at the same time').toBeGreaterThanOrEqual(1);
    // And the whole run was faster than running everything one after another.
    const wall = Math.max(...done.map((a) => a.end)) - Math.min(...done.map((a) => a.start));
    expect(wall).toBeLessThan(all.length * SLEEP_MS);

    // Batches of this mapping never exceed its BatchSize (2).
    const requestIds = new Set(done.map((a) => a.requestId));
    for (const e of events().filter((e) => requestIds.has(e.requestId))) expect(e.event.Records.length).toBeLessThanOrEqual(2);
  });

  it('3b. FIFO: a parked long poll gets the next message of a group as soon as the in-flight one is deleted', async () => {
    // What lets a waiting poller take over a group the moment another poller settles it.
    // On a queue no mapping polls (a DLQ), with two clients' worth of requests by hand.
    const q = queue(QUEUES.orderedDlq);
    const groupId = 't3b-group';
    for (const id of ['t3b-first', 't3b-second']) {
      await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: body({ id, behaviour: 'ok' }), MessageGroupId: groupId }));
    }
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, MaxNumberOfMessages: 1, VisibilityTimeout: 30 }));
    expect(first.Messages?.map((m) => (JSON.parse(m.Body!) as Body).id)).toEqual(['t3b-first']);

    // The group is blocked while its head is in flight: this long poll parks...
    const started = Date.now();
    const parked = sqs.send(new ReceiveMessageCommand({ QueueUrl: q.url, MaxNumberOfMessages: 1, WaitTimeSeconds: 10 }));
    // Give the request time to reach the endpoint and park (there is no API to observe that).
    // Not an outcome wait: if it has not parked yet, the delete lands first and the test
    // passes without proving anything, it never fails for a slow machine.
    await new Promise((resolve) => setTimeout(resolve, 300));
    // ...and is answered once the head is deleted, not when its 10 s wait runs out.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: first.Messages![0]!.ReceiptHandle }));
    const second = await parked;
    expect(second.Messages?.map((m) => (JSON.parse(m.Body!) as Body).id)).toEqual(['t3b-second']);
    expect(Date.now() - started).toBeLessThan(5_000);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: q.url, ReceiptHandle: second.Messages![0]!.ReceiptHandle }));
  });

  it('4a. FIFO: a second send with the same MessageDeduplicationId is accepted but delivered once', async () => {
    const q = queue(QUEUES.fifo);
    const groupId = 't4a-group';
    const send = async (b: Body, dedupId: string) =>
      sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: body(b), MessageGroupId: groupId, MessageDeduplicationId: dedupId }));

    const first = await send({ id: 't4a-dup', behaviour: 'ok' }, 'dedup-1');
    const second = await send({ id: 't4a-dup', behaviour: 'ok' }, 'dedup-1');
    // SQS answers a duplicate with the original's MessageId and SequenceNumber.
    expect(second.MessageId).toBe(first.MessageId);
    expect(second.SequenceNumber).toBe(first.SequenceNumber);
    // Control: the same body under different dedup ids is two messages (dedup is by id here).
    const c1 = await send({ id: 't4a-control', behaviour: 'ok' }, 'dedup-2a');
    const c2 = await send({ id: 't4a-control', behaviour: 'ok' }, 'dedup-2b');
    expect(c2.MessageId).not.toBe(c1.MessageId);
    // A sentinel last in the same group: once it is processed, everything before it was.
    await send({ id: 't4a-sentinel', behaviour: 'ok' }, 'dedup-3');

    await waitFor(() => attemptsOf('t4a-sentinel').length > 0, 'the sentinel');
    const seen = attempts((a) => a.id.startsWith('t4a-'));
    expect(seen.map((a) => a.id)).toEqual(['t4a-dup', 't4a-control', 't4a-control', 't4a-sentinel']);
    expect(seen.map((a) => a.messageId)).toEqual([first.MessageId, c1.MessageId, c2.MessageId, expect.any(String)]);
    await waitFor(() => isEmpty(q), `${q.queueName} to be empty`);
  });

  it('4b. FIFO with content-based deduplication: the same body sent twice is delivered once', async () => {
    const q = queue(QUEUES.ordered);
    const groupId = 't4b-group';
    const send = async (b: Body) => sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: body(b), MessageGroupId: groupId }));

    const first = await send({ id: 't4b-dup', behaviour: 'ok' });
    const second = await send({ id: 't4b-dup', behaviour: 'ok' });
    expect(second.MessageId).toBe(first.MessageId);
    await send({ id: 't4b-sentinel', behaviour: 'ok' });

    await waitFor(() => attemptsOf('t4b-sentinel').length > 0, 'the sentinel');
    expect(attempts((a) => a.id.startsWith('t4b-')).map((a) => [a.id, a.messageId])).toEqual([
      ['t4b-dup', first.MessageId],
      ['t4b-sentinel', expect.any(String)],
    ]);
    await waitFor(() => isEmpty(q), `${q.queueName} to be empty`);
  });

  it('every event the functions received parses with Powertools SqsSchema and matches its queue', () => {
    const all = events();
    // Warm-ups + test 1 (≥ 4) + test 2 (6) + test 3 (≥ 12) + test 4 (≥ 2).
    expect(all.length).toBeGreaterThanOrEqual(20);
    const arns = new Map(platform.topology.queues.map((q) => [q.arn, q]));
    for (const { event, requestId } of all) {
      const parsed = SqsSchema.safeParse(event);
      expect(parsed.success, `event ${requestId}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      expect(event.Records.length).toBeGreaterThan(0);
      for (const r of event.Records) {
        const q = arns.get(r.eventSourceARN);
        expect(q, `eventSourceARN ${r.eventSourceARN}`).toBeDefined();
        expect(r).toMatchObject({ eventSource: 'aws:sqs', awsRegion: REGION });
        expect(r.md5OfBody).toBe(createHash('md5').update(r.body).digest('hex'));
        if (q!.fifo) {
          expect(r.attributes.MessageGroupId).toBeTruthy();
          expect(r.attributes.MessageDeduplicationId).toBeTruthy();
          expect(r.attributes.SequenceNumber).toMatch(/^\d+$/);
        }
      }
    }
  });
});
