/** The e2e suite's response check (test/support/openapi-conformance.ts) catches a drift, and lets conforming answers through. */
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../shared/schemas/openapi';
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

describe('the document', () => {
  type Operation = { requestBody?: unknown; parameters?: { in: string }[]; security?: unknown[]; responses: Record<string, { content?: Record<string, unknown> }> };
  const operations = Object.entries(buildOpenApiDocument().paths as unknown as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );
  const mediaOf = (operation: Operation, status: string) => Object.keys(operation.responses[status]?.content ?? {}).sort();

  it('lists, for every operation, the statuses its shape can answer, with their media types', () => {
    expect(operations.length).toBeGreaterThan(100);
    for (const { name, operation } of operations) {
      expect(Object.keys(operation.responses).some((s) => s.startsWith('2')), name).toBe(true);
      // Any operation can meet a throttled or contended DynamoDB (HTTP edge: 503 unavailable).
      expect(mediaOf(operation, '503'), `${name} 503`).toContain('application/problem+json');
      if (operation.requestBody) {
        for (const status of ['400', '413', '415', '422']) expect(mediaOf(operation, status), `${name} ${status}`).toContain('application/problem+json');
      }
      if (operation.parameters?.some((p) => p.in === 'query')) expect(mediaOf(operation, '400'), `${name} 400`).toContain('application/problem+json');
      if (!(Array.isArray(operation.security) && operation.security.length === 0)) {
        // API Gateway's own answers, not problem documents; a 403 may also be the handler's problem.
        expect(mediaOf(operation, '401'), `${name} 401`).toEqual(['application/json']);
        expect(mediaOf(operation, '403'), `${name} 403`).toEqual(['application/json', 'application/problem+json']);
      }
    }
  });

  it("checks API Gateway's own 401 and 403 against their documented schema like any other answer", () => {
    expect(responseViolation('GET', '/v1/orders', 403, JSON_TYPE, '{"message":"Forbidden"}')).toBeUndefined();
    expect(responseViolation('GET', '/v1/orders', 401, 'application/problem+json', '{"type":"/problems/unauthenticated"}')).toMatch(/content type application\/problem\+json not documented/);
    expect(responseViolation('GET', '/v1/orders', 401, JSON_TYPE, '{"error":"Unauthorized"}')).toMatch(/does not match/);
  });
});
