/**
 * The programme's figures against DynamoDB Local, through the writes that move them
 * (docs/programme.md): enterprises onboarded (in the month they joined), people registered
 * (once, however often and by however many enterprises), a completed course, a
 * certificate into force, out of it and back, order events counted once however often
 * they are delivered — each read back over GET /v1/admin/programme, which only an admin
 * may call. This file's table is its own, so every count is exactly what it did.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant } from '../../shared/admin/onboarding';
import type { Caller } from '../../shared/auth/roles';
import { orderCloudEvent } from '../../shared/events/order-cloudevent';
import { readOrderCloudEvent } from '../../shared/events/read-order-cloudevent';
import { shanghaiMonth } from '../../shared/lib/shanghai-day';
import { EXAMPLE_ORDER } from '../../shared/schemas/examples';
import { evaluateCertificate } from '../../shared/services/certificates';
import { countOrderEvent } from '../../shared/services/credit-facts-events';
import { keys } from '../../shared/store/keys';
import { certifyWorker, validFacts } from '../support/certificates';
import { startWorkerHarness, type WorkerHarness } from '../support/worker-harness';
import { person } from '../support/workers';

let h: WorkerHarness;
let ADMIN: Caller;
let A: Caller;
let B: Caller;
let BASE: Caller;
const now = new Date();
const thisYear = shanghaiMonth(now).slice(0, 4);
const thisMonth = shanghaiMonth(now);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
async function figures(year: string): Promise<any> {
  const res = await h.call(ADMIN, 'GET /v1/admin/programme', { query: { year } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const month = (body: any, m: string) => body.months.find((x: { month: string }) => x.month === m);

beforeAll(async () => {
  h = await startWorkerHarness();
  const tenant = async (name: string, role: Caller['role'], joinedOn?: string): Promise<Caller> => ({
    tenantId: (await createTenant(h.store, { name, role, ...(joinedOn ? { joinedOn } : {}) })).tenantId,
    role,
    keyId: `key_${role}`,
  });
  ADMIN = await tenant('Programme office', 'admin');
  A = await tenant('甲家政服务有限公司', 'enterprise', '2024-06-01');
  B = await tenant('乙家政服务有限公司', 'enterprise');
  BASE = await tenant('广州市家政培训基地', 'training-base');
});
afterAll(async () => {
  await h?.close();
});

describe('GET /v1/admin/programme', () => {
  it('is for admins only, and wants a year', async () => {
    expect((await h.call(A, 'GET /v1/admin/programme', { query: { year: thisYear } })).status).toBe(403);
    expect((await h.call(ADMIN, 'GET /v1/admin/programme', { query: {} })).status).toBe(400);
    expect((await h.call(ADMIN, 'GET /v1/admin/programme', { query: { year: '26' } })).status).toBe(400);
  });

  it('counts enterprises in the month they joined, not other tenants; the standing total carries into later years', async () => {
    const y2024 = await figures('2024');
    expect(y2024.months).toHaveLength(12);
    expect(month(y2024, '2024-06')).toMatchObject({ enterprisesJoined: 1, enterprises: 1 });
    expect(y2024.totals).toMatchObject({ enterprisesJoined: 1, enterprises: 1 });
    const current = await figures(thisYear);
    expect(current.months.at(-1).month).toBe(thisMonth);
    expect(month(current, thisMonth)).toMatchObject({ enterprisesJoined: 1, enterprises: 2 });
    expect((await figures(String(Number(thisYear) + 1))).months).toEqual([]);
  });

  it('counts a person once: a replayed request, the same person again, a second enterprise', async () => {
    const before = month(await figures(thisYear), thisMonth).workersRegistered;
    const p = person();
    const body = { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'] };
    const first = await h.call(A, 'POST /v1/workers', { body, idempotencyKey: 'programme-reg-1' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect((await h.call(A, 'POST /v1/workers', { body, idempotencyKey: 'programme-reg-1' })).status).toBe(201);
    await h.call(A, 'POST /v1/workers', { body, idempotencyKey: 'programme-reg-2' });
    const other = person();
    expect((await h.call(B, 'POST /v1/workers', { body: { idNumber: other.idNumber, name: other.name, serviceCategories: ['nanny'] } })).status).toBe(201);
    const after = month(await figures(thisYear), thisMonth);
    expect(after.workersRegistered - before).toBe(2);
  });

  it('counts a completed course in the month of its completion, once', async () => {
    const p = person();
    const workerId = (await h.call(B, 'POST /v1/workers', { body: { idNumber: p.idNumber, name: p.name, serviceCategories: ['nanny'] } })).body.workerId as string;
    await h.call(BASE, 'POST /v1/training/enrolments', { body: { workerId, courseCode: 'YS-2025-09', category: 'nanny', enrolledOn: '2025-08-01' } });
    await h.call(BASE, 'POST /v1/training/completions', { body: { workerId, courseCode: 'YS-2025-09', category: 'nanny', completedOn: '2025-09-20', hours: 80 } });
    // Completed twice: the second is rejected and counts nothing.
    await h.call(BASE, 'POST /v1/training/completions', { body: { workerId, courseCode: 'YS-2025-09', category: 'nanny', completedOn: '2025-09-21' } });
    await h.settleTraining();
    const y2025 = await figures('2025');
    expect(month(y2025, '2025-09').trainingPersonTimes).toBe(1);
    expect(y2025.totals.trainingPersonTimes).toBe(1);
  });

  it('counts a certificate into force, out of it when it expires, and back when renewed', async () => {
    const workerId = `wkr_${ulid()}`;
    const issuedAt = new Date('2025-03-01T04:00:00Z');
    const { certNo } = await certifyWorker(h.store, workerId, A.tenantId, {}, issuedAt);
    expect(month(await figures('2025'), '2025-03')).toMatchObject({ certificatesGranted: 1, certifiedWorkers: 1 });
    // A year and more later the certificate has expired; the next evaluation says so.
    const lapsed = await evaluateCertificate(h.store, workerId, async () => validFacts({ workerId, healthCheck: { examDate: '2025-01-10', passed: true, validUntil: '2025-06-01' } }), new Date('2026-04-02T04:00:00Z'));
    expect(lapsed).toMatchObject({ outcome: 'updated', certNo, status: 'EXPIRED' });
    const y2026 = await figures('2026');
    expect(month(y2026, '2026-03')).toMatchObject({ certifiedWorkers: 1 });
    expect(month(y2026, '2026-04')).toMatchObject({ certificatesLapsed: 1, certifiedWorkers: 0 });
    const renewed = await evaluateCertificate(h.store, workerId, async () => validFacts({ workerId, healthCheck: { examDate: '2026-04-20', passed: true, validUntil: '2027-04-20' }, insurance: { activeUntil: '2027-01-31' } }), new Date('2026-05-02T04:00:00Z'));
    expect(renewed).toMatchObject({ outcome: 'updated', status: expect.not.stringMatching(/EXPIRED|REVOKED/) });
    expect(month(await figures('2026'), '2026-05')).toMatchObject({ certificatesGranted: 1, certifiedWorkers: 1 });
  });

  it('counts an order created and checked out once each, however often the events are delivered', async () => {
    const orderId = `ord_${ulid()}`;
    const at = '2026-02-10T02:00:00Z';
    const event = (commandType: 'order.create' | 'order.check-out', payload: unknown) =>
      readOrderCloudEvent(JSON.stringify(orderCloudEvent({ stage: 'dev', commandType, eventId: `evt_${ulid()}`, orderId, tenantId: A.tenantId, status: 'CREATED', entry: { seq: 1, hash: 'a'.repeat(64), at }, payload }))).event;
    const created = event('order.create', { ...EXAMPLE_ORDER, stationId: undefined });
    await Promise.all([countOrderEvent(h.store, created, 'order.create'), countOrderEvent(h.store, created, 'order.create', { pause: async () => undefined })]);
    await countOrderEvent(h.store, created, 'order.create');
    expect(month(await figures('2026'), '2026-02')).toMatchObject({ ordersCreated: 1, servicesDelivered: 0 });
    // A check-out reads its order (its worker, for the credit facts counted in the same transaction).
    const { stationId: _none, ...order } = EXAMPLE_ORDER;
    await h.store.doc.send(new PutCommand({ TableName: h.store.tableName, Item: { ...keys.order(A.tenantId, orderId), ...order, orderId, tenantId: A.tenantId, workerId: `wkr_${ulid()}` } }));
    const checkedOut = event('order.check-out', { at });
    expect(await countOrderEvent(h.store, checkedOut, 'order.check-out')).toBe('counted');
    expect(await countOrderEvent(h.store, checkedOut, 'order.check-out')).toBe('duplicate');
    expect(month(await figures('2026'), '2026-02')).toMatchObject({ ordersCreated: 1, servicesDelivered: 1 });
  });
});
