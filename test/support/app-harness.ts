/**
 * Every route of the app in one process, for the tests that go over all of them (the
 * contract fuzz, the BOLA matrix): one table in DynamoDB Local, the three command queues
 * (orders, training, claims) on one local SQS endpoint with their consumers, one local KMS
 * endpoint with every key a function is given (list cursors, personal data and its HMAC
 * key, webhook secrets), and a local bus that accepts and drops published events. The
 * environment is the union of what the template gives each function, so any route's
 * handler can be imported and called (route-caller.ts).
 *
 * The handlers read their environment at import time: it is set before anything is imported.
 */
import { inject } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { WEBHOOK_ENV } from '../../shared/webhooks/settings';
import { PERSONAL_DATA_KEY_ENV } from '../../shared/crypto/key-env';
import type { StoreContext } from '../../shared/store/client';
import { lambdaContext } from './api-event';
import { startTestEventBridge } from './eventbridge';
import { startTestKms, testKey } from './kms';
import { routeCaller, type CallRoute } from './route-caller';
import { startTestQueue, toRecord } from './sqs';
import { registerTestStation } from './stations';
import { createTestStore, TEST_REGION } from './test-store';
import { DATA_KEY, HMAC_KEY } from './worker-harness';

type Consumer = (event: SQSEvent, context: typeof lambdaContext) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const WEBHOOK_KEY = testKey('dddddddd-4444-4444-a444-444444444444', 'SYMMETRIC_DEFAULT', ['alias/anxin-test-webhook-secrets']);
const BUS = 'anxin-test-events';

export interface AppHarness {
  store: StoreContext;
  call: CallRoute;
  /** Applies every queued command of the three queues until all are empty (fails on a batch item failure). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startAppHarness(): Promise<AppHarness> {
  const { kms, env: kmsEnv } = await startTestKms([DATA_KEY, HMAC_KEY, WEBHOOK_KEY]);
  const store = await createTestStore();
  // Orders name the example station (orders may name active stations only).
  await registerTestStation(store);
  const orders = await startTestQueue('orders-test.fifo');
  const sqs = orders.sqs;
  const queueUrls = {
    orders: orders.queueUrl,
    training: await orders.server.createQueue('training-test.fifo', { FifoQueue: 'true', VisibilityTimeout: '30' }),
    claims: await orders.server.createQueue('claims-test.fifo', { FifoQueue: 'true', VisibilityTimeout: '30' }),
  };
  const bus = await startTestEventBridge({ buses: [{ logicalId: 'Bus', name: BUS, arn: `arn:aws:events:${TEST_REGION}:000000000000:event-bus/${BUS}` }], rules: [], queues: [] });
  Object.assign(process.env, {
    TABLE_NAME: store.tableName,
    ORDERS_QUEUE_URL: queueUrls.orders,
    TRAINING_QUEUE_URL: queueUrls.training,
    CLAIMS_QUEUE_URL: queueUrls.claims,
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
    AWS_ENDPOINT_URL_SQS: orders.server.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: bus.events.endpoint,
    EVENT_BUS_NAME: BUS,
    STAGE: 'test',
    AWS_REGION: TEST_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    [PERSONAL_DATA_KEY_ENV.dataKey]: DATA_KEY.arn,
    [PERSONAL_DATA_KEY_ENV.hmacKey]: HMAC_KEY.arn,
    [WEBHOOK_ENV.secretsKey]: WEBHOOK_KEY.arn,
    ...inject('webhookRouteEnv'),
    ...kmsEnv,
  });

  const call = await routeCaller('app-key');
  const consumers: [keyof typeof queueUrls, Consumer][] = [
    ['orders', (await import('../../functions/consumers/orders')).handler as unknown as Consumer],
    ['training', (await import('../../functions/consumers/training')).handler as unknown as Consumer],
    ['claims', (await import('../../functions/consumers/claims')).handler as unknown as Consumer],
  ];

  async function drain(queueUrl: string): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }));
      const batch = out.Messages ?? [];
      if (batch.length === 0) return all;
      for (const m of batch) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
      all.push(...batch);
    }
  }

  return {
    store,
    call,
    async settle() {
      for (;;) {
        let applied = 0;
        for (const [queue, consume] of consumers) {
          const messages = await drain(queueUrls[queue]);
          if (messages.length === 0) continue;
          applied += messages.length;
          const arn = `arn:aws:sqs:${TEST_REGION}:000000000000:${queue}-test.fifo`;
          const result = await consume({ Records: messages.map((m) => toRecord(m, arn)) }, lambdaContext);
          if (result.batchItemFailures.length > 0) throw new Error(`${queue} consumer failed ${JSON.stringify(result.batchItemFailures)}`);
        }
        if (applied === 0) return;
      }
    },
    async close() {
      await orders.close();
      await bus.close();
      await kms.close();
      (store as { client?: { destroy(): void } }).client?.destroy();
    },
  };
}
