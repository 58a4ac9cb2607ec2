import { describe, expect, it } from 'vitest';
import { ORDER_COMMANDS, ORDER_STATUSES, isTerminal, transition } from '../../shared/domain/order/state-machine';
import { decide } from '../../shared/domain/order/order';
import { validOrder } from '../support/fixtures';

describe('order state machine', () => {
  it('walks the happy path of an hourly service', () => {
    const path = ['assign', 'confirm', 'check-in', 'check-out', 'rate', 'close'] as const;
    let status = transition(undefined, 'create');
    expect(status).toEqual({ ok: true, to: 'CREATED' });
    const seen: string[] = [];
    for (const command of path) {
      if (!status.ok) throw new Error('unreachable');
      status = transition(status.to, command);
      expect(status.ok).toBe(true);
      if (status.ok) seen.push(status.to);
    }
    expect(seen).toEqual(['ASSIGNED', 'CONFIRMED', 'IN_SERVICE', 'COMPLETED', 'RATED', 'CLOSED']);
  });

  it.each([
    ['CREATED', 'check-in'],
    ['CANCELLED', 'assign'],
    ['CLOSED', 'dispute'],
    ['IN_SERVICE', 'cancel'],
    ['CONFIRMED', 'rate'],
  ] as const)('refuses %s + %s with a reason', (from, command) => {
    const result = transition(from, command);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(from);
  });

  it('refuses to create an existing order and to move a missing one', () => {
    expect(transition('CREATED', 'create')).toEqual({ ok: false, reason: 'order already exists' });
    expect(transition(undefined, 'assign')).toEqual({ ok: false, reason: 'order does not exist' });
  });

  it('has exactly CANCELLED and CLOSED as terminal states', () => {
    expect(ORDER_STATUSES.filter(isTerminal)).toEqual(['CLOSED', 'CANCELLED']);
  });

  it('every status is reachable from CREATED', () => {
    const reached = new Set<string>(['CREATED']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const from of [...reached]) {
        for (const command of ORDER_COMMANDS) {
          const t = transition(from as never, command);
          if (t.ok && !reached.has(t.to)) {
            reached.add(t.to);
            grew = true;
          }
        }
      }
    }
    expect([...reached].sort()).toEqual([...ORDER_STATUSES].sort());
  });
});

describe('decide', () => {
  const command = {
    type: 'order.create' as const,
    orderId: 'ord_01JABCDEFGHJKMNPQRSTVWXYZ0',
    tenantId: 'ten_A',
    at: '2026-11-26T01:00:00.000Z',
    payload: validOrder(),
  };

  it('creates version 1 in CREATED with the command time', () => {
    const decision = decide(undefined, command);
    expect(decision).toMatchObject({ ok: true, order: { status: 'CREATED', version: 1, createdAt: command.at } });
  });

  it('rejects a second create', () => {
    const first = decide(undefined, command);
    if (!first.ok) throw new Error('expected ok');
    expect(decide(first.order, command)).toEqual({ ok: false, reason: 'order already exists' });
  });
});
