/** Route selection of the local HTTP API, against the precedence AWS documents. */
import { describe, expect, it } from 'vitest';
import { RouteTable } from '../../local/http-api/routes';
import type { LocalRoute } from '../../local/topology';

const route = (routeKey: string): LocalRoute => ({
  logicalId: routeKey,
  routeKey,
  functionLogicalId: `fn:${routeKey}`,
  payloadFormatVersion: '2.0',
  authorizationType: 'NONE',
});

const keyOf = (table: RouteTable, method: string, path: string) => table.match(method, path)?.route.routeKey;

describe('RouteTable', () => {
  // The example from "Routing API requests" in the HTTP API developer guide.
  const aws = new RouteTable(['GET /pets/dog/1', 'GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default'].map(route));

  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}'],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
    ['POST', '/test/5', 'ANY /{proxy+}'],
    ['GET', '/', '$default'],
  ])('%s %s → %s', (method, path, expected) => {
    expect(keyOf(aws, method, path)).toBe(expected);
  });

  it('prefers exact over variable, variable over greedy, own method over ANY', () => {
    const table = new RouteTable(['ANY /v1/orders/{orderId}', 'GET /v1/orders/{orderId}', 'GET /v1/orders/summary', 'ANY /v1/orders/summary', 'GET /v1/{proxy+}'].map(route));
    expect(keyOf(table, 'GET', '/v1/orders/summary')).toBe('GET /v1/orders/summary');
    expect(keyOf(table, 'DELETE', '/v1/orders/summary')).toBe('ANY /v1/orders/summary');
    expect(keyOf(table, 'GET', '/v1/orders/o-1')).toBe('GET /v1/orders/{orderId}');
    expect(keyOf(table, 'PUT', '/v1/orders/o-1')).toBe('ANY /v1/orders/{orderId}');
    expect(keyOf(table, 'GET', '/v1/orders/o-1/trace')).toBe('GET /v1/{proxy+}');
    expect(keyOf(table, 'POST', '/v1/orders/o-1/trace')).toBeUndefined();
    // Route order in the template does not matter.
    const reversed = new RouteTable(['GET /v1/{proxy+}', 'GET /v1/orders/{orderId}', 'GET /v1/orders/summary'].map(route));
    expect(keyOf(reversed, 'GET', '/v1/orders/summary')).toBe('GET /v1/orders/summary');
  });

  it('extracts path parameters, greedy ones without the leading slash', () => {
    const table = new RouteTable(['GET /v1/orders/{orderId}/items/{itemId}', 'GET /files/{proxy+}', 'GET /health'].map(route));
    expect(table.match('GET', '/v1/orders/o 1/items/i-2')?.pathParameters).toEqual({ orderId: 'o 1', itemId: 'i-2' });
    expect(table.match('GET', '/files/a/b/c.txt')?.pathParameters).toEqual({ proxy: 'a/b/c.txt' });
    // No variables, no pathParameters field at all.
    expect(table.match('GET', '/health')).toEqual({ route: expect.objectContaining({ routeKey: 'GET /health' }) });
  });

  it('matches whole segments only: no empty variables, no parent for a greedy route, no trailing-slash leniency', () => {
    const table = new RouteTable(['GET /v1/orders/{orderId}', 'GET /files/{proxy+}', 'GET /health'].map(route));
    expect(keyOf(table, 'GET', '/v1/orders/')).toBeUndefined();
    expect(keyOf(table, 'GET', '/v1/orders')).toBeUndefined();
    expect(keyOf(table, 'GET', '/v1/orders/o-1/extra')).toBeUndefined();
    expect(keyOf(table, 'GET', '/files')).toBeUndefined();
    expect(keyOf(table, 'GET', '/health/')).toBeUndefined();
    expect(keyOf(table, 'GET', '/Health')).toBeUndefined();
  });

  it('refuses route keys it cannot read', () => {
    expect(() => new RouteTable([route('GET /a/{proxy+}/b')])).toThrow(/greedy/);
    expect(() => new RouteTable([route('get /a')])).toThrow(/route key/);
  });
});
