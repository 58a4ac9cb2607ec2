/**
 * The contract fuzz: every operation of docs/openapi.json, called in process through the
 * handler the CDK app deploys for its route (route-caller.ts) against DynamoDB Local, with
 * requests generated from the operation's own schemas by fast-check — valid, valid with one
 * thing broken, and hostile (contract-fuzz.ts). Every answer must be below 500, every 4xx a
 * problem document, and every answer valid against the schema the document gives for its
 * status and media type. The gateway's part — the Lambda authorizer under hostile
 * Authorization headers, and the `$default` route for paths no route matches — is fuzzed
 * the same way, and its answers held to the same document.
 *
 * Seeded and bounded: ANXIN_FUZZ_SEED replays a run, ANXIN_FUZZ_RUNS sets the requests per
 * operation (a failure prints the seed, the path and the request). Before any request, the
 * document is held against the route table: a route deployed without its responses
 * documented fails here (documentationGaps).
 */
import fc from 'fast-check';
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../shared/auth/roles';
import { createKey } from '../../shared/admin/onboarding';
import type { HttpEvent, HttpResult } from '../../shared/lib/http';
import { apiEvent, lambdaContext } from '../support/api-event';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { DEEPEST_BODIES, HOSTILE_STRINGS, hostileString } from '../support/contract-arbitraries';
import { contractDocument, contractOperations, deployedRoutes, documentationGaps, type ContractOperation } from '../support/contract-document';
import { contractViolation, describeRequest, fuzzRequest, plausibleRequest, resolveCursor, type FuzzWorld } from '../support/contract-fuzz';
import { operationResponseViolation } from '../support/openapi-conformance';
import { validOrder } from '../support/fixtures';
import { createTenantObjects, type TenantObjects } from '../support/tenant-objects';

const SEED = Number(process.env.ANXIN_FUZZ_SEED ?? 20_261_206);
const RUNS = Number(process.env.ANXIN_FUZZ_RUNS ?? 16);

const operations = contractOperations();
const routes = await deployedRoutes();

/** One seed per operation, from the run's seed and the route key: an operation's cases do not depend on the others. */
function seedOf(key: string): number {
  let hash = SEED | 0;
  for (const ch of key) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  return hash;
}

let h: AppHarness;
let a: TenantObjects;
let everyone: Caller[];
const allowed = new Map<string, Caller[]>();
const cursors: string[] = [];
const probeViolations: string[] = [];

/** What the handlers logged as errors during the last request: a 5xx's cause, shown with the failure. */
const errorsLogged: string[] = [];

/** Sends a request and keeps any cursor the API issues, to be replayed on other queries. */
async function send(op: ContractOperation, caller: Caller | undefined, options: Parameters<AppHarness['call']>[2]) {
  errorsLogged.length = 0;
  const reply = await h.call(caller, op.key, options);
  if (reply.status >= 500) reply.rawBody += `\n  logged: ${errorsLogged.join('\n  ')}`;
  const next = (reply.body as { nextCursor?: unknown } | undefined)?.nextCursor;
  if (reply.status === 200 && typeof next === 'string' && !cursors.includes(next)) cursors.push(next);
  return reply;
}

beforeAll(async () => {
  h = await startAppHarness();
  const { logger } = await import('../../shared/lib/logger');
  vi.spyOn(logger, 'error').mockImplementation((message: unknown, ...extra: unknown[]) => {
    const error = (extra[0] as { error?: Error } | undefined)?.error;
    errorsLogged.push(`${String(message)} ${error ? (error.stack ?? String(error)).split('\n').slice(0, 6).join(' | ') : JSON.stringify(extra)}`);
  });
  a = await createTenantObjects(h);
  everyone = [...Object.values(a.owners), a.admin];
  // More than one order, so list pages end with a cursor the fuzz can replay elsewhere.
  for (let i = 0; i < 2; i++) expect((await h.call(a.owners.enterprise, 'POST /v1/orders', { body: validOrder() })).status).toBe(202);
  await h.settle();
  // Which callers each operation lets in: a plausible request as each; a 403 means the role may not (every answer is checked all the same).
  for (const op of operations) {
    const fits: Caller[] = [];
    for (const caller of op.public ? [] : everyone) {
      const options = plausibleRequest(op, { ids: a.ids, tenantId: a.owners.enterprise.tenantId });
      const reply = await send(op, caller, options);
      const violation = contractViolation(op, reply);
      if (violation) probeViolations.push(`${violation}\n  request: ${describeRequest(op, { caller, options }, options)}`);
      if (reply.status !== 403) fits.push(caller);
    }
    allowed.set(op.key, fits);
  }
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('docs/openapi.json and the routes the app deploys', () => {
  it('every deployed route is an operation documenting the statuses its kind always answers, and every operation is deployed', () => {
    expect(documentationGaps(operations, routes)).toEqual([]);
  });

  it('a route added without its responses documented is found (the check can fail)', () => {
    const [first] = operations.filter((op) => op.body && !op.public);
    const stripped = { ...first!, responses: { '200': first!.responses['200'] ?? first!.responses['202'] ?? first!.responses['201']! } };
    const gaps = documentationGaps([...operations.filter((op) => op !== first), stripped], [...routes, { key: 'POST /v1/made-up', public: false }]);
    expect(gaps).toContain('POST /v1/made-up: deployed, not in docs/openapi.json');
    expect(gaps).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${first!.key.replace(/[{}]/g, '\\$&')}: 413 application/problem\\+json not documented`))]));
  });
});

describe(`every operation, fuzzed from its schemas (seed ${SEED}, ${RUNS} requests each)`, () => {
  it('runs over every operation of the document', () => {
    expect(operations.length).toBe(routes.length);
  });

  it('a plausible request as each role answers as documented (the probe that finds who may call what)', () => {
    expect(probeViolations).toEqual([]);
    // Every keyed operation lets someone in: a fuzz that only ever met 403 would test nothing behind it.
    expect(operations.filter((op) => !op.public && allowed.get(op.key)!.length === 0).map((op) => op.key)).toEqual([]);
  });

  for (const op of operations) {
    it(`${op.key}: never a 5xx, every 4xx a problem document, every answer as documented`, async () => {
      const world: FuzzWorld = { ids: a.ids, allowed: allowed.get(op.key) ?? [], everyone, cursors, tenantId: a.owners.enterprise.tenantId };
      await fc.assert(
        fc.asyncProperty(fuzzRequest(op, world), async (request) => {
          const options = resolveCursor(request, world);
          const reply = await send(op, request.caller, options);
          const violation = contractViolation(op, reply);
          if (violation) throw new Error(`${violation}\n  request: ${describeRequest(op, request, options)}`);
        }),
        { seed: seedOf(op.key), numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});

describe('the deepest JSON a body may hold', () => {
  /** One operation per function (they share the body parsing; a function may not). */
  const oneOpPerFunction = () => {
    const entries = new Map(routes.map((r) => [r.key, r.entry]));
    const seen = new Set<string>();
    return operations.filter((op) => op.body && !seen.has(entries.get(op.key)!) && Boolean(seen.add(entries.get(op.key)!)));
  };
  const sendDeep = async (op: ContractOperation, body: string) => {
    const caller = op.public ? undefined : (allowed.get(op.key)?.[0] ?? a.owners.enterprise);
    return contractViolation(op, await send(op, caller, { ...plausibleRequest(op, { ids: a.ids, tenantId: a.owners.enterprise.tenantId }), body }));
  };

  it('objects nested as deep as 16 KiB allows (2 730 levels) are a problem document from every function that takes a body', async () => {
    const violations: string[] = [];
    for (const op of oneOpPerFunction()) {
      const violation = await sendDeep(op, DEEPEST_BODIES[1]!);
      if (violation) violations.push(violation.split('\n')[0]!.slice(0, 200));
    }
    expect(violations).toEqual([]);
  });

  // Arrays nested 8 192 deep (16 KiB) once overflowed the stack of the request text check
  // (shared/lib/text-input.ts) and answered 500 from every function that takes a body.
  it('arrays nested as deep as 16 KiB allows (8 192 levels) are a problem document, never a 5xx', async () => {
    expect(await sendDeep(operations.find((op) => op.key === 'POST /v1/orders')!, DEEPEST_BODIES[0]!)).toBeUndefined();
  });
});

describe('the gateway', () => {
  type Authorizer = (event: APIGatewayRequestAuthorizerEventV2) => Promise<{ isAuthorized: boolean }>;
  const keyed = operations.filter((op) => !op.public);

  /** What API Gateway answers for an Authorization header, the authorizer deciding as it does in Lambda. */
  async function gatewayAnswer(authorize: Authorizer, authorization: string | undefined): Promise<{ status: number; body: string } | 'through'> {
    // The identity source ($request.header.Authorization) missing or empty: 401 without calling the authorizer.
    if (!authorization) return { status: 401, body: '{"message":"Unauthorized"}' };
    const decision = await authorize({ type: 'REQUEST', headers: { authorization }, identitySource: [authorization] } as unknown as APIGatewayRequestAuthorizerEventV2);
    return decision.isAuthorized ? 'through' : { status: 403, body: '{"message":"Forbidden"}' };
  }

  it('the authorizer never fails on a hostile Authorization header; only the real key goes through, and the 401/403 it leads to are as every operation documents them', async () => {
    const authorize = (await import('../../functions/authorizer/index')).handler as unknown as Authorizer;
    const { apiKey } = await createKey(h.store, a.owners.enterprise.tenantId, 'fuzz');
    const [keyId, secret] = apiKey.split('.') as [string, string];
    const header = fc.oneof(
      fc.constantFrom(undefined, '', 'Bearer', 'Bearer ', `Bearer ${apiKey}`, apiKey, `bearer ${apiKey}`, `Bearer ${apiKey} `, `Bearer ${keyId}.${secret.slice(0, -1)}x`, `Bearer ${keyId}.`, `Bearer ${keyId}`, `Basic ${Buffer.from('a:b').toString('base64')}`, `Bearer ${apiKey}\u0000`),
      hostileString,
      hostileString.map((s) => `Bearer ${s}`),
      hostileString.map((s) => `Bearer ${keyId}.${s}`),
      fc.constantFrom(...HOSTILE_STRINGS).map((s) => `Bearer ak_${s}.${secret}`),
    );
    await fc.assert(
      fc.asyncProperty(header, async (authorization) => {
        const answer = await gatewayAnswer(authorize, authorization);
        if (answer === 'through') {
          // HTTP trims a header value's surrounding whitespace (RFC 9110 §5.5): the key, sent either way, is the only thing let through.
          expect([`Bearer ${apiKey}`, apiKey]).toContain(authorization?.trim());
          return;
        }
        for (const op of keyed) {
          const violation = operationResponseViolation(contractDocument(), op.method, op.path, answer.status, 'application/json', answer.body);
          if (violation) throw new Error(`${violation} (Authorization ${JSON.stringify(authorization)})`);
        }
      }),
      { seed: SEED, numRuns: 150, endOnFailure: true },
    );
  });

  it('a request no route matches (unknown paths and methods, a path parameter holding a slash) is a problem+json 404', async () => {
    const noRoute = (await import('../../functions/http/no-route')).handler as (event: HttpEvent, context: typeof lambdaContext) => Promise<HttpResult>;
    const path = fc.oneof(
      fc.constantFrom('/', '/v1', '/v1/', '/v1/orders/', '/v1/orders/a/b', '/v1/orders/ord_X%2Ftrace/trace', '/v2/orders', '/V1/ORDERS', '/v1/workers/\ud800', '/v1/admin/../orders'),
      fc.array(hostileString, { minLength: 1, maxLength: 4 }).map((segments) => `/v1/${segments.join('/')}`),
    );
    await fc.assert(
      fc.asyncProperty(path, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE'), async (rawPath, method) => {
        const result = await noRoute(apiEvent({ method, routeKey: '$default', path: rawPath }), lambdaContext);
        expect(result.statusCode).toBe(404);
        expect(result.headers?.['content-type']).toBe('application/problem+json');
        expect(JSON.parse(result.body!)).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 404 });
      }),
      { seed: SEED, numRuns: 60, endOnFailure: true },
    );
  });
});
