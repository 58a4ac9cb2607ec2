/**
 * The local HTTP API front end over real HTTP, with real FunctionHosts behind it: route
 * precedence, the payload 2.0 event (checked against Powertools' parser schemas), the
 * Lambda authorizer's 401/403/500 and caching, response inference, and the gateway's own
 * errors (404, 413, 500, 503).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIGatewayProxyEventV2Schema, APIGatewayRequestAuthorizerEventV2Schema } from '@aws-lambda-powertools/parser/schemas/api-gatewayv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpApi, type RunningHttpApi } from '../../local/http-api';
import { FunctionHost } from '../../local/lambda';
import type { LocalFunction, LocalHttpApi, LocalRoute } from '../../local/topology';
import { localFunction } from '../support/local-function';

const REGION = 'ap-east-1';
const ACCOUNT = '000000000000';
const root = mkdtempSync(join(tmpdir(), 'anxin-local-http-api-'));

const CODE = {
  // Returns the event it received, so the test sees exactly what the function got.
  echo: `export const handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });`,
  // Does what the request body asks: return a value, throw, hang, or wait for a gate file.
  respond: `
import { existsSync } from 'node:fs';
export const handler = async (event) => {
  const ask = JSON.parse(event.body);
  if (ask.throw) throw new Error(ask.throw);
  if (ask.hang) await new Promise(() => {});
  if (ask.gate) { while (!existsSync(ask.gate)) await new Promise((r) => setTimeout(r, 5)); return 'opened'; }
  return ask.return;
};`,
  // Decides by the first identity-source value; echoes its own event back in the context.
  auth: `
export const handler = async (event) => {
  const token = event.identitySource[0];
  if (token === 'allow') return { isAuthorized: true, context: { tenantId: 't-1', role: 'partner', authorizerEvent: event } };
  if (token === 'bare') return { isAuthorized: true };
  if (token === 'deny') return { isAuthorized: false };
  if (token === 'throw') throw new Error('authorizer broke');
  if (token === 'hang') await new Promise(() => {});
  return { allowed: 'yes' };
};`,
};

function deploy(logicalId: string, code: string, overrides: Partial<LocalFunction> = {}): LocalFunction {
  const bundleDir = join(root, logicalId);
  mkdirSync(bundleDir, { recursive: true });
  writeFileSync(join(bundleDir, 'index.mjs'), code);
  return localFunction({ name: `anxin-test-${logicalId}`, logicalId, bundleDir, region: REGION, accountId: ACCOUNT }, overrides);
}

const route = (routeKey: string, functionLogicalId: string, authorizerLogicalId?: string): LocalRoute => ({
  logicalId: routeKey,
  routeKey,
  functionLogicalId,
  payloadFormatVersion: '2.0',
  authorizationType: authorizerLogicalId ? 'CUSTOM' : 'NONE',
  ...(authorizerLogicalId ? { authorizerLogicalId } : {}),
});

const authorizer = (logicalId: string, identitySource: string[], resultTtlSeconds: number) =>
  ({ logicalId, authorizerId: `${logicalId.toLowerCase()}1`, functionLogicalId: 'AuthFn', identitySource, resultTtlSeconds, enableSimpleResponses: true, payloadFormatVersion: '2.0' }) as const;

const apiDefault: LocalHttpApi = {
  logicalId: 'HttpApi',
  apiId: 'a1b2c3d4e5',
  stageName: '$default',
  routes: [
    route('GET /items/special', 'EchoFn'),
    route('GET /items/{id}', 'EchoFn'),
    route('GET /files/{proxy+}', 'EchoFn'),
    route('ANY /things', 'EchoFn'),
    route('POST /things', 'EchoFn'),
    route('POST /respond', 'RespondFn'),
    route('POST /gate', 'GateFn'),
    route('GET /secure/{id}', 'EchoFn', 'Auth'),
    route('GET /cached', 'EchoFn', 'CachedAuth'),
    route('$default', 'EchoFn'),
  ],
  authorizers: [authorizer('Auth', ['$request.header.Authorization'], 0), authorizer('CachedAuth', ['$request.header.Authorization', '$request.querystring.tenant'], 300)],
};

// A named stage and no $default route.
const apiStaged: LocalHttpApi = {
  logicalId: 'StagedApi',
  apiId: 'f6g7h8i9j0',
  stageName: 'dev',
  routes: [route('GET /items/{id}', 'EchoFn'), route('POST /respond', 'RespondFn')],
  authorizers: [],
};

const hosts = new Map<string, FunctionHost>();
const invocations: { fn: string; event: Record<string, unknown> }[] = [];
const logs: string[] = [];
let api: RunningHttpApi;
let staged: RunningHttpApi;
let locked: RunningHttpApi;
const permissionAsked: string[] = [];

beforeAll(async () => {
  const functions = [
    deploy('EchoFn', CODE.echo),
    deploy('RespondFn', CODE.respond, { timeoutSeconds: 0.5 }),
    deploy('GateFn', CODE.respond, { reservedConcurrency: 1 }),
    deploy('AuthFn', CODE.auth, { timeoutSeconds: 0.5 }),
  ];
  for (const f of functions) hosts.set(f.logicalId, new FunctionHost(f, { log: (line) => logs.push(line) }));
  const invoke = (fn: string, event: unknown) => {
    invocations.push({ fn, event: event as Record<string, unknown> });
    return hosts.get(fn)!.invoke(event, { throttle: true });
  };
  const common = { invoke, log: (line: string) => logs.push(line), region: REGION, accountId: ACCOUNT, port: 0 };
  api = await startHttpApi({ ...common, api: apiDefault });
  // As if the template gave API Gateway permission to invoke EchoFn on GET /things only, and the authorizer none.
  locked = await startHttpApi({
    ...common,
    api: apiDefault,
    mayInvoke: (fn, sourceArn) => (permissionAsked.push(sourceArn), fn === 'EchoFn' && /\/\$default\/GET\/things$/.test(sourceArn)),
  });
  staged = await startHttpApi({ ...common, api: apiStaged, integrationTimeoutMs: 300 });
});

afterAll(async () => {
  await Promise.all([api?.close(), staged?.close(), locked?.close(), ...[...hosts.values()].map((h) => h.close())]);
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  invocations.length = 0;
});

function parses(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: unknown } } }, value: unknown): void {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`schema rejected the event: ${JSON.stringify(result.error?.issues, null, 2)}`);
}

type ProxyEvent = {
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: Record<string, unknown> & { authorizer?: { lambda: Record<string, unknown> | null }; http: Record<string, string> };
};

/** Sends through the echo function and returns the event it received (checked against the schema). */
async function echo(path: string, init: RequestInit = {}, base = api.url): Promise<{ res: Response; event: ProxyEvent }> {
  const res = await fetch(base + path, init);
  expect(res.status).toBe(200);
  const event = (await res.json()) as ProxyEvent;
  parses(APIGatewayProxyEventV2Schema, event);
  return { res, event };
}

async function respond(body: unknown, base = api.url): Promise<Response> {
  return fetch(`${base}/respond`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('routing', () => {
  it('selects the most specific route and fills routeKey and decoded pathParameters', async () => {
    const cases: [string, string, string, Record<string, string> | undefined][] = [
      ['GET', '/items/special', 'GET /items/special', undefined],
      ['GET', '/items/42', 'GET /items/{id}', { id: '42' }],
      ['GET', '/items/caf%C3%A9%20au%20lait', 'GET /items/{id}', { id: 'café au lait' }],
      ['GET', '/files/2024/05/report.pdf', 'GET /files/{proxy+}', { proxy: '2024/05/report.pdf' }],
      ['DELETE', '/things', 'ANY /things', undefined],
      ['POST', '/things', 'POST /things', undefined],
      ['GET', '/nowhere/at/all', '$default', undefined],
    ];
    for (const [method, path, routeKey, pathParameters] of cases) {
      const { event } = await echo(path, { method });
      expect(event.routeKey, path).toBe(routeKey);
      expect(event.requestContext.routeKey).toBe(routeKey);
      expect(event.pathParameters, path).toEqual(pathParameters);
    }
    // HTTP APIs deliver the path decoded.
    expect((await echo('/items/caf%C3%A9%20au%20lait')).event.rawPath).toBe('/items/café au lait');
  });

  it('answers 404 {"message":"Not Found"} when nothing matches, and keeps the stage in rawPath', async () => {
    for (const path of ['/nowhere', '/items/1', '/devx/items/1']) {
      const res = await fetch(staged.url + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(res.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9+/]{15}=$/);
      expect(await res.json()).toEqual({ message: 'Not Found' });
    }
    const { event } = await echo('/dev/items/7', {}, staged.url);
    expect(event).toMatchObject({ routeKey: 'GET /items/{id}', rawPath: '/dev/items/7', pathParameters: { id: '7' } });
    expect(event.requestContext).toMatchObject({ stage: 'dev', apiId: 'f6g7h8i9j0', http: { path: '/dev/items/7' } });
  });
});

describe('payload format 2.0 event', () => {
  it('lower-cases and joins headers, splits cookies, decodes the query string', async () => {
    const port = new URL(api.url).port;
    const raw = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/things?tag=a&tag=b&q=caf%C3%A9+noir&flag&empty=',
          headers: { 'X-Multi': ['one', 'two'], Cookie: ['session=abc', 'theme=dark; lang=zh'], 'User-Agent': 'anxin-test/1.0', 'X-Forwarded-For': '203.0.113.9' },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk));
          res.on('end', () => resolve(body));
        },
      );
      req.on('error', reject);
      req.end();
    });
    const event = JSON.parse(raw) as ProxyEvent;
    parses(APIGatewayProxyEventV2Schema, event);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'ANY /things',
      rawPath: '/things',
      rawQueryString: 'tag=a&tag=b&q=caf%C3%A9+noir&flag&empty=',
      cookies: ['session=abc', 'theme=dark', 'lang=zh'],
      queryStringParameters: { tag: 'a,b', q: 'café noir', flag: '', empty: '' },
      isBase64Encoded: false,
    });
    expect(event.headers).toMatchObject({
      'x-multi': 'one,two',
      'user-agent': 'anxin-test/1.0',
      host: `127.0.0.1:${port}`,
      'x-forwarded-for': '203.0.113.9, 127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-amzn-trace-id': expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/),
    });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(Object.keys(event.headers).every((k) => k === k.toLowerCase())).toBe(true);
    for (const absent of ['body', 'pathParameters', 'stageVariables']) expect(event).not.toHaveProperty(absent);
  });

  it('fills requestContext like API Gateway', async () => {
    const before = Date.now();
    const { res, event } = await echo('/items/9', { headers: { 'user-agent': 'ua/2' } });
    const ctx = event.requestContext;
    expect(ctx).toMatchObject({
      accountId: ACCOUNT,
      apiId: 'a1b2c3d4e5',
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: { method: 'GET', path: '/items/9', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'ua/2' },
      routeKey: 'GET /items/{id}',
      stage: '$default',
      time: expect.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
    });
    expect(ctx.requestId).toBe(res.headers.get('apigw-requestid'));
    expect(ctx.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(ctx.timeEpoch).toBeLessThanOrEqual(Date.now());
    expect(ctx).not.toHaveProperty('authorizer'); // a route without an authorizer
  });

  it('passes text bodies as text and everything else base64-encoded', async () => {
    const json = (await echo('/things', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"a":"安心"}' })).event;
    expect(json).toMatchObject({ body: '{"a":"安心"}', isBase64Encoded: false });

    const bytes = Buffer.from([0, 159, 255, 10]);
    const binary = (await echo('/things', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes })).event;
    expect(binary).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });

    const form = (await echo('/things', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=2' })).event;
    expect(form).toMatchObject({ body: Buffer.from('a=1&b=2').toString('base64'), isBase64Encoded: true });
  });
});

describe('Lambda authorizer (simple responses)', () => {
  const authorizerCalls = () => invocations.filter((i) => i.fn === 'AuthFn');

  it('answers 401 without invoking the authorizer when an identity source is missing', async () => {
    for (const headers of [{}, { authorization: '' }] as Record<string, string>[]) {
      const res = await fetch(`${api.url}/secure/1`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ message: 'Unauthorized' });
    }
    expect(authorizerCalls()).toHaveLength(0);
  });

  it('sends the REQUEST event and passes the context on as requestContext.authorizer.lambda', async () => {
    const { event } = await echo('/secure/7?view=full', { headers: { authorization: 'allow', cookie: 'c=1' } });
    const lambda = event.requestContext.authorizer?.lambda as { tenantId: string; role: string; authorizerEvent: Record<string, unknown> };
    expect(lambda).toMatchObject({ tenantId: 't-1', role: 'partner' });

    const authEvent = lambda.authorizerEvent;
    parses(APIGatewayRequestAuthorizerEventV2Schema, authEvent);
    expect(authEvent).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:a1b2c3d4e5/$default/GET/secure/7`,
      identitySource: ['allow'],
      routeKey: 'GET /secure/{id}',
      rawPath: '/secure/7',
      rawQueryString: 'view=full',
      cookies: ['c=1'],
      queryStringParameters: { view: 'full' },
      pathParameters: { id: '7' },
      requestContext: { routeKey: 'GET /secure/{id}', stage: '$default', requestId: event.requestContext.requestId },
    });
    expect(authEvent).not.toHaveProperty('body');
    expect((await echo('/secure/8', { headers: { authorization: 'bare' } })).event.requestContext.authorizer).toEqual({ lambda: null });
  });

  it('answers 403 when the authorizer says no, 500 when it fails or answers nonsense', async () => {
    const cases: [string, number, string][] = [
      ['deny', 403, 'Forbidden'],
      ['throw', 500, 'Internal Server Error'],
      ['hang', 500, 'Internal Server Error'],
      ['malformed', 500, 'Internal Server Error'],
    ];
    for (const [token, status, message] of cases) {
      const res = await fetch(`${api.url}/secure/1`, { headers: { authorization: token } });
      expect(res.status, token).toBe(status);
      expect(await res.json()).toEqual({ message });
    }
    expect(invocations.filter((i) => i.fn === 'EchoFn')).toHaveLength(0);
  });

  it('caches answers per identity-source values for the TTL, and not at all with TTL 0', async () => {
    for (let i = 0; i < 3; i++) expect((await fetch(`${api.url}/secure/1`, { headers: { authorization: 'allow' } })).status).toBe(200);
    expect(authorizerCalls()).toHaveLength(3);

    invocations.length = 0;
    const cached = async (tenant: string, token = 'allow') => (await fetch(`${api.url}/cached?tenant=${tenant}`, { headers: { authorization: token } })).status;
    expect([await cached('t-1'), await cached('t-1'), await cached('t-2'), await cached('t-2')]).toEqual([200, 200, 200, 200]);
    expect([await cached('t-3', 'deny'), await cached('t-3', 'deny')]).toEqual([403, 403]);
    expect(authorizerCalls()).toHaveLength(3); // t-1, t-2 and the denial, once each
    expect(await cached('')).toBe(401); // an empty identity source counts as missing
  });
});

describe('integration responses', () => {
  it('uses a structured response: status, headers, cookies, base64 body; adds apigw-requestid', async () => {
    const res = await respond({ return: { statusCode: 201, headers: { 'X-Order-Id': 'o-1' }, cookies: ['a=1; Path=/', 'b=2'], body: 'created' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-order-id')).toBe('o-1');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(res.headers.get('apigw-requestid')).toMatch(/=$/);
    expect(await res.text()).toBe('created');

    const png = Buffer.from([137, 80, 78, 71, 0, 255]);
    const bin = await respond({ return: { statusCode: 200, headers: { 'content-type': 'image/png' }, body: png.toString('base64'), isBase64Encoded: true } });
    expect(Buffer.from(await bin.arrayBuffer())).toEqual(png);
  });

  it('infers 200 application/json from any result without statusCode', async () => {
    for (const [value, body] of [
      [{ message: 'hi' }, '{"message":"hi"}'],
      ['Hello from Lambda!', '"Hello from Lambda!"'],
      [[1, 2], '[1,2]'],
    ] as const) {
      const res = await respond({ return: value });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe(body);
    }
  });

  it('answers 500 for a function error, a Lambda timeout or a malformed response', async () => {
    for (const ask of [{ throw: 'boom' }, { hang: true }, { return: { statusCode: 'two hundred' } }, { return: { statusCode: 200, body: { no: 'string' } } }]) {
      const res = await respond(ask);
      expect(res.status, JSON.stringify(ask)).toBe(500);
      expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    }
  });

  it('answers 503 when the integration times out or Lambda throttles', async () => {
    const timedOut = await respond({ hang: true }, `${staged.url}/dev`);
    expect(timedOut.status).toBe(503);
    expect(await timedOut.json()).toEqual({ message: 'Service Unavailable' });

    const gate = join(root, 'throttle.gate');
    const gateHost = hosts.get('GateFn')!;
    const post = () => fetch(`${api.url}/gate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ gate }) });
    const first = post();
    await until(() => gateHost.stats().busy === 1);
    const throttled = await post();
    expect(throttled.status).toBe(503);
    writeFileSync(gate, '');
    expect(await (await first).text()).toBe('"opened"');
  });

  it('refuses bodies over 10 MB with 413 without invoking anything', async () => {
    const res = await fetch(`${api.url}/things`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(invocations).toHaveLength(0);
  });

  it('logs one line per request with method, path, status, duration, route and function', async () => {
    logs.length = 0;
    await fetch(`${api.url}/items/5?x=1`);
    await fetch(`${api.url}/secure/5`);
    const http = logs.filter((l) => l.startsWith('[http]'));
    expect(http).toEqual([
      expect.stringMatching(/^\[http\] GET \/items\/5\?x=1 200 [\d.]+ ms {2}GET \/items\/\{id\} → EchoFn$/),
      expect.stringMatching(/^\[http\] GET \/secure\/5 401 [\d.]+ ms {2}GET \/secure\/\{id\} → EchoFn \(identity source missing\)$/),
    ]);
  });
});

describe("the functions' resource policies (AWS::Lambda::Permission)", () => {
  it('answer 500 without invoking a route function or an authorizer API Gateway may not invoke; the source ARN names the route as written', async () => {
    expect((await fetch(`${locked.url}/things`)).status).toBe(200);
    const refused = await fetch(`${locked.url}/files/a/b`);
    expect(refused.status).toBe(500);
    expect(await refused.json()).toEqual({ message: 'Internal Server Error' });
    const secure = await fetch(`${locked.url}/secure/1`, { headers: { authorization: 'Bearer good' } });
    expect(secure.status).toBe(500);
    expect(invocations.map((i) => i.fn)).toEqual(['EchoFn']);
    expect(permissionAsked).toEqual([
      `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiDefault.apiId}/$default/GET/things`,
      `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiDefault.apiId}/$default/GET/files/{proxy+}`,
      `arn:aws:execute-api:${REGION}:${ACCOUNT}:${apiDefault.apiId}/authorizers/auth1`,
    ]);
  });
});

describe('configuration the local API cannot emulate', () => {
  it('fails at start-up instead of serving it wrongly', async () => {
    const base = { invoke: async () => ({ ok: true as const, result: null, requestId: '', durationMs: 0, coldStart: false }), region: REGION, accountId: ACCOUNT, port: 0 };
    const jwt: LocalHttpApi = { ...apiStaged, routes: [{ ...route('GET /a', 'EchoFn'), authorizationType: 'JWT' }] };
    const v1: LocalHttpApi = { ...apiStaged, routes: [{ ...route('GET /a', 'EchoFn'), payloadFormatVersion: '1.0' }] };
    const iamAuthorizer: LocalHttpApi = { ...apiStaged, authorizers: [{ ...authorizer('A', ['$request.header.Authorization'], 0), enableSimpleResponses: false }] };
    await expect(startHttpApi({ ...base, api: jwt })).rejects.toThrow(/JWT/);
    await expect(startHttpApi({ ...base, api: v1 })).rejects.toThrow(/payload format 2\.0/);
    await expect(startHttpApi({ ...base, api: iamAuthorizer })).rejects.toThrow(/simple responses/);
  });
});
