/**
 * local/eventbridge with the real @aws-sdk/client-eventbridge: PutEvents → rule → SQS
 * target receives the EventBridge envelope (FIFO with its MessageGroupId), no match →
 * dropped, invalid entries → per-entry errors, request limits → ValidationException, the
 * read actions, Lambda targets, disabled rules, failing deliveries. Waits are polls with a
 * deadline, or `idle()` (every delivery started so far has ended).
 */
import {
  DescribeEventBusCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  PutEventsCommand,
  TestEventPatternCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEventRule } from '../../local/topology';
import {
  ACCOUNT,
  CREDENTIALS,
  pollUntil,
  REGION,
  startTestEventBridge,
  TEST_BUS as BUS,
  TEST_BUS_ARN as BUS_ARN,
  testRule as rule,
  type TestEventBridge,
} from '../support/eventbridge';


const RULES: LocalEventRule[] = [
  rule('tenant-a-orders', { 'detail-type': [{ prefix: 'cn.anxin.order.' }], detail: { anxintenant: ['ten_A'] } }, [
    { kind: 'sqs', id: 'fifo', queueLogicalId: 'Fifo', messageGroupId: 'orders' },
  ]),
  rule('cancellations', { source: ['/anxin/test/orders'], 'detail-type': ['cn.anxin.order.cancelled.v1'] }, [
    { kind: 'sqs', id: 'plain', queueLogicalId: 'Plain' },
    { kind: 'sqs', id: 'constant', queueLogicalId: 'Constant', input: '{"constant":true}' },
  ]),
  rule('everything-but-off', { source: [{ exists: true }] }, [{ kind: 'sqs', id: 'off', queueLogicalId: 'Off' }], { enabled: false }),
  rule('to-lambda', { 'detail-type': ['lambda.please'] }, [{ kind: 'lambda', id: 'fn', functionLogicalId: 'ListenerFn' }]),
  rule('no-dedup', { 'detail-type': ['fifo.without.dedup'] }, [{ kind: 'sqs', id: 'nd', queueLogicalId: 'NoDedup', messageGroupId: 'g' }]),
  rule('locked', { 'detail-type': ['locked.out'] }, [{ kind: 'sqs', id: 'locked', queueLogicalId: 'Plain' }]),
  {
    ...rule('on-default', { source: ['on.default'] }, [{ kind: 'sqs', id: 'd', queueLogicalId: 'Plain' }]),
    busName: 'default',
    arn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/on-default`,
  },
];

let t: TestEventBridge;
let client: EventBridgeClient;

beforeAll(async () => {
  t = await startTestEventBridge({
    buses: [{ logicalId: 'Bus', name: BUS, arn: BUS_ARN, description: 'test bus' }],
    rules: RULES,
    queues: [
      { logicalId: 'Fifo', name: 'events-target.fifo', attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } },
      { logicalId: 'Plain', name: 'events-plain' },
      { logicalId: 'Constant', name: 'events-constant' },
      { logicalId: 'Off', name: 'events-off' },
      { logicalId: 'NoDedup', name: 'events-nodedup.fifo', attributes: { FifoQueue: 'true' } },
    ],
    delivery: { attempts: 2, baseDelayMs: 10 },
    // As the platform's IAM answers for a target whose queue policy does not name the rule.
    targetRefusal: (r, target) => (target.id === 'locked' ? `events.amazonaws.com may not send to ${target.kind} from ${r.arn}` : undefined),
  });
  client = new EventBridgeClient({ endpoint: t.events.endpoint, region: REGION, credentials: CREDENTIALS });
});
afterAll(async () => {
  client?.destroy();
  await t?.close();
});

const cloudEvent = (type: string, tenant: string, id: string) => ({
  specversion: '1.0',
  id,
  source: '/anxin/test/orders',
  type,
  subject: 'ord_1',
  time: '2026-12-01T01:02:03.456Z',
  anxintenant: tenant,
  data: { orderId: 'ord_1', status: 'CREATED' },
});

const entryOf = (ce: ReturnType<typeof cloudEvent>, bus: string = BUS): PutEventsRequestEntry => ({
  EventBusName: bus,
  Source: ce.source,
  DetailType: ce.type,
  Detail: JSON.stringify(ce),
  Time: new Date(ce.time),
});

describe('PutEvents → rule → SQS target', () => {
  it('delivers the EventBridge envelope, with the CloudEvent as detail, to a FIFO queue with the target group id', async () => {
    const ce = cloudEvent('cn.anxin.order.created.v1', 'ten_A', 'evt_1');
    const out = await client.send(new PutEventsCommand({ Entries: [entryOf(ce)] }));
    expect(out.FailedEntryCount).toBe(0);
    expect(out.Entries).toEqual([{ EventId: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);

    const [message] = await pollUntil(async () => {
      const got = await t.drain('Fifo');
      return got.length > 0 ? got : undefined;
    }, 'the event on the FIFO target queue');
    expect(message!.Attributes?.MessageGroupId).toBe('orders');
    const body = JSON.parse(message!.Body!) as Record<string, unknown>;
    expect(body).toEqual({
      version: '0',
      id: out.Entries![0]!.EventId,
      'detail-type': 'cn.anxin.order.created.v1',
      source: '/anxin/test/orders',
      account: ACCOUNT,
      time: '2026-12-01T01:02:03Z',
      region: REGION,
      resources: [],
      detail: ce,
    });
  });

  it('routes by bus ARN as by name, fans out to every matching target, and sends a constant Input as is', async () => {
    const ce = cloudEvent('cn.anxin.order.cancelled.v1', 'ten_A', 'evt_2');
    await client.send(new PutEventsCommand({ Entries: [entryOf(ce, BUS_ARN)] }));
    await t.events.idle(); // every delivery started by this PutEvents has ended
    // Both rules matched: the tenant rule (FIFO) and the cancellations rule (two targets).
    expect((await t.drain('Plain')).map((m) => (JSON.parse(m.Body!) as { detail: { id: string } }).detail.id)).toEqual(['evt_2']);
    expect((await t.drain('Fifo')).map((m) => (JSON.parse(m.Body!) as { detail: { id: string } }).detail.id)).toEqual(['evt_2']);
    expect((await t.drain('Constant')).map((m) => m.Body)).toEqual(['{"constant":true}']);
    expect(t.events.recent(BUS).at(-1)).toMatchObject({ bus: BUS, matchedRules: ['tenant-a-ordersRule', 'cancellationsRule'] });
  });

  it('drops an event that matches no rule (recorded in the recent events, nothing delivered)', async () => {
    const ce = cloudEvent('cn.anxin.order.created.v1', 'ten_OTHER', 'evt_3');
    const out = await client.send(new PutEventsCommand({ Entries: [entryOf(ce)] }));
    expect(out.FailedEntryCount).toBe(0);
    await t.events.idle();
    for (const queue of ['Fifo', 'Plain', 'Constant', 'Off']) expect(await t.drain(queue), queue).toEqual([]);
    const recent = t.events.recent(BUS).at(-1)!;
    expect(recent.event.id).toBe(out.Entries![0]!.EventId);
    expect(recent.matchedRules).toEqual([]);
    expect(t.logs.some((l) => l.includes('evt_3') || l.includes(`${out.Entries![0]!.EventId} on ${BUS} matched no rule`))).toBe(true);
  });

  it('never delivers to the targets of a disabled rule', async () => {
    await client.send(new PutEventsCommand({ Entries: [entryOf(cloudEvent('cn.anxin.order.created.v1', 'ten_A', 'evt_4'))] }));
    await t.events.idle();
    expect(await t.drain('Off')).toEqual([]);
    await t.drain('Fifo');
  });

  it('serves rules on the default bus when EventBusName is left out', async () => {
    await client.send(new PutEventsCommand({ Entries: [{ Source: 'on.default', DetailType: 'x', Detail: '{"a":1}' }] }));
    const got = await pollUntil(async () => {
      const m = await t.drain('Plain');
      return m.length ? m : undefined;
    }, 'the default-bus event');
    expect(JSON.parse(got[0]!.Body!)).toMatchObject({ source: 'on.default', detail: { a: 1 } });
  });

  it('invokes a Lambda target with the event', async () => {
    await client.send(new PutEventsCommand({ Entries: [{ EventBusName: BUS, Source: 's', DetailType: 'lambda.please', Detail: '{"n":1}' }] }));
    const events = await pollUntil(async () => t.invocations.get('ListenerFn'), 'the Lambda target');
    expect(events[0]).toMatchObject({ version: '0', 'detail-type': 'lambda.please', detail: { n: 1 } });
  });

  it('retries a delivery SQS refuses, then drops it with a log line (FIFO target without content-based dedup)', async () => {
    await client.send(new PutEventsCommand({ Entries: [{ EventBusName: BUS, Source: 's', DetailType: 'fifo.without.dedup', Detail: '{}' }] }));
    await t.events.idle();
    expect(t.logs.some((l) => /retrying .*fifo\.without\.dedup.*queue NoDedup/.test(l))).toBe(true);
    expect(t.logs.some((l) => /dropped .*fifo\.without\.dedup.* after 2 attempt\(s\)/.test(l))).toBe(true);
    expect(await t.drain('NoDedup')).toEqual([]);
  });
});

describe('a target whose resource policy does not let EventBridge reach it', () => {
  it('is dropped at once with the refusal in the log, and not retried', async () => {
    await client.send(new PutEventsCommand({ Entries: [{ EventBusName: BUS, Source: 's', DetailType: 'locked.out', Detail: '{}' }] }));
    await t.events.idle();
    expect(t.logs.some((l) => /dropped .*locked\.out.*: AccessDeniedException: events\.amazonaws\.com may not send to sqs from arn:aws:events:.*rule\/.*locked/.test(l))).toBe(true);
    expect(t.logs.some((l) => /retrying .*locked\.out/.test(l))).toBe(false);
    expect(await t.drain('Plain')).toEqual([]);
  });
});

describe('PutEvents validation', () => {
  it('answers invalid entries one by one, in order, and accepts the valid ones of the same call', async () => {
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: BUS, DetailType: 't', Detail: '{}' },
          { EventBusName: BUS, Source: 's', Detail: '{}' },
          { EventBusName: BUS, Source: 's', DetailType: 't' },
          { EventBusName: BUS, Source: 's', DetailType: 't', Detail: 'not json' },
          { EventBusName: BUS, Source: 's', DetailType: 't', Detail: '["an array"]' },
          { EventBusName: BUS, Source: 'aws.ec2', DetailType: 't', Detail: '{}' },
          { EventBusName: BUS, Source: 's', DetailType: 't', Detail: '{"ok":true}' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(6);
    expect(out.Entries).toEqual([
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' },
      { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' },
      { EventId: expect.any(String) },
    ]);
  });

  it('refuses more than 10 entries, and more than 256 KB in one call, with ValidationException', async () => {
    const entry = { EventBusName: BUS, Source: 's', DetailType: 't', Detail: '{}' };
    const tooMany = await client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })).catch((e: Error) => e);
    expect(tooMany).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    expect((tooMany as Error).message).toMatch(/less than or equal to 10/);

    const big = { ...entry, Detail: JSON.stringify({ pad: 'x'.repeat(100_000) }) };
    const tooBig = await client.send(new PutEventsCommand({ Entries: [big, big, big] })).catch((e: Error) => e);
    expect(tooBig).toMatchObject({ name: 'ValidationException' });
    expect((tooBig as Error).message).toBe('Total size of the entries in the request is over the limit.');
  });

  it('accepts events for a bus that does not exist, as AWS does, and says so in the log', async () => {
    const out = await client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'no-such-bus', Source: 's', DetailType: 't', Detail: '{}' }] }));
    expect(out.FailedEntryCount).toBe(0);
    expect(t.logs.some((l) => l.includes('bus "no-such-bus", which does not exist'))).toBe(true);
  });
});

describe('read actions', () => {
  it('DescribeEventBus: by name, by ARN, the default bus; ResourceNotFoundException otherwise', async () => {
    expect(await client.send(new DescribeEventBusCommand({ Name: BUS }))).toMatchObject({ Name: BUS, Arn: BUS_ARN, Description: 'test bus', CreationTime: expect.any(Date) });
    expect(await client.send(new DescribeEventBusCommand({ Name: BUS_ARN }))).toMatchObject({ Name: BUS });
    expect(await client.send(new DescribeEventBusCommand({}))).toMatchObject({ Name: 'default', Arn: `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default` });
    const missing = await client.send(new DescribeEventBusCommand({ Name: 'nope' })).catch((e: Error) => e);
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', message: 'Event bus nope does not exist.' });
  });

  it('ListEventBuses: prefix, limit and next token', async () => {
    const all = await client.send(new ListEventBusesCommand({}));
    expect(all.EventBuses?.map((b) => b.Name)).toEqual([BUS, 'default']);
    const first = await client.send(new ListEventBusesCommand({ Limit: 1 }));
    expect(first.EventBuses?.map((b) => b.Name)).toEqual([BUS]);
    const second = await client.send(new ListEventBusesCommand({ Limit: 1, NextToken: first.NextToken }));
    expect(second.EventBuses?.map((b) => b.Name)).toEqual(['default']);
    expect(second.NextToken).toBeUndefined();
    expect((await client.send(new ListEventBusesCommand({ NamePrefix: 'anxin-' }))).EventBuses?.map((b) => b.Name)).toEqual([BUS]);
  });

  it('ListRules: the rules of a bus with their patterns and state', async () => {
    const out = await client.send(new ListRulesCommand({ EventBusName: BUS }));
    expect(out.Rules?.map((r) => r.Name)).toEqual(['cancellations', 'everything-but-off', 'locked', 'no-dedup', 'tenant-a-orders', 'to-lambda']);
    expect(out.Rules?.find((r) => r.Name === 'everything-but-off')).toMatchObject({ State: 'DISABLED', EventBusName: BUS });
    expect(JSON.parse(out.Rules!.find((r) => r.Name === 'tenant-a-orders')!.EventPattern!)).toEqual(RULES[0]!.pattern);
    expect((await client.send(new ListRulesCommand({})))?.Rules?.map((r) => r.Name)).toEqual(['on-default']);
    const missing = await client.send(new ListRulesCommand({ EventBusName: 'nope' })).catch((e: Error) => e);
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('TestEventPattern: matches, and refuses an invalid pattern with InvalidEventPatternException', async () => {
    const event = JSON.stringify({ id: '1', account: ACCOUNT, source: 's', time: '2026-12-01T00:00:00Z', region: REGION, 'detail-type': 't', resources: [], detail: { n: 5 } });
    expect((await client.send(new TestEventPatternCommand({ EventPattern: '{"detail":{"n":[{"numeric":[">",4]}]}}', Event: event }))).Result).toBe(true);
    expect((await client.send(new TestEventPatternCommand({ EventPattern: '{"detail":{"n":[6]}}', Event: event }))).Result).toBe(false);
    const invalid = await client.send(new TestEventPatternCommand({ EventPattern: '{"source":"s"}', Event: event })).catch((e: Error) => e);
    expect(invalid).toMatchObject({ name: 'InvalidEventPatternException' });
  });

  it('refuses actions it does not implement (buses and rules come from the template)', async () => {
    const res = await fetch(t.events.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutRule' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await res.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });

  it('shows the recent events per bus on GET /_anxin/events', async () => {
    const res = await fetch(`${t.events.endpoint}/_anxin/events?bus=${BUS}`);
    const body = (await res.json()) as { events: { bus: string }[] };
    expect(body.events.length).toBeGreaterThan(0);
    expect(body.events.every((e) => e.bus === BUS)).toBe(true);
  });
});
