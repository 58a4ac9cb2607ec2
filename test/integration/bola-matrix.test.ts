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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppHarness, type AppHarness } from '../support/app-harness';
import { plausibleRequest } from '../support/contract-fuzz';
import { contractDocument, contractOperations, deployedRoutes, type ContractOperation } from '../support/contract-document';
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

function callAs(caller: Caller, op: ContractOperation, query?: Record<string, string>): Promise<Reply> {
  return h.call(caller, op.key, plausibleRequest(op, { ids: a.ids, tenantId: a.owners.enterprise.tenantId }, query));
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
