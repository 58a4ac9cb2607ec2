/**
 * shared/events/publisher.ts against the local EventBridge endpoint, configured ONLY the
 * way a deployed function is: environment variables (EVENT_BUS_NAME, AWS_REGION, and the
 * AWS_ENDPOINT_URL_EVENTBRIDGE the local platform adds). The publisher module is imported
 * after they are set, like a Lambda cold start; a rule routes the events to an SQS queue,
 * where each message carries the CloudEvent intact.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ORDER_EVENT_EXAMPLES } from '../../shared/events/event-docs';
import { ORDER_EVENT_COMMANDS } from '../../shared/events/order-event-types';
import { ACCOUNT, pollUntil, REGION, startTestEventBridge, type TestEventBridge } from '../support/eventbridge';

const BUS = 'anxin-test-events';
let t: TestEventBridge;
let publishEvents: typeof import('../../shared/events/publisher').publishEvents;
const savedEnv = { ...process.env };

beforeAll(async () => {
  t = await startTestEventBridge({
    buses: [{ logicalId: 'Bus', name: BUS, arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${BUS}` }],
    rules: [
      {
        logicalId: 'AllOrderEvents',
        name: 'all-order-events',
        arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/${BUS}/all-order-events`,
        busName: BUS,
        pattern: { source: [{ prefix: '/anxin/' }], 'detail-type': [{ prefix: 'cn.anxin.order.' }] },
        targets: [{ kind: 'sqs', id: 'q', queueLogicalId: 'Events', messageGroupId: 'orders' }],
        enabled: true,
      },
    ],
    queues: [{ logicalId: 'Events', name: 'order-events.fifo', attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }],
  });
  Object.assign(process.env, {
    EVENT_BUS_NAME: BUS,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_EVENTBRIDGE: t.events.endpoint,
  });
  delete process.env.AWS_PROFILE;
  vi.resetModules();
  ({ publishEvents } = await import('../../shared/events/publisher'));
});

afterAll(async () => {
  process.env = savedEnv;
  await t?.close();
});

describe('publishEvents against the local endpoint, configured by environment only', () => {
  it('publishes every order event type (two PutEvents calls) and a rule delivers each CloudEvent intact', async () => {
    const events = ORDER_EVENT_COMMANDS.map((command) => ORDER_EVENT_EXAMPLES[command]);
    expect(events.length).toBeGreaterThan(10); // more than one PutEvents batch
    await publishEvents(events);

    const received: unknown[] = [];
    await pollUntil(async () => {
      received.push(...(await t.drain('Events')).map((m) => JSON.parse(m.Body!) as unknown));
      return received.length >= events.length ? true : undefined;
    }, `${events.length} events on the queue`);

    const byId = new Map(received.map((r) => [(r as { detail: { id: string } }).detail.id, r as Record<string, unknown>]));
    for (const ce of events) {
      const envelope = byId.get(ce.id)!;
      expect(envelope, ce.type).toMatchObject({ source: ce.source, 'detail-type': ce.type, account: ACCOUNT, region: REGION });
      expect(envelope.detail).toEqual(ce);
      expect(envelope.time).toBe(`${ce.time.slice(0, 19)}Z`);
    }
  });

  it('publishing the same event again (a redelivered SQS record) repeats its CloudEvent id', async () => {
    const ce = ORDER_EVENT_EXAMPLES['order.check-in'];
    await publishEvents([ce]);
    await publishEvents([ce]);
    const received: { id: string; detail: { id: string } }[] = [];
    await pollUntil(async () => {
      received.push(...(await t.drain('Events')).map((m) => JSON.parse(m.Body!) as { id: string; detail: { id: string } }));
      return received.length >= 2 ? true : undefined;
    }, 'both copies');
    expect(received.map((r) => r.detail.id)).toEqual([ce.id, ce.id]);
    // EventBridge's own id differs per PutEvents: it is not the dedup key.
    expect(received[0]!.id).not.toBe(received[1]!.id);
  });
});
