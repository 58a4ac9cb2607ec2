/**
 * Property-based tests of the order spine against DynamoDB Local (fast-check): random
 * command sequences, delivered with duplicates and out of order, through the real apply
 * service. Whatever happens, the stored order equals a pure replay of the commands in
 * the order they were applied, rejected commands change nothing, every command is settled
 * exactly once, and the trace verifies.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decide, type Order, type OrderCommandInput } from '../../shared/domain/order/order';
import { commandHash, type CommandRequest } from '../../shared/events/command-request';
import type { OrderCommandMessage } from '../../shared/events/order-command';
import type { OrderCommandType } from '../../shared/schemas/order-commands';
import { applyOrderCommand } from '../../shared/services/apply-order-command';
import { employmentRepository } from '../../shared/store/employment-repository';
import { eventsRepository } from '../../shared/store/events-repository';
import { ordersRepository } from '../../shared/store/orders-repository';
import type { StoreContext } from '../../shared/store/client';
import { verifyChain } from '../../shared/trace/chain';
import { commandEventId, newOrderId, newTenantId } from '../../shared/lib/ids';
import { createTestStore } from '../support/test-store';
import { validOrder } from '../support/fixtures';

const TENANT = newTenantId();
const actor = { tenantId: TENANT, role: 'enterprise', keyId: 'key_prop' };
const EMPLOYED = ['w-1', 'w-2'];
let store: StoreContext;

beforeAll(async () => {
  store = await createTestStore();
  for (const workerId of EMPLOYED) {
    await employmentRepository(store).link({ tenantId: TENANT, workerId, status: 'current', since: '2026-01-01T00:00:00Z' });
  }
});

const T0 = Date.parse('2026-12-01T01:00:00Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/** One random command (after the create), with a payload that may or may not pass the rules. */
const commandArb: fc.Arbitrary<{ type: OrderCommandType; payload: unknown }> = fc.oneof(
  fc.constantFrom('w-1', 'w-2', 'w-3').map((workerId) => ({ type: 'order.assign' as const, payload: { workerId } })),
  fc.constant({ type: 'order.confirm' as const, payload: {} }),
  fc.boolean().map((valid) => ({
    type: 'order.reschedule' as const,
    payload: { schedule: valid ? { start: iso(1440), end: iso(1560) } : { start: iso(1560), end: iso(1440) }, reasonCode: 'schedule_conflict' },
  })),
  fc.integer({ min: 0, max: 60 }).map((m) => ({ type: 'order.check-in' as const, payload: { at: iso(m), method: 'app' } })),
  fc.constantFrom('2026-12-01', '2026-12-02', '2026-12-09').map((date) => ({
    type: 'order.attendance' as const,
    payload: { date, checkIn: `${date}T08:00:00+08:00`, checkOut: `${date}T18:00:00+08:00` },
  })),
  fc.integer({ min: -30, max: 300 }).map((m) => ({ type: 'order.check-out' as const, payload: { at: iso(m) } })),
  fc.constant({ type: 'order.cancel' as const, payload: { by: 'household', reasonCode: 'household_request' } }),
  fc.constant({ type: 'order.no-show' as const, payload: { party: 'worker', at: iso(5) } }),
  fc.constant({ type: 'order.dispute' as const, payload: { reasonCode: 'quality' } }),
  fc.constant({ type: 'order.resolve' as const, payload: { resolution: 'upheld' } }),
  fc.integer({ min: 1, max: 5 }).map((stars) => ({ type: 'order.rate' as const, payload: { stars } })),
  fc.constant({ type: 'order.close' as const, payload: {} }),
);

const scenarioArb = fc.record({
  mode: fc.constantFrom('hourly', 'live_in'),
  commands: fc.array(commandArb, { minLength: 1, maxLength: 10 }),
  /** How often each message is delivered (1 = once). */
  copies: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 11, maxLength: 11 }),
  /** Random priorities that reorder deliveries. */
  shuffle: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }),
  reorder: fc.boolean(),
});

let run = 0;

async function accept(orderId: string, index: number, type: OrderCommandType, payload: unknown): Promise<OrderCommandMessage> {
  const eventId = commandEventId(TENANT, `property-run-${run}-command-${index}`);
  const request = { type, orderId: type === 'order.create' ? undefined : orderId, payload } as CommandRequest;
  const acceptedAt = iso(-1000 + index);
  await eventsRepository(store).accept({
    eventId,
    tenantId: TENANT,
    type,
    subjectId: orderId,
    status: 'accepted',
    actor,
    requestHash: commandHash(request),
    acceptedAt,
  });
  return { v: 1, eventId, type, tenantId: TENANT, orderId, actor, acceptedAt, payload } as OrderCommandMessage;
}

const normalize = (order: Order | undefined) => {
  if (!order) return undefined;
  const { traceHead: _head, ...rest } = order as Order & { traceHead?: unknown };
  return JSON.parse(JSON.stringify(rest)) as unknown;
};

describe('order spine properties', () => {
  it('stored order = replay of applied commands; rejections change nothing; each command settles once; trace verifies', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        run += 1;
        const orderId = newOrderId();
        const messages = [
          await accept(orderId, 0, 'order.create', validOrder({
            mode: scenario.mode as 'hourly',
            schedule: { start: '2026-12-01T09:00:00+08:00', end: scenario.mode === 'live_in' ? '2026-12-21T18:00:00+08:00' : '2026-12-01T12:00:00+08:00' },
          })),
        ];
        for (const [i, c] of scenario.commands.entries()) messages.push(await accept(orderId, i + 1, c.type, c.payload));

        let deliveries = messages.flatMap((m, i) => Array.from({ length: scenario.copies[i] ?? 1 }, () => m));
        if (scenario.reorder) {
          deliveries = deliveries
            .map((m, i) => ({ m, key: scenario.shuffle[i % scenario.shuffle.length]! + i / 1000 }))
            .sort((a, b) => a.key - b.key)
            .map(({ m }) => m);
        }

        const orders = ordersRepository(store);
        const settled = new Map<string, string>();
        const applied: OrderCommandMessage[] = [];
        for (const message of deliveries) {
          const before = await orders.get(TENANT, orderId, true);
          const result = await applyOrderCommand(store, message);
          const after = await orders.get(TENANT, orderId, true);
          if (result.outcome === 'duplicate') {
            expect(settled.has(message.eventId), 'a duplicate of a command that was never settled').toBe(true);
            expect(after).toEqual(before);
            continue;
          }
          expect(settled.has(message.eventId), 'a command settled twice').toBe(false);
          settled.set(message.eventId, result.outcome);
          if (result.outcome === 'rejected') expect(after, 'a rejected command changed the order').toEqual(before);
          else applied.push(message);
        }
        expect(settled.size).toBe(messages.length);

        // Pure replay, in application order, with the same facts the consumer looked up.
        let replayed: Order | undefined;
        const days = new Set<string>();
        for (const m of applied) {
          const command = { type: m.type, orderId, tenantId: TENANT, at: m.acceptedAt, payload: m.payload } as OrderCommandInput;
          const facts =
            m.type === 'order.assign'
              ? { workerEmployed: EMPLOYED.includes(m.payload.workerId) }
              : m.type === 'order.attendance'
                ? { attendanceRecorded: days.has(m.payload.date) }
                : {};
          const decision = decide(replayed, command, facts);
          expect(decision.ok, `replay rejected ${m.type} that the consumer applied`).toBe(true);
          if (decision.ok) replayed = decision.order;
          if (m.type === 'order.attendance') days.add(m.payload.date);
        }
        const stored = await orders.get(TENANT, orderId, true);
        expect(normalize(stored)).toEqual(normalize(replayed));

        const trace = await orders.trace(TENANT, orderId);
        expect(trace.map((e) => e.eventId)).toEqual(applied.map((m) => m.eventId));
        expect(verifyChain(trace, stored?.traceHead)).toEqual({ valid: true, length: applied.length });
        for (const [eventId, outcome] of settled) {
          expect((await eventsRepository(store).get(TENANT, eventId))?.status).toBe(outcome);
        }
      }),
      { numRuns: 30 },
    );
  }, 180_000);
});
