/**
 * Order assignment and the certificate, through the routes and the orders consumer: with
 * the CDK app's settings (REQUIRE_CERTIFICATE_FOR_ASSIGNMENT=true) a worker without a
 * certificate is refused, a green or yellow one assigned, a red one (suspended) refused;
 * ALLOW_YELLOW_ASSIGNMENT=false refuses yellow. The consumer reads the settings per command.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../shared/auth/roles';
import { newTenantId } from '../../shared/lib/ids';
import { employmentRepository } from '../../shared/store/employment-repository';
import { certifyWorker } from '../support/certificates';
import { startRouteHarness, type RouteHarness } from '../support/route-harness';

let h: RouteHarness;
const enterprise: Caller = { tenantId: newTenantId(), role: 'enterprise', keyId: 'key_e' };
const admin: Caller = { tenantId: newTenantId(), role: 'admin', keyId: 'key_admin' };
let counter = 0;

beforeAll(async () => {
  h = await startRouteHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  delete process.env.REQUIRE_CERTIFICATE_FOR_ASSIGNMENT;
  delete process.env.ALLOW_YELLOW_ASSIGNMENT;
});

async function employedWorker(): Promise<string> {
  const workerId = `wk-assign-${process.pid}-${++counter}`;
  await employmentRepository(h.store).link({ tenantId: enterprise.tenantId, workerId, status: 'current', since: '2026-01-01' });
  return workerId;
}

/** Creates an order, assigns the worker, returns the assign event's outcome. */
async function assign(workerId: string) {
  const created = await h.call(enterprise, 'POST /v1/orders', { body: (await import('../support/fixtures')).validOrder() });
  await h.settle();
  const res = await h.call(enterprise, 'POST /v1/orders/{orderId}/assign', { params: { orderId: created.body.orderId }, body: { workerId } });
  expect(res.status).toBe(202);
  await h.settle();
  return (await h.call(enterprise, 'GET /v1/events/{eventId}', { params: { eventId: res.body.eventId } })).body;
}

describe('assignment with REQUIRE_CERTIFICATE_FOR_ASSIGNMENT=true (the CDK app setting)', () => {
  it('refuses a worker without a certificate and assigns one with a green certificate', async () => {
    process.env.REQUIRE_CERTIFICATE_FOR_ASSIGNMENT = 'true';
    const workerId = await employedWorker();
    expect(await assign(workerId)).toMatchObject({ status: 'rejected', reason: `worker ${workerId} has no certificate yet` });
    await certifyWorker(h.store, workerId, enterprise.tenantId);
    expect(await assign(workerId)).toMatchObject({ status: 'applied' });
  });

  it('refuses a red (suspended) certificate', async () => {
    process.env.REQUIRE_CERTIFICATE_FOR_ASSIGNMENT = 'true';
    const workerId = await employedWorker();
    const { certNo } = await certifyWorker(h.store, workerId, enterprise.tenantId);
    const suspended = await h.call(admin, 'POST /v1/certificates/{certNo}/suspend', { params: { certNo }, body: { reasonCode: 'misconduct' } });
    expect(suspended.body.certificate.light).toBe('red');
    expect(await assign(workerId)).toMatchObject({ status: 'rejected', reason: `worker ${workerId} has no valid certificate (red)` });
  });

  it('allows yellow by default and refuses it with ALLOW_YELLOW_ASSIGNMENT=false', async () => {
    process.env.REQUIRE_CERTIFICATE_FOR_ASSIGNMENT = 'true';
    const workerId = await employedWorker();
    await certifyWorker(h.store, workerId, enterprise.tenantId, { insurance: undefined }); // yellow: no insurance yet
    expect(await assign(workerId)).toMatchObject({ status: 'applied' });
    process.env.ALLOW_YELLOW_ASSIGNMENT = 'false';
    expect(await assign(workerId)).toMatchObject({ status: 'rejected', reason: expect.stringContaining('yellow') });
  });
});

describe('assignment without the setting (code default, as the tests that predate certificates run)', () => {
  it('assigns a worker without a certificate, still refuses red', async () => {
    const workerId = await employedWorker();
    expect(await assign(workerId)).toMatchObject({ status: 'applied' });
    const { certNo } = await certifyWorker(h.store, workerId, enterprise.tenantId);
    await h.call(admin, 'POST /v1/certificates/{certNo}/revoke', { params: { certNo }, body: { reasonCode: 'identity_mismatch' } });
    expect(await assign(workerId)).toMatchObject({ status: 'rejected', reason: expect.stringContaining('red') });
  });
});
