/**
 * Another CDK app on the local platform (`anxin start --app`), the events fixture in
 * test/e2e/fixtures/events-app: an EventBridge rule invokes a callback-style function
 * asynchronously; Lambda retries a failure as the function's EventInvokeConfig says (once),
 * then sends its invocation record, in Lambda's format, to the on-failure queue.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../local/platform';
import { startFixtureApp } from '../support/other-app';
import { eventually } from '../support/platform';

const logs: string[] = [];
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let platform: Platform;
let events: EventBridgeClient;
let sqs: SQSClient;

beforeAll(async () => {
  platform = await startFixtureApp('events-app', logs);
  events = new EventBridgeClient({ endpoint: platform.eventsEndpoint, region: 'us-east-1', credentials });
  sqs = new SQSClient({ endpoint: platform.sqsEndpoint, region: 'us-east-1', credentials });
});
afterAll(async () => {
  events?.destroy();
  sqs?.destroy();
  await platform?.stop();
});

const put = (detail: Record<string, unknown>) =>
  events.send(new PutEventsCommand({ Entries: [{ EventBusName: 'shipments', Source: 'shipments', DetailType: 'shipment.created', Detail: JSON.stringify(detail) }] }));
const worker = () => platform.topology.functions.find((f) => f.logicalId.startsWith('ShipmentWorker'))!;
const reports = () => logs.filter((l) => l.startsWith(`[${worker().functionName}] REPORT`));

describe('anxin start --app: EventBridge → Lambda with an on-failure destination', () => {
  it('reads the function asynchronous settings: one retry, ten minutes, the queue on failure', () => {
    expect(worker().asyncInvoke).toMatchObject({ maximumRetryAttempts: 1, maximumEventAgeSeconds: 600, onFailure: { kind: 'sqs' } });
  });

  it('runs a good event once', async () => {
    await put({ id: 's-1' });
    await eventually(async () => (reports().length >= 1 ? true : undefined), 20_000, 'the worker to run');
    expect(reports()).toHaveLength(1);
    expect(reports()[0]).toMatch(/ ok$/);
  });

  it('retries a failing event once, then sends Lambda invocation record to the on-failure queue', async () => {
    const before = reports().length;
    await put({ id: 's-2', fail: true });
    const queueUrl = platform.topology.queues.find((q) => q.queueName === 'shipment-failures')!.url;
    const message = await eventually(
      async () => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }))).Messages?.[0],
      30_000,
      'the invocation record',
    );
    expect(reports().length - before).toBe(2);
    const record = JSON.parse(message.Body!) as Record<string, any>;
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { functionArn: `${worker().arn}:$LATEST`, condition: 'RetriesExhausted', approximateInvokeCount: 2 },
      requestPayload: { source: 'shipments', 'detail-type': 'shipment.created', detail: { id: 's-2', fail: true } },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'Error', errorMessage: 'shipment s-2 cannot be booked' },
    });
    expect(logs.some((l) => l.includes('AccessDenied'))).toBe(false);
  });
});
