/**
 * Complaint requests, queries and views (HTTP). The queued command payloads live beside
 * the other order commands (order-commands.ts); these are what callers send and see.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';
import { COMPLAINT_CATEGORIES, COMPLAINT_COMMAND_BODIES, COMPLAINT_SOURCES, RESOLUTIONS } from './order-commands';

// Read inside each schema's builder (not destructured here) so bundles that use neither keep neither.
const openShape = () => COMPLAINT_COMMAND_BODIES.open.shape;
/** `?tenantId=`: only the admin role names a tenant (auth/acting-tenant.ts). */
const tenantId = () => z.optional(z.string().check(z.regex(ID_PATTERNS.tenant)));
const limit = () => z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'must be an integer from 1 to 100')));
const cursor = () => z.optional(z.string().check(z.maxLength(512)));

/** POST /v1/orders/{orderId}/complaints (enterprise). `source` says who speaks; it is always the enterprise here. */
export const OpenComplaintRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ category: openShape().category, description: openShape().description, source: z.literal('enterprise') }));

/** POST /v1/public/complaints: the household, with the order's rating token (no API key). */
export const PublicComplaintRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ token: z.string().check(z.maxLength(200)), category: openShape().category, description: openShape().description }));

/** POST /v1/complaints/{complaintId}/resolve */
export const ResolveComplaintRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({
  resolution: COMPLAINT_COMMAND_BODIES.resolve.shape.resolution,
  note: COMPLAINT_COMMAND_BODIES.resolve.shape.note,
}));

export const ListComplaintsQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({
  status: z.optional(z.enum(['open', 'resolved'])),
  tenantId: tenantId(),
  limit: limit(),
  cursor: cursor(),
}));
export type ListComplaintsQuery = z.infer<typeof ListComplaintsQuery>;

const ActorRole = /* @__PURE__ */ defineSchema(() => z.object({ role: z.string() }));

/** A complaint in a list: no free text (open one to read it). */
export const ComplaintSummary = /* @__PURE__ */ defineSchema(() => z.object({
  complaintId: z.string(),
  orderId: z.string(),
  status: z.enum(['open', 'resolved']),
  source: z.enum(COMPLAINT_SOURCES),
  category: z.enum(COMPLAINT_CATEGORIES),
  workerId: z.optional(z.string()),
  claimId: z.optional(z.string()),
  openedAt: z.string(),
  openedBy: ActorRole,
  resolution: z.optional(z.enum(RESOLUTIONS)),
  resolvedAt: z.optional(z.string()),
  resolvedBy: z.optional(ActorRole),
}));

/** GET /v1/complaints/{complaintId}: the summary plus the free text. */
export const ComplaintView = /* @__PURE__ */ defineSchema(() => z.extend(ComplaintSummary, { description: z.string(), note: z.optional(z.string()) }));

export const ComplaintPage = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(ComplaintSummary), nextCursor: z.optional(z.string()) }));

export const ComplaintAcceptedResponse = /* @__PURE__ */ defineSchema(() => z.object({
  orderId: z.string(),
  eventId: z.string(),
  complaintId: z.string(),
  status: z.literal('accepted'),
}));

/** POST /v1/public/complaints: like a rating's answer, without the order id. */
export const PublicComplaintAcceptedResponse = /* @__PURE__ */ defineSchema(() => z.object({
  complaintId: z.string(),
  eventId: z.string(),
  status: z.literal('accepted'),
}));
