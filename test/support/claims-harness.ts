/**
 * Claim tests by route, like route-harness.ts but with both command queues: orders (to
 * drive the order a claim is about) and claims, each applied by its own consumer on
 * `settle()`. Routes are called as in route-caller.ts. Published CloudEvents go to a local
 * EventBridge bus with one rule that sends every claim event to a capture queue, so a test
 * sees exactly what left Anxin.
 *
 * The handlers read their environment at import time: it is set before anything is imported.
 */
import { inject } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { StoreContext } from '../../shared/store/client';
import { lambdaContext } from './api-event';
import { pollUntil, startTestEventBridge, type TestEventBridge } from './eventbridge';
import { routeCaller, type CallRoute } from './route-caller';
import { startTestQueue, toRecord, type TestQueue } from './sqs';
import { registerTestStation } from './stations';
import { createTestStore, TEST_REGION } from './test-store';
import { startTestKms } from './kms';

type Consumer = (event: SQSEvent, context: typeof lambdaContext) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const BUS = 'anxin-test-events';
export const TEST_STAGE = 'test';

export interface PublishedEvent {
  /** The EventBridge entry's detail-type and source, as a rule sees them. */
  detailType: string;
  source: string;
  /** The CloudEvent (the entry's Detail). */
  event: Record<string, unknown> & { id: string; type: string; data: Record<string, unknown> };
}

export interface ClaimsHarness {
  store: StoreContext;
  claimsQueue: TestQueue;
  call: CallRoute;
  /** Applies everything queued on both queues until both are empty (fails on a batch item failure). */
  settle(): Promise<void>;
  /** Every claim event published so far (drains the capture queue into a running list). */
  published(): Promise<PublishedEvent[]>;
  /** Waits until an event with this id has been published; returns every copy seen. */
  waitForPublished(eventId: string): Promise<PublishedEvent[]>;
  close(): Promise<void>;
}

export async function startClaimsHarness(): Promise<ClaimsHarness> {
  // The claims list signs its cursors with a key derived from KMS.
  const { kms, env: kmsEnv } = await startTestKms();
  const store = await createTestStore();
  // The orders the claims are filed on name the example station.
  await registerTestStation(store);
  const ordersQueue = await startTestQueue('orders-test.fifo');
  // Same endpoint as the orders queue: the SDK reads one AWS_ENDPOINT_URL_SQS for every client.
  const claimsUrl = await ordersQueue.server.createQueue('claims-test.fifo', { FifoQueue: 'true', VisibilityTimeout: '30' });
  const claimsQueue: TestQueue = { ...ordersQueue, queueUrl: claimsUrl, drain: drainer(ordersQueue, claimsUrl), close: async () => undefined };
  const bus: TestEventBridge = await startTestEventBridge({
    buses: [{ logicalId: 'Bus', name: BUS, arn: `arn:aws:events:${TEST_REGION}:000000000000:event-bus/${BUS}` }],
    rules: [
      {
        logicalId: 'ClaimEventsRule',
        name: 'claim-events',
        arn: `arn:aws:events:${TEST_REGION}:000000000000:rule/${BUS}/claim-events`,
        busName: BUS,
        pattern: { 'detail-type': [{ prefix: 'cn.anxin.claim.' }] },
        targets: [{ kind: 'sqs', id: 'capture', queueLogicalId: 'ClaimEvents' }],
        enabled: true,
      },
    ],
    queues: [{ logicalId: 'ClaimEvents', name: 'claim-events-capture' }],
  });
  Object.assign(process.env, {
    TABLE_NAME: store.tableName,
    ORDERS_QUEUE_URL: ordersQueue.queueUrl,
    CLAIMS_QUEUE_URL: claimsUrl,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_SQS: ordersQueue.server.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: bus.events.endpoint,
    EVENT_BUS_NAME: BUS,
    STAGE: TEST_STAGE,
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    ...kmsEnv,
  });

  const call = await routeCaller('claims-key');
  const consumeOrders = (await import('../../functions/consumers/orders')).handler as unknown as Consumer;
  const consumeClaims = (await import('../../functions/consumers/claims')).handler as unknown as Consumer;

  const seen: PublishedEvent[] = [];
  const published = async () => {
    for (const message of await bus.drain('ClaimEvents')) {
      const envelope = JSON.parse(message.Body!) as { 'detail-type': string; source: string; detail: PublishedEvent['event'] };
      seen.push({ detailType: envelope['detail-type'], source: envelope.source, event: envelope.detail });
    }
    return [...seen];
  };

  return {
    store,
    claimsQueue,
    call,
    async settle() {
      for (;;) {
        const orders = await ordersQueue.drain();
        const claims = await claimsQueue.drain();
        if (orders.length === 0 && claims.length === 0) return;
        for (const [consume, messages] of [[consumeOrders, orders], [consumeClaims, claims]] as const) {
          if (messages.length === 0) continue;
          const result = await consume({ Records: messages.map((m) => toRecord(m)) }, lambdaContext);
          if (result.batchItemFailures.length > 0) throw new Error(`consumer failed ${JSON.stringify(result.batchItemFailures)}`);
        }
      }
    },
    published,
    async waitForPublished(eventId) {
      return pollUntil(async () => {
        const copies = (await published()).filter((p) => p.event.id === eventId);
        return copies.length > 0 ? copies : undefined;
      }, `claim event ${eventId} on the bus`);
    },
    async close() {
      await ordersQueue.close();
      await bus.close();
      await kms.close();
    },
  };
}

/** Receive-and-delete for another queue on the same local SQS endpoint. */
function drainer(queue: TestQueue, queueUrl: string) {
  return async () => {
    const all: Awaited<ReturnType<TestQueue['drain']>> = [];
    for (;;) {
      const out = await queue.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }),
      );
      const batch = out.Messages ?? [];
      if (batch.length === 0) return all;
      for (const m of batch) await queue.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
      all.push(...batch);
    }
  };
}
