/**
 * Handler tests by route: `call(caller, 'POST /v1/orders/{orderId}/complaints', …)` invokes
 * the route's handler (route-caller.ts) against DynamoDB Local and a local SQS queue, in a
 * table that has the station the example order names (orders may name active stations only);
 * `settle()` runs the orders consumer over everything queued, like the event-source mapping
 * would.
 */
import { inject } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import type { KmsServer } from '../../local/kms';
import type { LocalKmsKey } from '../../local/topology';
import type { StoreContext } from '../../shared/store/client';
import { lambdaContext } from './api-event';
import { startTestEventBridge } from './eventbridge';
import { startTestKms } from './kms';
import { routeCaller, type CallRoute } from './route-caller';
import { startTestQueue, toRecord, type TestQueue } from './sqs';
import { registerTestStation } from './stations';
import { createTestStore, TEST_REGION } from './test-store';

export type { CallOptions, Reply } from './route-caller';

type Consumer = (event: SQSEvent, context: typeof lambdaContext) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

export interface RouteHarness {
  store: StoreContext;
  /** The local KMS endpoint: the list cursors' key and the keys the harness was started with. */
  kms: KmsServer;
  queue: TestQueue;
  call: CallRoute;
  /** Applies every queued command (failing the test on a batch item failure). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The environment Lambda would give the order handlers, pointed at DynamoDB Local and a
 * local queue. The handlers read it at import time: assign it to process.env first.
 */
export function handlerEnv(store: StoreContext, queue: TestQueue): Record<string, string> {
  return {
    TABLE_NAME: store.tableName,
    ORDERS_QUEUE_URL: queue.queueUrl,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_SQS: queue.server.endpoint,
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
}

export async function startRouteHarness(options: { kmsKeys?: LocalKmsKey[] } = {}): Promise<RouteHarness> {
  const { kms, env: kmsEnv } = await startTestKms(options.kmsKeys);
  const store = await createTestStore();
  await registerTestStation(store);
  const queue = await startTestQueue();
  // The orders consumer publishes each applied command's CloudEvent: a local bus with no
  // rules accepts and drops them (as in order-handlers.test.ts).
  const bus = await startTestEventBridge({ buses: [{ logicalId: 'Bus', name: 'anxin-test-events', arn: 'arn:aws:events:us-east-1:000000000000:event-bus/anxin-test-events' }], rules: [], queues: [] });
  Object.assign(process.env, handlerEnv(store, queue), kmsEnv, { EVENT_BUS_NAME: 'anxin-test-events', AWS_ENDPOINT_URL_EVENTBRIDGE: bus.events.endpoint });
  const call = await routeCaller('test-key');
  const consume = (await import('../../functions/consumers/orders')).handler as unknown as Consumer;

  return {
    store,
    kms,
    queue,
    call,
    async settle() {
      for (;;) {
        const messages = await queue.drain();
        if (messages.length === 0) return;
        const result = await consume({ Records: messages.map((m) => toRecord(m)) }, lambdaContext);
        if (result.batchItemFailures.length > 0) throw new Error(`consumer failed ${JSON.stringify(result.batchItemFailures)}`);
      }
    },
    async close() {
      await queue.close();
      await bus.close();
      await kms.close();
    },
  };
}
