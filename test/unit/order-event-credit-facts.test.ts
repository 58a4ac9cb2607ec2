/**
 * The pure mapping from order events to monthly credit counters
 * (shared/domain/credit/event-facts.ts), on events built by the real builder
 * (orderCloudEvent) and read back by the consumer's reader (readOrderCloudEvent): every
 * counted type, the Asia/Shanghai month boundary, the on-time edge at exactly
 * ON_TIME_GRACE_MINUTES, and what is refused instead of counted.
 */
import { describe, expect, it } from 'vitest';
import { ON_TIME_GRACE_MINUTES } from '../../shared/domain/credit/facts';
import {
  CREDIT_FACT_COMMANDS,
  CREDIT_FACT_EVENT_TYPES,
  eventFacts,
  isCreditFactCommand,
  isOnTime,
  MissingContextError,
  resolutionHours,
  type CreditFactCommand,
  type EventContext,
} from '../../shared/domain/credit/event-facts';
import { orderCloudEvent } from '../../shared/events/order-cloudevent';
import { ORDER_EVENT_COMMANDS, orderEventType } from '../../shared/events/order-event-types';
import { readOrderCloudEvent, UnreadableEventError } from '../../shared/events/read-order-cloudevent';
import { EXAMPLE_ORDER } from '../../shared/schemas/examples';

const ORDER_ID = 'ord_01JDX3S5Z8Q4K7M2N9P6R3T5V8';
const TENANT_ID = 'ten_01JDX3S5Z8Q4K7M2N9P6R3T5V9';
const EVENT_ID = 'evt_8ZK3M2N9P6R3T5V8W1X4Y7A0BC';
const COMPLAINT_ID = 'cmp_01JDX3S5Z8Q4K7M2N9P6R3T5VA';
const WORKER = 'wkr_01JDX3S5Z8Q4K7M2N9P6R3T5VB';
const START = '2026-12-01T09:00:00+08:00';
/** 2026-12-01 12:00 in Guangzhou. */
const NOON = '2026-12-01T04:00:00.000Z';

/** The event an applied command publishes, as the consumer reads it off its queue. */
function event(command: CreditFactCommand, payload: unknown, at = NOON) {
  const built = orderCloudEvent({
    stage: 'dev',
    commandType: command,
    eventId: EVENT_ID,
    orderId: ORDER_ID,
    tenantId: TENANT_ID,
    status: 'COMPLETED',
    previousStatus: command === 'order.create' ? null : 'IN_SERVICE',
    entry: { seq: 3, hash: 'a'.repeat(64), at },
    actorRole: 'enterprise',
    payload,
  });
  const read = readOrderCloudEvent(JSON.stringify(built));
  expect(read.command).toBe(command);
  return read.event;
}

const facts = (command: CreditFactCommand, payload: unknown, context: EventContext = {}, at = NOON) => eventFacts(event(command, payload, at), command, context);
const enterprise = (counters: object, period = '2026-12') => ({ tenantId: TENANT_ID, period, counters });
const worker = (counters: object, period = '2026-12') => ({ workerId: WORKER, period, counters });

describe('counted event types', () => {
  it('are the order events the credit model reads, and the rule matches exactly their types', () => {
    expect(CREDIT_FACT_EVENT_TYPES).toEqual(
      ['created', 'checked-in', 'checked-out', 'cancelled', 'no-show', 'rated', 'complaint-opened', 'complaint-resolved'].map((name) => `cn.anxin.order.${name}.v1`),
    );
    expect(CREDIT_FACT_EVENT_TYPES).toEqual(CREDIT_FACT_COMMANDS.map(orderEventType));
    const uncounted = ORDER_EVENT_COMMANDS.filter((c) => !isCreditFactCommand(c));
    expect(uncounted.sort()).toEqual(['order.assign', 'order.attendance', 'order.close', 'order.confirm', 'order.dispute', 'order.reschedule', 'order.resolve'].sort());
  });
});

describe('eventFacts', () => {
  it('created: one order created for the enterprise, nothing for a worker', () => {
    expect(facts('order.create', EXAMPLE_ORDER)).toEqual({
      eventId: EVENT_ID,
      enterprise: enterprise({ ordersCreated: 1 }),
    });
  });

  describe('checked-in: counted, and on time up to exactly ON_TIME_GRACE_MINUTES after the scheduled start', () => {
    const checkIn = (at: string) => facts('order.check-in', { at, method: 'app' }, { scheduledStart: START, workerId: WORKER });

    it('is 15 minutes', () => expect(ON_TIME_GRACE_MINUTES).toBe(15));

    it('at exactly 15 minutes (written with another offset) is on time', () => {
      expect(checkIn('2026-12-01T01:15:00Z')).toEqual({ eventId: EVENT_ID, enterprise: enterprise({ checkIns: 1, onTimeCheckIns: 1 }) });
      expect(isOnTime('2026-12-01T09:15:00.000+08:00', START)).toBe(true);
    });

    it('one millisecond later is late, and an early check-in is on time', () => {
      expect(checkIn('2026-12-01T09:15:00.001+08:00')).toEqual({ eventId: EVENT_ID, enterprise: enterprise({ checkIns: 1 }) });
      expect(checkIn('2026-12-01T08:40:00+08:00').enterprise!.counters).toEqual({ checkIns: 1, onTimeCheckIns: 1 });
    });

    it('without the scheduled start is refused, not counted as late', () => {
      expect(() => facts('order.check-in', { at: START }, { workerId: WORKER })).toThrow(MissingContextError);
    });
  });

  it("checked-out: an order completed for the enterprise and for the order's worker", () => {
    expect(facts('order.check-out', { at: '2026-12-01T12:00:00+08:00' }, { workerId: WORKER })).toEqual({
      eventId: EVENT_ID,
      enterprise: enterprise({ ordersCompleted: 1 }),
      worker: worker({ ordersCompleted: 1 }),
    });
    // No worker known: the enterprise's count alone.
    expect(facts('order.check-out', { at: '2026-12-01T12:00:00+08:00' })).toEqual({ eventId: EVENT_ID, enterprise: enterprise({ ordersCompleted: 1 }) });
  });

  it.each([
    ['enterprise', { enterpriseCancellations: 1 }],
    ['worker', { enterpriseCancellations: 1 }],
  ] as const)('cancelled by the %s: an enterprise cancellation', (by, counters) => {
    expect(facts('order.cancel', { by, reasonCode: 'schedule_conflict' }, {})).toEqual({ eventId: EVENT_ID, enterprise: enterprise(counters) });
  });

  it.each(['household', 'platform'] as const)('cancelled by the %s: nothing to count', (by) => {
    expect(facts('order.cancel', { by, reasonCode: 'household_request' })).toEqual({ eventId: EVENT_ID });
  });

  it("no-show of the worker: for the enterprise and the worker; of the household: nothing", () => {
    expect(facts('order.no-show', { party: 'worker', at: START }, { workerId: WORKER })).toEqual({
      eventId: EVENT_ID,
      enterprise: enterprise({ workerNoShows: 1 }),
      worker: worker({ workerNoShows: 1 }),
    });
    expect(facts('order.no-show', { party: 'household', at: START }, { workerId: WORKER })).toEqual({ eventId: EVENT_ID });
  });

  it('rated: one rating and its stars, for the enterprise and the worker', () => {
    expect(facts('order.rate', { stars: 4, dimensions: { punctuality: 5 } }, { workerId: WORKER })).toEqual({
      eventId: EVENT_ID,
      enterprise: enterprise({ ratings: 1, ratingStarsSum: 4 }),
      worker: worker({ ratings: 1, ratingStarsSum: 4 }),
    });
  });

  it("complaint opened: for the enterprise and the complaint's worker", () => {
    expect(facts('order.open-complaint', { complaintId: COMPLAINT_ID, source: 'household', category: 'damage' }, { workerId: WORKER })).toEqual({
      eventId: EVENT_ID,
      enterprise: enterprise({ complaintsOpened: 1 }),
      worker: worker({ complaintsOpened: 1 }),
    });
  });

  it('complaint resolved: one resolution and the hours since the complaint was opened, for the enterprise only', () => {
    const resolved = facts('order.resolve-complaint', { complaintId: COMPLAINT_ID, resolution: 'upheld' }, { complaintOpenedAt: '2026-11-30T02:30:00.000Z', workerId: WORKER });
    expect(resolved).toEqual({ eventId: EVENT_ID, enterprise: enterprise({ complaintsResolved: 1, complaintResolutionHoursSum: 25.5 }) });
    expect(() => facts('order.resolve-complaint', { complaintId: COMPLAINT_ID, resolution: 'upheld' })).toThrow(MissingContextError);
  });

  it('resolution hours are rounded to the hundredth and never negative', () => {
    expect(resolutionHours('2026-12-01T00:00:00Z', '2026-12-01T00:20:00Z')).toBe(0.33);
    expect(resolutionHours('2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z')).toBe(0);
    expect(resolutionHours('2026-12-01T00:00:05Z', '2026-12-01T00:00:00Z')).toBe(0);
  });

  describe('the month is the Asia/Shanghai month of the event time, for both sides', () => {
    const completed = (at: string) => facts('order.check-out', { at }, { workerId: WORKER }, at);

    it('16:00Z on the last day of November is already 1 December in Guangzhou', () => {
      const f = completed('2026-11-30T16:00:00.000Z');
      expect([f.enterprise!.period, f.worker!.period]).toEqual(['2026-12', '2026-12']);
    });

    it('a millisecond earlier is still November', () => {
      const f = completed('2026-11-30T15:59:59.999Z');
      expect([f.enterprise!.period, f.worker!.period]).toEqual(['2026-11', '2026-11']);
    });

    it('the new year turns at 16:00Z on 31 December', () => {
      expect(completed('2026-12-31T16:00:00.000Z').enterprise!.period).toBe('2027-01');
      expect(completed('2026-12-31T15:59:59.999Z').enterprise!.period).toBe('2026-12');
    });
  });
});

describe('readOrderCloudEvent refuses what it cannot count', () => {
  const valid = () => JSON.parse(JSON.stringify(event('order.rate', { stars: 5 }))) as Record<string, unknown>;

  it('a body that is not JSON', () => {
    expect(() => readOrderCloudEvent('{not json')).toThrow(UnreadableEventError);
  });

  it('a type that is not an order event, or no type', () => {
    expect(() => readOrderCloudEvent(JSON.stringify({ ...valid(), type: 'cn.anxin.claim.filed.v1' }))).toThrow(/not an order event type/);
    expect(() => readOrderCloudEvent(JSON.stringify({ ...valid(), type: 'cn.anxin.order.rated.v2' }))).toThrow(UnreadableEventError);
    expect(() => readOrderCloudEvent('null')).toThrow(UnreadableEventError);
  });

  it("data that does not follow its type's closed schema", () => {
    const body = valid();
    expect(() => readOrderCloudEvent(JSON.stringify({ ...body, data: { ...(body.data as object), stars: 9 } }))).toThrow(/not a valid cn\.anxin\.order\.rated\.v1 event: data\.stars/);
    expect(() => readOrderCloudEvent(JSON.stringify({ ...body, data: { ...(body.data as object), note: 'free text' } }))).toThrow(UnreadableEventError);
    const { time: _time, ...withoutTime } = body;
    expect(() => readOrderCloudEvent(JSON.stringify(withoutTime))).toThrow(UnreadableEventError);
  });
});
