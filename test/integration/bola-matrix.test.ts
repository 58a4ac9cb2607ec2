/**
 * Broken object level authorization, route by route: every route of the route table that
 * takes an id in its path is called by another tenant of each role (enterprise, training
 * base, insurer) with the id of an object tenant A owns. The answer must be 404 (the same as
 * a missing object) or 403 (the role may not use the route at all), a problem document as
 * docs/openapi.json gives it, never a 5xx and never any of tenant A's ids or data. The same
 * tenants also call every list and `?tenantId=` route: nothing of tenant A's may come back.
 *
 * The matrix is built from ROUTES and PROGRAMME_ROUTES, so a new id-taking route is in it
 * the day it is added. Tenant A's objects are made once for the file (tenant-objects.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { validValue } from '../support/contract-arbitraries';
import { contractDocument, contractOperations, deployedRoutes, type ContractOperation, type JsonSchema } from '../support/contract-document';
import { operationResponseViolation } from '../support/openapi-conformance';
import { createTenantObjects, TENANT_ROLES, tenantOf, type TenantObjects, type TenantRole } from '../support/tenant-objects';
import type { Caller } from '../../shared/auth/roles';
import type { Reply } from '../support/route-caller';

const routes = await deployedRoutes();
const operations = new Map(contractOperations().map((op) => [op.key, op]));
const keyed = routes.filter((r) => !r.public);
/** Routes naming an object in their path; the public certificate check (a QR code anyone may scan) is public by design. */
const idRoutes = keyed.filter((r) => r.key.includes('{'));
const listRoutes = keyed.filter((r) => r.key.startsWith('GET ') && !r.key.includes('{'));
const tenantIdRoutes = keyed.filter((r) => operations.get(r.key)?.parameters.some((p) => p.in === 'query' && p.name === 'tenantId'));

let h: AppHarness;
let a: TenantObjects;
const others = {} as Record<TenantRole, Caller>;

beforeAll(async () => {
  h = await startAppHarness();
  a = await createTenantObjects(h);
  for (const role of TENANT_ROLES) others[role] = await tenantOf(h, role, '乙');
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
/**
 * Requests whose schema-valid sample a handler refuses on the request alone (a rule across
 * fields, a plausible range), before it looks the object up: a valid one, so the call reaches
 * the object and the matrix tests its owner check, not the request's validation.
 */
const VALID_REQUESTS: Record<string, { body?: unknown; query?: Record<string, string> }> = {
  'POST /v1/workers/{workerId}/checks/health': { body: { examDate: inDays(-10), passed: true, validUntil: inDays(300) } },
  'POST /v1/claims/{claimId}/decision': { body: { outcome: 'rejected', amountApprovedFen: 0, reason: '不在保障范围' } },
  'PUT /v1/wage-reports/{reportId}': { body: { version: 1, post: 'nanny', experienceBand: '1-to-3', payType: 'monthly', amountFen: 700_000 } },
  'GET /v1/stations/{stationId}/figures': { query: { from: today.slice(0, 7), to: today.slice(0, 7) } },
};

/** A body the route's schema accepts (the same one every run), naming tenant A's objects where it names any. */
function plausibleBody(schema: JsonSchema | undefined): unknown {
  if (!schema) return undefined;
  const [value] = fc.sample(validValue(schema), { numRuns: 1, seed: 7 });
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(value)) if (a.ids[key]) (value as Record<string, unknown>)[key] = a.ids[key];
    if ('tenantId' in value) (value as Record<string, unknown>).tenantId = a.owners.enterprise.tenantId;
  }
  return value;
}

async function callAs(caller: Caller, op: ContractOperation, query?: Record<string, string>): Promise<Reply> {
  const params = Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, a.ids[p.name] ?? `missing-fixture-${p.name}`]));
  const needsKey = op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
  const valid = VALID_REQUESTS[op.key];
  return h.call(caller, op.key, {
    params,
    ...(query || valid?.query ? { query: { ...valid?.query, ...query } } : {}),
    ...(op.body ? { body: valid?.body ?? plausibleBody(op.body.schema) } : {}),
    ...(needsKey ? { headers: { 'idempotency-key': `bola-${op.key.length}-${Math.random().toString(36).slice(2, 12)}` } } : {}),
  });
}

/** What tenant A owns, found in an answer (the problem's `instance` repeats the path the caller sent, so it is left out). */
function leaked(reply: Reply): string[] {
  const body = typeof reply.body === 'object' && reply.body ? { ...reply.body, instance: undefined } : reply.body;
  const text = JSON.stringify(body ?? '') + JSON.stringify({ ...reply.headers });
  return a.secrets.filter((s) => text.includes(s));
}

function conformance(op: ContractOperation, reply: Reply): string | undefined {
  return operationResponseViolation(contractDocument(), op.method, op.path, reply.status, reply.headers['content-type'] ?? null, reply.rawBody ?? '');
}

describe('every id-taking route, called by another tenant of each role with tenant A’s ids', () => {
  it('covers every id-taking route of the route table, each with a fixture id for each of its parameters', () => {
    expect(idRoutes.length).toBeGreaterThan(50);
    const missing = idRoutes.flatMap((r) => [...r.key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((name) => !(name in a.ids)).map((name) => `${r.key}: ${name}`));
    expect(missing).toEqual([]);
  });

  // The ids are real: tenant A (or the admin) reads each object, so a 404 to another tenant is its isolation, not a bad id.
  for (const route of idRoutes.filter((r) => r.key.startsWith('GET '))) {
    it(`${route.key}: tenant A's own object answers 200 to its owner`, async () => {
      const op = operations.get(route.key)!;
      const statuses = [];
      for (const caller of [...Object.values(a.owners), a.admin]) {
        const asAdmin = caller.role === 'admin' && op.parameters.some((p) => p.in === 'query' && p.name === 'tenantId');
        const reply = await callAs(caller, op, asAdmin ? { tenantId: a.owners.enterprise.tenantId } : undefined);
        statuses.push(reply.status);
        if (reply.status === 200) return;
      }
      expect.fail(`no owner read it: ${statuses.join(', ')}`);
    });
  }

  for (const route of idRoutes) {
    for (const role of TENANT_ROLES) {
      it(`${route.key} as another ${role} → 404 or 403, nothing of tenant A’s`, async () => {
        const op = operations.get(route.key);
        expect(op, `${route.key} is not in docs/openapi.json`).toBeDefined();
        const reply = await callAs(others[role], op!);
        expect([403, 404], `${reply.status} ${reply.rawBody}`).toContain(reply.status);
        expect(reply.headers['content-type']).toBe('application/problem+json');
        expect(reply.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: reply.status });
        expect(leaked(reply)).toEqual([]);
        expect(conformance(op!, reply)).toBeUndefined();
      });
    }
  }
});

describe('lists and ?tenantId= reads, called by another tenant of each role', () => {
  for (const route of [...new Set([...listRoutes, ...tenantIdRoutes])]) {
    for (const role of TENANT_ROLES) {
      it(`${route.key} as another ${role}${tenantIdRoutes.includes(route) ? ' with ?tenantId= of tenant A' : ''} shows nothing of tenant A’s`, async () => {
        const op = operations.get(route.key)!;
        const query = tenantIdRoutes.includes(route) ? { tenantId: a.owners.enterprise.tenantId } : undefined;
        const reply = await callAs(others[role], op, query);
        expect(reply.status, reply.rawBody).toBeLessThan(500);
        expect(leaked(reply)).toEqual([]);
        expect(conformance(op, reply)).toBeUndefined();
      });
    }
  }
});
