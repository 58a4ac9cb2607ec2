/** The e2e suite's response check (test/support/openapi-conformance.ts) catches a drift, and lets conforming answers through. */
import { describe, expect, it } from 'vitest';
import { pathTemplateOf, responseViolation } from '../support/openapi-conformance';

const JSON_TYPE = 'application/json';

describe('responseViolation', () => {
  it('finds the operation by its most literal path template', () => {
    expect(pathTemplateOf('/v1/orders/ord_01J0000000000000000000000A/attendance')).toBe('/v1/orders/{orderId}/attendance');
    expect(pathTemplateOf('/v1/orders/ord_01J0000000000000000000000A')).toBe('/v1/orders/{orderId}');
    expect(pathTemplateOf('/nowhere')).toBeUndefined();
  });

  it('passes a response that matches its documented schema', () => {
    const body = JSON.stringify({ eventId: 'evt_X', status: 'accepted' });
    expect(responseViolation('POST', 'http://127.0.0.1:3000/v1/public/ratings', 202, JSON_TYPE, body)).toBeUndefined();
    const problem = JSON.stringify({ type: '/problems/invalid-token', title: 'Invalid', status: 401, detail: 'x', instance: '/v1/public/ratings' });
    expect(responseViolation('POST', '/v1/public/ratings', 401, 'application/problem+json', problem)).toBeUndefined();
    expect(responseViolation('GET', '/v1/orders', 401, JSON_TYPE, '{"message":"Unauthorized"}')).toBeUndefined();
  });

  it('reports a body that drifted, an undocumented status and an undocumented content type', () => {
    expect(responseViolation('POST', '/v1/public/ratings', 202, JSON_TYPE, JSON.stringify({ eventId: 'evt_X', status: 'applied' }))).toMatch(/does not match/);
    expect(responseViolation('GET', '/v1/orders/ord_X/attendance', 200, JSON_TYPE, JSON.stringify({ orderId: 'ord_X', days: [{ date: '2026-12-01' }] }))).toMatch(/does not match/);
    expect(responseViolation('POST', '/v1/public/ratings', 418, JSON_TYPE, '{}')).toMatch(/status not documented/);
    expect(responseViolation('POST', '/v1/public/ratings', 202, 'text/plain', 'ok')).toMatch(/content type text\/plain not documented/);
  });
});
