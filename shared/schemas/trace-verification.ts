/** GET /v1/admin/trace-verification: query and report (shared/services/verify-traces.ts). */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';

export const TraceVerificationQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({
  tenantId: z.string().check(z.regex(ID_PATTERNS.tenant)),
  orderId: z.optional(z.string().check(z.regex(ID_PATTERNS.order))),
  /** Orders verified per request (a tenant with more continues with `cursor`). */
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'must be an integer from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
}));

export const TraceVerificationReport = /* @__PURE__ */ defineSchema(() => z.object({
  tenantId: z.string(),
  orderId: z.optional(z.string()),
  /** Orders verified by this request, how many verified, how many are broken. */
  checked: z.int(),
  valid: z.int(),
  brokenCount: z.int(),
  broken: z.array(
    z.object({
      orderId: z.string(),
      /** seq of the first entry that does not verify. */
      brokenAt: z.int(),
      reason: z.string(),
      /** Entries read for the order. */
      length: z.int(),
      /** The stored entry at `brokenAt`, when there is one (absent when the tail was cut off). */
      entry: z.optional(z.object({ seq: z.int(), eventId: z.string(), type: z.string(), at: z.string() })),
    }),
  ),
  /** More orders to verify: pass as `cursor`. */
  nextCursor: z.optional(z.string()),
}));
