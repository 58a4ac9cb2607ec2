/**
 * The order spine against DynamoDB Local and the local SQS endpoint: accept (idempotent),
 * apply (exactly once, one transaction), and the consumer's handling of duplicates (the
 * same event again, rebuilt from the record's facts) and poison messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { acceptCreateOrder, acceptOrderCommand } from '../../shared/services/accept-order-command';
import { applyOrderCommand, UnprocessableMessageError, type ApplyOutcome } from '../../shared/services/apply-order-command';
import { commandHash } from '../../shared/events/command-request';
import type { CreateOrderRequest } from '../../shared/schemas/order';
import { parseOrderCommandMessage, type OrderCommandMessage } from '../../shared/events/order-command';
import { eventsRepository } from '../../shared/store/events-repository';
import { ordersRepository } from '../../shared/store/orders-repository';
import { keys } from '../../shared/store/keys';
import { Problem } from '../../shared/lib/problem';
import type { Caller } from '../../shared/auth/roles';
import type { StoreContext } from '../../shared/store/client';
import { createTestStore } from '../support/test-store';
import { startTestQueue, type TestQueue } from '../support/sqs';
import { validOrder } from '../support/fixtures';

const caller: Caller = { tenantId: 'ten_01JTESTTENANTAAAAAAAAAAAAA', role: 'enterprise', keyId: 'key_test' };

let store: StoreContext;
let queue: TestQueue;
let deps: Parameters<typeof acceptCreateOrder>[0];

beforeAll(async () => {
  store = await createTestStore();
  queue = await startTestQueue();
  deps = { store, sqs: queue.sqs, queueUrl: queue.queueUrl };
});
afterAll(async () => {
  await queue?.close();
});

async function traceItems(tenantId: string, orderId: string) {
  const out = await store.doc.send(
    new QueryCommand({
      TableName: store.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)',
      ExpressionAttributeValues: { ':pk': keys.orderPartition(tenantId, orderId), ':t': 'TRACE#' },
    }),
  );
  return out.Items ?? [];
}

describe('accepting an order', () => {
  it('records the event, queues one message grouped by order and deduplicated by event', async () => {
    const accepted = await acceptCreateOrder(deps, caller, 'order-key-0001', validOrder());
    expect(accepted).toMatchObject({ status: 'accepted' });
    const event = await eventsRepository(store).get(caller.tenantId, accepted.eventId);
    expect(event).toMatchObject({ status: 'accepted', subjectId: accepted.orderId, type: 'order.create' });
    const messages = await queue.drain();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.Attributes).toMatchObject({ MessageGroupId: accepted.orderId, MessageDeduplicationId: accepted.eventId });
    expect(parseOrderCommandMessage(messages[0]!.Body!)).toMatchObject({ eventId: accepted.eventId, orderId: accepted.orderId });
  });

  it('answers a repeated request with the same ids and queues nothing new', async () => {
    const first = await acceptCreateOrder(deps, caller, 'order-key-0002', validOrder());
    const again = await acceptCreateOrder(deps, caller, 'order-key-0002', validOrder());
    expect(again).toEqual(first);
    expect(await queue.drain()).toHaveLength(1);
  });

  it('treats a body with the same content in another key order as the same request', async () => {
    const body = validOrder();
    const reordered = Object.fromEntries(Object.entries(body).reverse()) as typeof body;
    const first = await acceptCreateOrder(deps, caller, 'order-key-0003', body);
    expect(await acceptCreateOrder(deps, caller, 'order-key-0003', reordered)).toEqual(first);
    await queue.drain();
  });

  it('refuses the same key with a different body (422) and stores nothing new', async () => {
    await acceptCreateOrder(deps, caller, 'order-key-0004', validOrder());
    await queue.drain();
    const error = await acceptCreateOrder(deps, caller, 'order-key-0004', validOrder({ district: '越秀区' })).catch((e) => e);
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).status).toBe(422);
    expect(await queue.drain()).toHaveLength(0);
  });

  it('keeps tenants apart: the same key in two tenants is two commands', async () => {
    const other: Caller = { ...caller, tenantId: 'ten_01JTESTTENANTBBBBBBBBBBBBB' };
    const a = await acceptCreateOrder(deps, caller, 'shared-key-01', validOrder());
    const b = await acceptCreateOrder(deps, other, 'shared-key-01', validOrder());
    expect(a.eventId).not.toBe(b.eventId);
    expect(a.orderId).not.toBe(b.orderId);
    await queue.drain();
  });
});

describe('applying an order command', () => {
  async function acceptedMessage(key: string) {
    const accepted = await acceptCreateOrder(deps, caller, key, validOrder());
    const [message] = await queue.drain();
    return { accepted, message: parseOrderCommandMessage(message!.Body!)! };
  }

  it('writes the order, its first trace entry and the applied event together', async () => {
    const { accepted, message } = await acceptedMessage('apply-key-0001');
    expect(await applyOrderCommand(store, message)).toMatchObject({ outcome: 'applied' });
    const order = await ordersRepository(store).get(caller.tenantId, accepted.orderId);
    expect(order).toMatchObject({ status: 'CREATED', version: 1, district: '天河区', traceHead: { seq: 1 } });
    const trace = await ordersRepository(store).trace(caller.tenantId, accepted.orderId);
    expect(trace).toHaveLength(1);
    expect(trace[0]).toMatchObject({ seq: 1, eventId: accepted.eventId, type: 'order.create', actor: caller });
    expect(await eventsRepository(store).get(caller.tenantId, accepted.eventId)).toMatchObject({ status: 'applied' });
  });

  it('applies the same record handed over twice exactly once', async () => {
    const { accepted, message } = await acceptedMessage('apply-key-0002');
    expect(await applyOrderCommand(store, message)).toMatchObject({ outcome: 'applied' });
    expect(await applyOrderCommand(store, message)).toMatchObject({ outcome: 'duplicate' });
    expect(await traceItems(caller.tenantId, accepted.orderId)).toHaveLength(1);
  });

  it('applies concurrent deliveries of one command exactly once', async () => {
    const { accepted, message } = await acceptedMessage('apply-key-0003');
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => applyOrderCommand(store, message).then((r) => r.outcome, (e: Error) => e.name)),
    );
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(await traceItems(caller.tenantId, accepted.orderId)).toHaveLength(1);
  });

  it('two requests with one idempotency key produce one order and one trace entry', async () => {
    const a = await acceptCreateOrder(deps, caller, 'apply-key-0004', validOrder());
    const b = await acceptCreateOrder(deps, caller, 'apply-key-0004', validOrder());
    const messages = await queue.drain();
    for (const m of messages) await applyOrderCommand(store, parseOrderCommandMessage(m.Body!)!);
    // Even a copy that slipped past SQS deduplication is harmless:
    await applyOrderCommand(store, parseOrderCommandMessage(messages[0]!.Body!)!);
    expect(a).toEqual(b);
    const all = await store.doc.send(
      new ScanCommand({ TableName: store.tableName, FilterExpression: 'orderId = :o AND sk = :s', ExpressionAttributeValues: { ':o': a.orderId, ':s': 'ORDER' } }),
    );
    expect(all.Items).toHaveLength(1);
    expect(await traceItems(caller.tenantId, a.orderId)).toHaveLength(1);
  });

  it('rejects an illegal command visibly, with a reason, and changes nothing', async () => {
    const { accepted, message } = await acceptedMessage('apply-key-0005');
    await applyOrderCommand(store, message);
    // A second create for an existing order is illegal: record such a command as accepted.
    const eventId = 'evt_0000000000000000000000000X';
    await eventsRepository(store).accept({
      eventId,
      tenantId: caller.tenantId,
      type: 'order.create',
      subjectId: accepted.orderId,
      status: 'accepted',
      actor: caller,
      requestHash: commandHash({ type: 'order.create', payload: message.payload as CreateOrderRequest }),
      acceptedAt: new Date().toISOString(),
    });
    expect(await applyOrderCommand(store, { ...message, eventId })).toMatchObject({ outcome: 'rejected' });
    expect(await eventsRepository(store).get(caller.tenantId, eventId)).toMatchObject({
      status: 'rejected',
      reason: 'order already exists',
    });
    expect(await traceItems(caller.tenantId, accepted.orderId)).toHaveLength(1);
  });

  it('answers every late delivery with the applied event, byte for byte, rebuilt from the facts on the record', async () => {
    const { accepted, message } = await acceptedMessage('apply-key-0008');
    const results = await Promise.all(Array.from({ length: 6 }, () => applyOrderCommand(store, message).catch((e: Error) => e)));
    const applied = results.find((r) => !(r instanceof Error) && r.outcome === 'applied');
    expect(applied).toBeDefined();
    const bytes = JSON.stringify((applied as Extract<ApplyOutcome, { outcome: 'applied' }>).cloudEvent);
    // Late ones learnt it from the settled record or from their cancelled transaction; one more comes after it all.
    const late = [...results.filter((r) => r !== applied && !(r instanceof Error)), await applyOrderCommand(store, message)] as ApplyOutcome[];
    for (const result of late) {
      expect(result.outcome).toBe('duplicate');
      expect(result.outcome === 'duplicate' && JSON.stringify(result.cloudEvent)).toBe(bytes);
    }
    const record = await eventsRepository(store).get(caller.tenantId, accepted.eventId);
    expect(record).toMatchObject({ status: 'applied', seq: 1, facts: { to: 'CREATED' } });
    expect(record).not.toHaveProperty('cloudEvent');
  });

  it('re-publishes the whole event a record settled by an earlier release kept', async () => {
    const { accepted, message } = await acceptedMessage('apply-key-0009');
    const applied = await applyOrderCommand(store, message);
    expect(applied.outcome).toBe('applied');
    const legacy = { ...(applied as Extract<ApplyOutcome, { outcome: 'applied' }>).cloudEvent, time: '2026-01-01T00:00:00.000Z' };
    await store.doc.send(
      new UpdateCommand({
        TableName: store.tableName,
        Key: keys.event(caller.tenantId, accepted.eventId),
        UpdateExpression: 'SET cloudEvent = :ce REMOVE facts',
        ExpressionAttributeValues: { ':ce': legacy },
      }),
    );
    const again = await applyOrderCommand(store, message);
    expect(again).toEqual({ outcome: 'duplicate', cloudEvent: legacy });
  });

  it('publishes nothing again for a rejected command', async () => {
    const { message } = await acceptedMessage('apply-key-0010');
    await applyOrderCommand(store, message);
    // Confirming an order that has no worker is illegal.
    const confirm = await acceptOrderCommand(deps, caller, 'apply-key-0011', { type: 'order.confirm', orderId: message.orderId, payload: {} });
    const [queued] = await queue.drain();
    const confirmMessage = parseOrderCommandMessage(queued!.Body!)!;
    expect(await applyOrderCommand(store, confirmMessage)).toMatchObject({ outcome: 'rejected' });
    expect(await applyOrderCommand(store, confirmMessage)).toEqual({ outcome: 'duplicate', cloudEvent: undefined });
    expect(await eventsRepository(store).get(caller.tenantId, confirm.eventId)).not.toHaveProperty('facts');
  });

  it('refuses a settled command redelivered with another payload instead of answering it as a duplicate', async () => {
    const { message } = await acceptedMessage('apply-key-0012');
    expect(await applyOrderCommand(store, message)).toMatchObject({ outcome: 'applied' });
    const tampered = { ...message, payload: { ...(message.payload as CreateOrderRequest), district: '海珠区' } } as OrderCommandMessage;
    await expect(applyOrderCommand(store, tampered)).rejects.toThrow(UnprocessableMessageError);
  });

  it('refuses a message that does not match its accepted event', async () => {
    const { message } = await acceptedMessage('apply-key-0007');
    const tampered = { ...message, payload: { ...(message.payload as CreateOrderRequest), district: '海珠区' } } as OrderCommandMessage;
    await expect(applyOrderCommand(store, tampered)).rejects.toThrow(UnprocessableMessageError);
    expect(await eventsRepository(store).get(caller.tenantId, message.eventId)).toMatchObject({ status: 'accepted' });
  });
});
