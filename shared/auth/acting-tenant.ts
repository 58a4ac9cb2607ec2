/**
 * The tenant a request acts on. Handlers take the tenant from the authorizer context —
 * with one exception: the admin role acts for any tenant and names it with `?tenantId=`.
 * Every other role acts on its own tenant only; naming another one is refused (403,
 * whether or not that tenant exists, so the answer reveals nothing).
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';
import { problems } from '../lib/problem';
import type { Caller } from './roles';

/** `?tenantId=` on routes an admin may use for a tenant. */
export const ActingTenantQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ tenantId: z.optional(z.string().check(z.regex(ID_PATTERNS.tenant))) }));

export function actingTenant(caller: Caller, requested: string | undefined): string {
  if (caller.role === 'admin') {
    if (!requested) throw problems.invalidQuery([{ pointer: '/tenantId', detail: 'is required for the admin role' }]);
    return requested;
  }
  if (requested !== undefined && requested !== caller.tenantId) {
    throw problems.forbidden('Only the admin role may act for another tenant.');
  }
  return caller.tenantId;
}
