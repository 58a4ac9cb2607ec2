import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, transition } from '../../shared/domain/order/state-machine';
import { decide, traceEntryType, type Order, type OrderCommandInput } from '../../shared/domain/order/order';
import { COMMAND_PAYLOADS } from '../../shared/schemas/order-commands';
import { complaintIdFor, ID_PATTERNS } from '../../shared/lib/ids';
import { validOrder } from '../support/fixtures';

const orderId = 'ord_01JABCDEFGHJKMNPQRSTVWXYZ0';
const complaintId = complaintIdFor('ten_A', 'key-0001');
const base = (status: Order['status']): Order => ({
  ...validOrder(),
  orderId,
  tenantId: 'ten_A',
  status,
  version: 3,
  createdAt: '2026-11-26T01:00:00.000Z',
  updatedAt: '2026-11-26T01:00:00.000Z',
});
const open: OrderCommandInput = {
  type: 'order.open-complaint',
  orderId,
  tenantId: 'ten_A',
  at: '2026-11-27T01:00:00.000Z',
  payload: { complaintId, source: 'enterprise', category: 'quality', description: '不干净' },
};
const resolve: OrderCommandInput = {
  type: 'order.resolve-complaint',
  orderId,
  tenantId: 'ten_A',
  at: '2026-11-28T01:00:00.000Z',
  payload: { complaintId, resolution: 'upheld' },
};

describe('complaint commands on the order', () => {
  it('open in every status but CANCELLED, resolve in every status, never moving the order', () => {
    for (const status of ORDER_STATUSES) {
      expect(transition(status, 'open-complaint')).toEqual(
        status === 'CANCELLED' ? { ok: false, reason: 'cannot open a complaint on an order in status CANCELLED' } : { ok: true, to: status },
      );
      expect(transition(status, 'resolve-complaint')).toEqual({ ok: true, to: status });
    }
    expect(transition(undefined, 'open-complaint')).toEqual({ ok: false, reason: 'order does not exist' });
  });

  it('count opened and open complaints; a resolve needs an open complaint of this order', () => {
    const opened = decide(base('CLOSED'), open);
    expect(opened).toMatchObject({ ok: true, order: { status: 'CLOSED', version: 4, complaintCount: 1, openComplaintCount: 1 } });
    if (!opened.ok) throw new Error('unreachable');
    expect(decide(opened.order, open, { complaint: { orderId, status: 'open' } })).toEqual({ ok: false, reason: `complaint ${complaintId} exists already` });
    expect(decide(opened.order, resolve, { complaint: { orderId, status: 'open' } })).toMatchObject({ ok: true, order: { complaintCount: 1, openComplaintCount: 0 } });
    expect(decide(opened.order, resolve, { complaint: { orderId, status: 'resolved' } })).toEqual({ ok: false, reason: `complaint ${complaintId} is resolved already` });
    expect(decide(opened.order, resolve, { complaint: { orderId: 'ord_other', status: 'open' } })).toMatchObject({ ok: false });
    expect(decide(opened.order, resolve, {})).toEqual({ ok: false, reason: `complaint ${complaintId} was not opened on this order` });
  });

  it('trace complaint entries as what happened; other entries keep the command type', () => {
    expect(traceEntryType('order.open-complaint')).toBe('order.complaint-opened');
    expect(traceEntryType('order.resolve-complaint')).toBe('order.complaint-resolved');
    expect(traceEntryType('order.check-in')).toBe('order.check-in');
  });

  it('derive one complaint id per (tenant, idempotency key)', () => {
    expect(complaintId).toMatch(ID_PATTERNS.complaint);
    expect(complaintIdFor('ten_A', 'key-0001')).toBe(complaintId);
    expect(complaintIdFor('ten_B', 'key-0001')).not.toBe(complaintId);
  });

  it('limit descriptions to 1000 characters and refuse unknown fields', () => {
    const schema = COMMAND_PAYLOADS['order.open-complaint'];
    expect(schema.safeParse({ ...open.payload, description: '字'.repeat(1000) }).success).toBe(true);
    expect(schema.safeParse({ ...open.payload, description: '字'.repeat(1001) }).success).toBe(false);
    expect(schema.safeParse({ ...open.payload, phone: '13800138000' }).success).toBe(false);
  });
});
