/**
 * What the webhook dispatcher relies on from the local event-source mapping and SQS, as
 * on AWS: a function that fails a record and moves that message's visibility itself
 * (ChangeMessageVisibility with the record's receipt handle) decides when the message comes
 * back — sooner or later than the queue's visibility timeout — because the poller leaves
 * failed records alone; a standard queue's RedrivePolicy moves the message to its DLQ after
 * maxReceiveCount receives; and StartMessageMoveTask from the DLQ returns it to its source
 * with a fresh receive count. Real local SQS endpoint, real AWS SDK, a fake function.
 */
import {
  ChangeMessageVisibilityCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { startEventSourceMapping } from '../../local/esm';
import type { InvokeResult } from '../../local/lambda';
import type { LocalQueue } from '../../local/topology';
import { createLocalQueue, REGION, useLocalSqs } from '../support/local-sqs';

const local = useLocalSqs();
let counter = 0;

async function standardQueue(opts: { visibility: number; dlq?: LocalQueue; maxReceiveCount?: number }): Promise<LocalQueue> {
  return createLocalQueue(local.server, `retry-${++counter}-${Date.now()}`, opts);
}

/**
 * A function like the webhook dispatcher: fails every record until `succeedFrom` (a receive
 * count), setting the message's visibility to `delayFor(receiveCount)` seconds first.
 */
function dispatcherLike(queue: LocalQueue, delayFor: (receiveCount: number) => number, succeedFrom = Infinity) {
  const receives: { at: number; count: number }[] = [];
  const invoke = async (event: unknown): Promise<InvokeResult> => {
    const failures: { itemIdentifier: string }[] = [];
    for (const record of (event as SQSEvent).Records as SQSRecord[]) {
      const count = Number(record.attributes.ApproximateReceiveCount);
      receives.push({ at: Date.now(), count });
      if (count >= succeedFrom) continue;
      await local.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue.url, ReceiptHandle: record.receiptHandle, VisibilityTimeout: delayFor(count) }));
      failures.push({ itemIdentifier: record.messageId });
    }
    return { ok: true, result: { batchItemFailures: failures }, requestId: 'r', durationMs: 1, coldStart: false };
  };
  const handle = startEventSourceMapping({
    mapping: { logicalId: `${queue.logicalId}-esm`, functionLogicalId: 'Dispatcher', queueLogicalId: queue.logicalId, batchSize: 10, maximumBatchingWindowSeconds: 0, reportBatchItemFailures: true, enabled: true },
    queue,
    sqsEndpoint: local.server.endpoint,
    region: REGION,
    invoke,
  });
  local.running.push(handle);
  return receives;
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function counts(queue: LocalQueue) {
  const out = await local.client.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return { visible: Number(out.Attributes!.ApproximateNumberOfMessages), inFlight: Number(out.Attributes!.ApproximateNumberOfMessagesNotVisible) };
}

describe("a failed record's visibility is the function's to set", () => {
  it('shorter than the queue timeout: the message is back after the delay the function chose (1 s, not 30 s)', async () => {
    const queue = await standardQueue({ visibility: 30 });
    const receives = dispatcherLike(queue, () => 1, 3);
    await local.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'short' }));
    await waitFor(() => receives.length >= 3 || undefined, 'three receives', 10_000);
    const gaps = receives.slice(1).map((r, i) => r.at - receives[i]!.at);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(900);
      expect(gap).toBeLessThan(5_000);
    }
    expect(receives.map((r) => r.count)).toEqual([1, 2, 3]);
    await waitFor(async () => ((await counts(queue)).visible + (await counts(queue)).inFlight === 0) || undefined, 'the delivered message deleted');
  });

  it('longer than the queue timeout: the message stays away for the whole delay (3 s, not 1 s)', async () => {
    const queue = await standardQueue({ visibility: 1 });
    const receives = dispatcherLike(queue, () => 3, 2);
    await local.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'long' }));
    await waitFor(() => receives.length >= 2 || undefined, 'the second receive', 10_000);
    expect(receives[1]!.at - receives[0]!.at).toBeGreaterThanOrEqual(2_900);
    expect(receives.map((r) => r.count)).toEqual([1, 2]);
  });
});

describe('a standard queue: maxReceiveCount → DLQ, and redrive back', () => {
  it('after the last failed attempt (visibility 0) the message moves to the DLQ at once; a move task returns it with a fresh count', async () => {
    const dlq = await standardQueue({ visibility: 30 });
    const queue = await standardQueue({ visibility: 30, dlq, maxReceiveCount: 3 });
    // Retry after 1 s, 1 s; after the 3rd (last) attempt visible at once, as the dispatcher does.
    const receives = dispatcherLike(queue, (count) => (count >= 3 ? 0 : 1));
    await local.client.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }));
    await waitFor(async () => ((await counts(dlq)).visible === 1) || undefined, 'the message in the DLQ', 10_000);
    expect(receives.map((r) => r.count)).toEqual([1, 2, 3]);
    expect(await counts(queue)).toEqual({ visible: 0, inFlight: 0 });

    // The DLQ's message remembers where it came from...
    const peek = await local.client.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MessageSystemAttributeNames: ['All'], VisibilityTimeout: 0 }));
    expect(peek.Messages?.[0]).toMatchObject({ Body: 'poison', Attributes: { DeadLetterQueueSourceArn: queue.arn } });

    // ...and goes back there: stop the failing consumer first, then redrive.
    await Promise.all(local.running.splice(0).map((h) => h.stop()));
    const { TaskHandle } = await local.client.send(new StartMessageMoveTaskCommand({ SourceArn: dlq.arn }));
    expect(TaskHandle).toBeTruthy();
    await waitFor(async () => {
      const tasks = await local.client.send(new ListMessageMoveTasksCommand({ SourceArn: dlq.arn }));
      return tasks.Results?.[0]?.Status === 'COMPLETED' || undefined;
    }, 'the move task to complete');
    const healed = dispatcherLike(queue, () => 1, 1);
    await waitFor(() => healed.length >= 1 || undefined, 'the redriven message delivered');
    expect(healed.map((r) => r.count)).toEqual([1]);
    expect(await counts(dlq)).toEqual({ visible: 0, inFlight: 0 });
  });
});
