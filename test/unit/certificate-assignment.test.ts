/** Assignment and the certificate (docs/domain.md "Assignment and the certificate"): red or missing refused, yellow by setting. */
import { describe, expect, it } from 'vitest';
import { assignmentPolicyFromEnv, certificateRefusal, DEFAULT_ASSIGNMENT_POLICY, type AssignmentLight } from '../../shared/domain/certificate/assignment';
import { decide, type Order, type OrderCommandInput } from '../../shared/domain/order/order';
import { validOrder } from '../support/fixtures';

const created: Order = { ...validOrder(), orderId: 'ord_X', tenantId: 'ten_A', status: 'CREATED', version: 1, createdAt: 'x', updatedAt: 'x' };
const assign = { orderId: 'ord_X', tenantId: 'ten_A', type: 'order.assign', payload: { workerId: 'w-1' }, at: '2026-12-01T00:00:00.000Z' } as OrderCommandInput;

describe('certificateRefusal', () => {
  const table: [AssignmentLight, { allowYellow: boolean; requireCertificate: boolean }, boolean][] = [
    ['green', { allowYellow: false, requireCertificate: true }, true],
    ['yellow', { allowYellow: true, requireCertificate: true }, true],
    ['yellow', { allowYellow: false, requireCertificate: true }, false],
    ['red', { allowYellow: true, requireCertificate: false }, false],
    ['none', { allowYellow: true, requireCertificate: true }, false],
    ['none', { allowYellow: true, requireCertificate: false }, true],
  ];
  it.each(table)('%s with %o → allowed: %s', (light, policy, allowed) => {
    expect(certificateRefusal('w-1', light, policy) === undefined).toBe(allowed);
  });

  it('reads the settings from the environment: "true"/"false", defaults otherwise', () => {
    expect(assignmentPolicyFromEnv({})).toEqual(DEFAULT_ASSIGNMENT_POLICY);
    expect(DEFAULT_ASSIGNMENT_POLICY).toEqual({ allowYellow: true, requireCertificate: false });
    expect(assignmentPolicyFromEnv({ ALLOW_YELLOW_ASSIGNMENT: 'false', REQUIRE_CERTIFICATE_FOR_ASSIGNMENT: 'true' })).toEqual({ allowYellow: false, requireCertificate: true });
    expect(assignmentPolicyFromEnv({ ALLOW_YELLOW_ASSIGNMENT: 'no' })).toEqual(DEFAULT_ASSIGNMENT_POLICY);
  });
});

describe('decide order.assign with a certificate light', () => {
  it('is unchanged when no light is given (as before certificates)', () => {
    expect(decide(created, assign, { workerEmployed: true })).toMatchObject({ ok: true, order: { workerId: 'w-1' } });
  });

  it('refuses red, and missing when a certificate is required', () => {
    expect(decide(created, assign, { workerEmployed: true, certificateLight: 'red' })).toEqual({ ok: false, reason: 'worker w-1 has no valid certificate (red)' });
    expect(decide(created, assign, { workerEmployed: true, certificateLight: 'none', assignmentPolicy: { allowYellow: true, requireCertificate: true } })).toEqual({
      ok: false,
      reason: 'worker w-1 has no certificate yet',
    });
  });

  it('employment is checked first', () => {
    expect(decide(created, assign, { workerEmployed: false, certificateLight: 'green' })).toMatchObject({ ok: false, reason: expect.stringContaining('not currently employed') });
  });
});
