/** Payload 2.0 response inference and request normalisation helpers of the local HTTP API. */
import { describe, expect, it } from 'vitest';
import { identityGetter } from '../../local/http-api/authorizer';
import { clfTime } from '../../local/http-api/event';
import { isTextContentType, newRequestId } from '../../local/http-api/request';
import { gatewayResponse, integrationResponse, type HttpResponse } from '../../local/http-api/response';

const response = (result: unknown): HttpResponse => {
  const r = integrationResponse(result);
  if ('invalid' in r) throw new Error(r.invalid);
  return r;
};

describe('integrationResponse (payload 2.0)', () => {
  it('uses a structured response as given', () => {
    const r = response({
      statusCode: 201,
      headers: { 'X-Order-Id': 'o-1', 'Content-Type': 'application/problem+json', 'Content-Length': '999', 'X-Count': 3 },
      cookies: ['a=1; Path=/', 'b=2'],
      body: '{"ok":true}',
    });
    expect(r.statusCode).toBe(201);
    expect(r.headers).toEqual({ 'x-order-id': 'o-1', 'content-type': 'application/problem+json', 'x-count': '3', 'set-cookie': ['a=1; Path=/', 'b=2'] });
    expect(r.body.toString()).toBe('{"ok":true}');
  });

  it('defaults the content type of a structured response to text/plain and decodes base64 bodies', () => {
    const r = response({ statusCode: 200, body: Buffer.from([0, 1, 2, 255]).toString('base64'), isBase64Encoded: true });
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect([...r.body]).toEqual([0, 1, 2, 255]);
    expect(response({ statusCode: 204 }).body.length).toBe(0);
  });

  it('treats anything without statusCode as a 200 JSON body: the JSON text Lambda returned', () => {
    for (const [result, body] of [
      [{ message: 'hi' }, '{"message":"hi"}'],
      ['Hello from Lambda!', '"Hello from Lambda!"'],
      [[1, 2], '[1,2]'],
      [42, '42'],
      [null, 'null'],
    ] as const) {
      const r = response(result);
      expect(r.statusCode).toBe(200);
      expect(r.headers).toEqual({ 'content-type': 'application/json' });
      expect(r.body.toString()).toBe(body);
    }
  });

  it('rejects malformed structured responses (API Gateway answers 500)', () => {
    for (const bad of [
      { statusCode: '200' },
      { statusCode: 99 },
      { statusCode: 200.5 },
      { statusCode: 200, body: { not: 'a string' } },
      { statusCode: 200, headers: ['x'] },
      { statusCode: 200, headers: { x: { nested: true } } },
      { statusCode: 200, cookies: 'a=1' },
    ]) {
      expect(integrationResponse(bad), JSON.stringify(bad)).toHaveProperty('invalid');
    }
  });

  it("answers for the gateway with AWS's messages", () => {
    expect(JSON.parse(gatewayResponse(404).body.toString())).toEqual({ message: 'Not Found' });
    expect(JSON.parse(gatewayResponse(401).body.toString())).toEqual({ message: 'Unauthorized' });
    expect(JSON.parse(gatewayResponse(403).body.toString())).toEqual({ message: 'Forbidden' });
    expect(JSON.parse(gatewayResponse(500).body.toString())).toEqual({ message: 'Internal Server Error' });
    expect(gatewayResponse(503).headers['content-type']).toBe('application/json');
  });
});

describe('request helpers', () => {
  it('delivers text/*, JSON, XML and JavaScript as text, everything else base64', () => {
    for (const t of ['text/plain', 'text/csv; charset=utf-8', 'application/json', 'Application/JSON; charset=UTF-8', 'application/xml', 'application/javascript']) {
      expect(isTextContentType(t), t).toBe(true);
    }
    for (const t of [undefined, '', 'application/octet-stream', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'image/png']) {
      expect(isTextContentType(t), String(t)).toBe(false);
    }
  });

  it('formats times and request ids like API Gateway', () => {
    expect(clfTime(new Date(Date.UTC(2020, 2, 12, 19, 3, 58)))).toBe('12/Mar/2020:19:03:58 +0000');
    expect(newRequestId()).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });

  it('refuses identity sources it cannot evaluate', () => {
    expect(() => identityGetter('$request.header.Authorization')).not.toThrow();
    expect(() => identityGetter('$request.querystring.key')).not.toThrow();
    expect(() => identityGetter('$context.requestId')).not.toThrow();
    expect(() => identityGetter('$request.body.token')).toThrow(/not supported/);
  });
});
