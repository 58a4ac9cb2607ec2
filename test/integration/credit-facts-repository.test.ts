/**
 * The credit facts against DynamoDB Local (shared/store/credit-facts-repository.ts,
 * shared/services/credit-facts-events.ts): an event counts once whether it is applied twice
 * in a row or by several deliveries at the same moment; different events on one month all
 * count; months read back oldest first with every counter; the consumer's service reads
 * the order or complaint an event names.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventFacts } from '../../shared/domain/credit/event-facts';
import { ENTERPRISE_MONTH_COUNTERS, WORKER_MONTH_COUNTERS } from '../../shared/domain/credit/facts';
import { orderCloudEvent } from '../../shared/events/order-cloudevent';
import { readOrderCloudEvent, UnreadableEventError } from '../../shared/events/read-order-cloudevent';
import { EVENT_TTL_SECONDS } from '../../shared/store/events-repository';
import { countOrderEvent } from '../../shared/services/credit-facts-events';
import type { StoreContext } from '../../shared/store/client';
import { creditFactsRepository } from '../../shared/store/credit-facts-repository';
import { keys } from '../../shared/store/keys';
import { EXAMPLE_ORDER } from '../../shared/schemas/examples';
import { createTestStore } from '../support/test-store';

let store: StoreContext & { client: { destroy(): void } };
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(() => store?.client.destroy());

const repo = () => creditFactsRepository(store);
const tenant = () => `ten_${ulid()}`;
const workerId = () => `wkr_${ulid()}`;
const eventId = () => `evt_${ulid()}`;
/** No sleeping between conflict retries: the test is about outcomes, not pacing. */
const noPause = { pause: async () => undefined };

const zeros = (names: readonly string[]) => Object.fromEntries(names.map((c) => [c, 0]));

function rating(tenantId: string, worker: string, stars: number, id = eventId(), period = '2026-12'): EventFacts {
  return {
    eventId: id,
    enterprise: { tenantId, period, counters: { ratings: 1, ratingStarsSum: stars } },
    worker: { workerId: worker, period, counters: { ratings: 1, ratingStarsSum: stars } },
  };
}

describe('applyEventFacts counts an event once', () => {
  it('applied twice: counted, then a duplicate that changes nothing', async () => {
    const [t, w] = [tenant(), workerId()];
    const facts = rating(t, w, 4);
    expect(await repo().applyEventFacts(facts)).toBe('counted');
    expect(await repo().applyEventFacts(facts)).toBe('duplicate');
    expect(await repo().enterpriseMonths(t, '2026-12', '2026-12')).toEqual([{ period: '2026-12', ...zeros(ENTERPRISE_MONTH_COUNTERS), ratings: 1, ratingStarsSum: 4 }]);
    expect(await repo().workerMonths(w)).toEqual([{ period: '2026-12', ...zeros(WORKER_MONTH_COUNTERS), ratings: 1, ratingStarsSum: 4 }]);
  });

  it('applied by eight deliveries at once: exactly one counts it', async () => {
    const [t, w] = [tenant(), workerId()];
    const facts = rating(t, w, 5);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => creditFactsRepository(store).applyEventFacts(facts, noPause)));
    expect(outcomes.filter((o) => o === 'counted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(7);
    expect((await repo().enterpriseMonths(t, '2026-01', '2026-12'))[0]).toMatchObject({ ratings: 1, ratingStarsSum: 5 });
    expect((await repo().workerMonths(w))[0]).toMatchObject({ ratings: 1, ratingStarsSum: 5 });
  });

  it('different events on the same months at once: every one counts', async () => {
    const [t, w] = [tenant(), workerId()];
    const stars = [1, 2, 3, 4, 5, 5, 4, 3];
    const outcomes = await Promise.all(stars.map((s) => repo().applyEventFacts(rating(t, w, s), noPause)));
    expect(outcomes).toEqual(stars.map(() => 'counted'));
    expect((await repo().enterpriseMonths(t, '2026-12', '2026-12'))[0]).toMatchObject({ ratings: 8, ratingStarsSum: 27 });
    expect((await repo().workerMonths(w, '2026-12', '2026-12'))[0]).toMatchObject({ ratings: 8, ratingStarsSum: 27 });
  });

  it('leaves a marker that expires 90 days after it was written', async () => {
    const facts = rating(tenant(), workerId(), 3);
    const now = new Date('2026-12-01T04:00:00Z');
    await repo().applyEventFacts(facts, { now });
    const marker = (await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.creditFactsEvent(facts.eventId) }))).Item;
    expect(marker).toMatchObject({ eventId: facts.eventId, expiresAt: now.getTime() / 1000 + EVENT_TTL_SECONDS });
    expect(EVENT_TTL_SECONDS).toBe(90 * 86_400);
  });

  it('an enterprise-only event writes no worker item, and an empty one is refused', async () => {
    const t = tenant();
    await repo().applyEventFacts({ eventId: eventId(), enterprise: { tenantId: t, period: '2026-12', counters: { ordersCreated: 1 } } });
    expect((await repo().enterpriseMonths(t, '2026-12', '2026-12'))[0]).toMatchObject({ ordersCreated: 1 });
    await expect(repo().applyEventFacts({ eventId: eventId() })).rejects.toThrow(/no counters/);
  });
});

describe('reading months', () => {
  it('an enterprise: the months of the range that have counters, oldest first, no other tenant', async () => {
    const [t, other, w] = [tenant(), tenant(), workerId()];
    for (const period of ['2026-12', '2025-11', '2026-01', '2027-01']) await repo().applyEventFacts(rating(t, w, 2, eventId(), period));
    await repo().applyEventFacts(rating(other, w, 5, eventId(), '2026-06'));
    const months = await repo().enterpriseMonths(t, '2025-12', '2026-12');
    expect(months.map((m) => m.period)).toEqual(['2026-01', '2026-12']);
    expect(Object.keys(months[0]!)).toEqual(['period', ...ENTERPRISE_MONTH_COUNTERS]);
    expect(await repo().enterpriseMonths(t, '2026-02', '2026-11')).toEqual([]);
  });

  it("a worker: all months or a range, and none of the worker's other items", async () => {
    const [t, w] = [tenant(), workerId()];
    // Items of the worker's partition that are not credit facts.
    for (const sk of ['WORKER', 'CERTIFICATE', 'CONSENT#x#0000000001', 'TRACE#0000000001']) {
      await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { pk: keys.workerPartition(w), sk, period: 'not a month' } }));
    }
    for (const period of ['2026-03', '2026-01', '2026-02']) await repo().applyEventFacts(rating(t, w, 5, eventId(), period));
    expect((await repo().workerMonths(w)).map((m) => m.period)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect((await repo().workerMonths(w, '2026-02')).map((m) => m.period)).toEqual(['2026-02', '2026-03']);
    expect((await repo().workerMonths(w, undefined, '2026-01')).map((m) => m.period)).toEqual(['2026-01']);
    expect(Object.keys((await repo().workerMonths(w))[0]!)).toEqual(['period', ...WORKER_MONTH_COUNTERS]);
  });
});

describe('countOrderEvent reads what the event does not carry', () => {
  const ORDER = () => `ord_${ulid()}`;

  function published(command: 'order.check-in' | 'order.resolve-complaint' | 'order.cancel', tenantId: string, orderId: string, payload: unknown, at: string) {
    return readOrderCloudEvent(
      JSON.stringify(
        orderCloudEvent({ stage: 'dev', commandType: command, eventId: eventId(), orderId, tenantId, status: 'IN_SERVICE', previousStatus: 'CONFIRMED', entry: { seq: 4, hash: 'b'.repeat(64), at }, payload }),
      ),
    );
  }

  it("a check-in: the order's scheduled start decides on time; counted once however often it comes", async () => {
    const [t, orderId] = [tenant(), ORDER()];
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...keys.order(t, orderId), ...EXAMPLE_ORDER, orderId, tenantId: t, workerId: workerId() } }));
    // Scheduled 09:00 in Guangzhou; checked in at 09:15.
    const { event, command } = published('order.check-in', t, orderId, { at: '2026-12-01T09:15:00+08:00' }, '2026-12-01T01:15:05.000Z');
    expect(await countOrderEvent(store, event, command)).toBe('counted');
    expect(await countOrderEvent(store, event, command)).toBe('duplicate');
    expect((await repo().enterpriseMonths(t, '2026-12', '2026-12'))[0]).toMatchObject({ checkIns: 1, onTimeCheckIns: 1 });
  });

  it('a complaint resolved: the hours since the stored complaint was opened', async () => {
    const [t, orderId, complaintId] = [tenant(), ORDER(), `cmp_${ulid()}`];
    await store.doc.send(new PutCommand({ TableName: store.tableName, Item: { ...keys.complaint(t, complaintId), complaintId, tenantId: t, orderId, status: 'resolved', openedAt: '2026-12-01T00:00:00.000Z' } }));
    const { event, command } = published('order.resolve-complaint', t, orderId, { complaintId, resolution: 'upheld' }, '2026-12-02T12:00:00.000Z');
    expect(await countOrderEvent(store, event, command)).toBe('counted');
    expect((await repo().enterpriseMonths(t, '2026-12', '2026-12'))[0]).toMatchObject({ complaintsResolved: 1, complaintResolutionHoursSum: 36 });
  });

  it('refuses an event whose order is not in the table, and counts nothing', async () => {
    const t = tenant();
    const { event, command } = published('order.check-in', t, ORDER(), { at: '2026-12-01T09:00:00+08:00' }, '2026-12-01T01:00:00.000Z');
    await expect(countOrderEvent(store, event, command)).rejects.toThrow(UnreadableEventError);
    expect(await repo().enterpriseMonths(t, '2000-01', '2099-12')).toEqual([]);
  });

  it("a household's cancellation: nothing to count, nothing written", async () => {
    const t = tenant();
    const { event, command } = published('order.cancel', t, ORDER(), { by: 'household', reasonCode: 'household_request' }, '2026-12-01T01:00:00.000Z');
    expect(await countOrderEvent(store, event, command)).toBe('nothing-to-count');
    expect(await repo().enterpriseMonths(t, '2000-01', '2099-12')).toEqual([]);
    const marker = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: keys.creditFactsEvent(event.id) }));
    expect(marker.Item).toBeUndefined();
  });

  it('refuses an order event that moves no credit fact', async () => {
    const t = tenant();
    const { event } = published('order.cancel', t, ORDER(), { by: 'household', reasonCode: 'household_request' }, '2026-12-01T01:00:00.000Z');
    await expect(countOrderEvent(store, event, 'order.assign')).rejects.toThrow(/moves no credit fact/);
  });
});
