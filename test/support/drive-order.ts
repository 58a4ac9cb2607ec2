/** Drives an order through its lifecycle with the route handlers (test/support/route-harness.ts). */
import { ulid } from 'ulid';
import { expect } from 'vitest';
import type { Caller } from '../../shared/auth/roles';
import { employmentRepository } from '../../shared/store/employment-repository';
import type { CreateOrderRequest } from '../../shared/schemas/order';
import { validOrder } from './fixtures';
import type { RouteHarness } from './route-harness';

const STEPS = [
  ['assign', 'ASSIGNED'],
  ['confirm', 'CONFIRMED'],
  ['check-in', 'IN_SERVICE'],
  ['check-out', 'COMPLETED'],
] as const;

export type DriveTarget = 'CREATED' | (typeof STEPS)[number][1];

const bodies = (workerId: string): Record<(typeof STEPS)[number][0], unknown> => ({
  assign: { workerId },
  confirm: {},
  'check-in': { at: '2026-12-01T09:02:00+08:00', method: 'app' },
  'check-out': { at: '2026-12-01T12:01:00+08:00', method: 'app' },
});

/** Creates an order and moves it to `target`, every command applied; returns its id and worker. */
export async function driveOrder(
  h: RouteHarness,
  caller: Caller,
  target: DriveTarget = 'COMPLETED',
  order: CreateOrderRequest = validOrder(),
): Promise<{ orderId: string; workerId: string }> {
  // A well-formed worker id, so routes that take it in their path (e.g. the rating summary) accept it.
  const workerId = `wkr_${ulid()}`;
  await employmentRepository(h.store).link({ tenantId: caller.tenantId, workerId, status: 'current', since: '2026-01-01' });
  const created = await h.call(caller, 'POST /v1/orders', { body: order });
  expect(created.status).toBe(202);
  await h.settle();
  const { orderId } = created.body as { orderId: string };
  for (const [command, reached] of STEPS) {
    if (target === 'CREATED') break;
    const res = await h.call(caller, `POST /v1/orders/{orderId}/${command}`, { params: { orderId }, body: bodies(workerId)[command] });
    expect(res.status).toBe(202);
    if (reached === target) break;
  }
  await h.settle();
  const now = await h.call(caller, 'GET /v1/orders/{orderId}', { params: { orderId } });
  expect(now.body.status).toBe(target);
  return { orderId, workerId };
}
