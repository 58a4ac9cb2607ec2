/**
 * Handler tests of the worker registry and training routes: the route harness
 * (route-harness.ts) plus a local KMS endpoint with the two personal-data keys, the
 * training FIFO queue on the harness's SQS endpoint, and the training consumer. Every
 * training message the routes send is kept (`sentMessages`), so a test can show that no
 * personal data travelled on the queue.
 */
import { DeleteMessageCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { lambdaContext } from './api-event';
import { testKey } from './kms';
import { startRouteHarness, type RouteHarness } from './route-harness';
import { toRecord } from './sqs';
import { scanItems } from './test-store';

export const DATA_KEY = testKey('dddddddd-1111-4111-a111-111111111111', 'SYMMETRIC_DEFAULT', ['alias/anxin-test-personal-data']);
export const HMAC_KEY = testKey('eeeeeeee-2222-4222-a222-222222222222', 'HMAC_256', ['alias/anxin-test-personal-data-hmac']);

type Consumer = (event: SQSEvent, context: typeof lambdaContext) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

export interface WorkerHarness extends RouteHarness {
  trainingQueueUrl: string;
  /** Bodies of every message the training routes sent, in order. */
  sentMessages: string[];
  /** Applies every queued training command (failing the test on a batch item failure). */
  settleTraining(): Promise<void>;
  /** Every item of the table, or those whose pk begins with one of `pkPrefixes` (test-store.ts scanItems). */
  scanTable(pkPrefixes?: readonly string[]): Promise<Record<string, unknown>[]>;
}

export async function startWorkerHarness(): Promise<WorkerHarness> {
  // What grantPersonalDataAccess and the platform give a personal-data function; set before any handler is imported.
  Object.assign(process.env, {
    PERSONAL_DATA_KEY_ID: DATA_KEY.arn,
    PERSONAL_DATA_HMAC_KEY_ID: HMAC_KEY.arn,
  });
  // The harness's KMS endpoint holds the personal-data keys beside the cursor key.
  const base = await startRouteHarness({ kmsKeys: [DATA_KEY, HMAC_KEY] });
  const trainingQueueUrl = await base.queue.server.createQueue('training-test.fifo', { FifoQueue: 'true', VisibilityTimeout: '30' });
  process.env.TRAINING_QUEUE_URL = trainingQueueUrl;
  const consume = (await import('../../functions/consumers/training')).handler as unknown as Consumer;
  const sentMessages: string[] = [];

  async function drain(): Promise<Message[]> {
    const all: Message[] = [];
    for (;;) {
      const out = await base.queue.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: trainingQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }),
      );
      const batch = out.Messages ?? [];
      if (batch.length === 0) return all;
      for (const m of batch) await base.queue.sqs.send(new DeleteMessageCommand({ QueueUrl: trainingQueueUrl, ReceiptHandle: m.ReceiptHandle }));
      all.push(...batch);
    }
  }

  return Object.assign(base, {
    trainingQueueUrl,
    sentMessages,
    async settleTraining() {
      for (;;) {
        const messages = await drain();
        if (messages.length === 0) return;
        sentMessages.push(...messages.map((m) => m.Body!));
        const records = messages.map((m) => toRecord(m, 'arn:aws:sqs:us-east-1:000000000000:training-test.fifo'));
        const result = await consume({ Records: records }, lambdaContext);
        if (result.batchItemFailures.length > 0) throw new Error(`training consumer failed ${JSON.stringify(result.batchItemFailures)}`);
      }
    },
    scanTable: (pkPrefixes?: readonly string[]) => scanItems(base.store, pkPrefixes),
  });
}
