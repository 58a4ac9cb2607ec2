/**
 * Redelivery of applied order commands through the orders consumer, against DynamoDB Local,
 * a local SQS queue and a local EventBridge bus whose one rule copies every order event to a
 * capture queue — so the test sees exactly what left Anxin.
 *
 * The event record keeps the facts of the transition, not the CloudEvent
 * (store/events-repository.ts): a redelivery rebuilds the event from them and must publish
 * the very bytes the first delivery published, also after the order has moved on. The
 * settled record stays under 1 KB (AWS item-size rules), so its update inside the
 * consumer's transaction costs 2 WRU, not 4.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Message } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import type { Caller } from '../../shared/auth/roles';
import { acceptCreateOrder, acceptOrderCommand } from '../../shared/services/accept-order-command';
import { newTenantId } from '../../shared/lib/ids';
import { keys } from '../../shared/store/keys';
import type { StoreContext } from '../../shared/store/client';
import { itemSize } from '../../local/metering';
import { lambdaContext } from '../support/api-event';
import { pollUntil, startTestEventBridge, testRule, TEST_BUS, TEST_BUS_ARN, type TestEventBridge } from '../support/eventbridge';
import { validOrder } from '../support/fixtures';
import { handlerEnv } from '../support/route-harness';
import { startTestQueue, toRecord, type TestQueue } from '../support/sqs';
import { createTestStore } from '../support/test-store';

type Consumer = (event: SQSEvent, context: typeof lambdaContext) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

const caller: Caller = { tenantId: newTenantId(), role: 'enterprise', keyId: 'key_redelivery' };

let store: StoreContext;
let queue: TestQueue;
let bus: TestEventBridge;
let consume: Consumer;

beforeAll(async () => {
  store = await createTestStore();
  queue = await startTestQueue();
  bus = await startTestEventBridge({
    buses: [{ logicalId: 'Bus', name: TEST_BUS, arn: TEST_BUS_ARN }],
    rules: [testRule('order-events', { 'detail-type': [{ prefix: 'cn.anxin.order.' }] }, [{ kind: 'sqs', id: 'capture', queueLogicalId: 'OrderEvents' }])],
    queues: [{ logicalId: 'OrderEvents', name: 'order-events-capture' }],
  });
  Object.assign(process.env, handlerEnv(store, queue), { EVENT_BUS_NAME: TEST_BUS, AWS_ENDPOINT_URL_EVENTBRIDGE: bus.events.endpoint, STAGE: 'test' });
  consume = (await import('../../functions/consumers/orders')).handler as unknown as Consumer;
});
afterAll(async () => {
  await queue?.close();
  await bus?.close();
});

/** Every order event published so far, as the JSON text of the CloudEvent (EventBridge's Detail). */
const seen: string[] = [];
async function published(): Promise<string[]> {
  for (const message of await bus.drain('OrderEvents')) seen.push(JSON.stringify((JSON.parse(message.Body!) as { detail: unknown }).detail));
  return [...seen];
}

/** Waits until `count` copies of the event with this id have been published; returns them. */
const copiesOf = (eventId: string, count: number) =>
  pollUntil(async () => {
    const copies = (await published()).filter((text) => (JSON.parse(text) as { id: string }).id === eventId);
    return copies.length >= count ? copies : undefined;
  }, `${count} publication(s) of ${eventId}`);

/** Hands one queued message to the consumer, as the event-source mapping would (again, on a redelivery). */
async function deliver(message: Message) {
  expect((await consume({ Records: [toRecord(message)] }, lambdaContext)).batchItemFailures).toEqual([]);
}

async function queued(): Promise<Message> {
  const [message, ...rest] = await queue.drain();
  expect(message).toBeDefined();
  expect(rest).toEqual([]);
  return message!;
}

/** The event item as stored, keys and TTL included. */
async function storedEvent(eventId: string): Promise<Record<string, unknown>> {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.event(caller.tenantId, eventId), ConsistentRead: true }));
  return out.Item!;
}

describe('a redelivered order command', () => {
  it('re-publishes the first publication byte for byte, also after the order moved on', async () => {
    const created = await acceptCreateOrder({ store, sqs: queue.sqs, queueUrl: queue.queueUrl }, caller, 'redeliver-0001', validOrder());
    const createMessage = await queued();
    await deliver(createMessage);
    const [firstCreate] = await copiesOf(created.eventId, 1);

    const cancelled = await acceptOrderCommand({ store, sqs: queue.sqs, queueUrl: queue.queueUrl }, caller, 'redeliver-0002', {
      type: 'order.cancel',
      orderId: created.orderId,
      payload: { by: 'household', reasonCode: 'schedule_conflict', note: '临时有事' },
    });
    const cancelMessage = await queued();
    await deliver(cancelMessage);
    const [firstCancel] = await copiesOf(cancelled.eventId, 1);
    expect(JSON.parse(firstCancel!)).toMatchObject({ type: 'cn.anxin.order.cancelled.v1', data: { status: 'CANCELLED', previousStatus: 'CREATED', version: 2 } });

    // Both settled: each redelivery is a duplicate that publishes its own first event again.
    await deliver(createMessage);
    await deliver(cancelMessage);
    const creates = await copiesOf(created.eventId, 2);
    const cancels = await copiesOf(cancelled.eventId, 2);
    expect(creates).toEqual([firstCreate, firstCreate]);
    expect(cancels).toEqual([firstCancel, firstCancel]);
  });

  it('is settled on a record that holds no CloudEvent and stays under 1 KB', async () => {
    // The largest free text an order command allows (a 500-character note) does not reach the record.
    const created = await acceptCreateOrder({ store, sqs: queue.sqs, queueUrl: queue.queueUrl }, caller, 'redeliver-0003', validOrder());
    await deliver(await queued());
    const cancelled = await acceptOrderCommand({ store, sqs: queue.sqs, queueUrl: queue.queueUrl }, caller, 'redeliver-0004', {
      type: 'order.cancel',
      orderId: created.orderId,
      payload: { by: 'enterprise', reasonCode: 'other', note: '长'.repeat(500) },
    });
    await deliver(await queued());
    for (const eventId of [created.eventId, cancelled.eventId]) {
      const item = await storedEvent(eventId);
      expect(item).toMatchObject({ status: 'applied', facts: { hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      expect(item).not.toHaveProperty('cloudEvent');
      expect(JSON.stringify(item)).not.toContain('specversion');
      // Measured at 552 (create) and 566 (cancel) bytes; with the CloudEvent it was 1,174 for a create.
      const bytes = itemSize(marshall(item) as never);
      expect(bytes, `${item.type as string} event record: ${bytes} bytes`).toBeLessThan(1024);
    }
  });
});
