/** Response bodies, described once for the OpenAPI document and the tests that check handlers against it. */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { OrderView } from './order';

export const AcceptedResponse = /* @__PURE__ */ defineSchema(() => z.object({
  orderId: z.string(),
  eventId: z.string(),
  status: z.literal('accepted'),
}));

/** POST /v1/orders/{orderId}/rating-token: the link, shown once. */
export const RatingTokenResponse = /* @__PURE__ */ defineSchema(() => z.object({
  orderId: z.string(),
  token: z.string(),
  expiresAt: z.string(),
  submitTo: z.literal('/v1/public/ratings'),
}));

/** POST /v1/public/ratings: the household learns the event, not the order. */
export const RatingAcceptedResponse = /* @__PURE__ */ defineSchema(() => z.object({
  eventId: z.string(),
  status: z.literal('accepted'),
}));

/** GET /v1/orders/{orderId}/attendance: a live-in placement's days, in date order. */
export const AttendanceResponse = /* @__PURE__ */ defineSchema(() => z.object({
  orderId: z.string(),
  days: z.array(z.object({ date: z.string(), checkIn: z.string(), checkOut: z.string(), eventId: z.string() })),
}));

export const OrderPage = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(OrderView), nextCursor: z.optional(z.string()) }));

export const EventView = /* @__PURE__ */ defineSchema(() => z.object({
  eventId: z.string(),
  type: z.string(),
  subjectId: z.string(),
  status: z.enum(['accepted', 'applied', 'rejected']),
  acceptedAt: z.string(),
  appliedAt: z.optional(z.string()),
  rejectedAt: z.optional(z.string()),
  reason: z.optional(z.string()),
}));

const TraceEntrySchema = /* @__PURE__ */ defineSchema(() => z.object({
  seq: z.int(),
  eventId: z.string(),
  type: z.string(),
  actor: z.object({ tenantId: z.string(), role: z.string(), keyId: z.string() }),
  at: z.string(),
  payloadHash: z.string(),
  prevHash: z.string(),
  hash: z.string(),
}));

export const TraceResponse = /* @__PURE__ */ defineSchema(() => z.object({
  orderId: z.string(),
  entries: z.array(TraceEntrySchema),
  verification: z.object({
    valid: z.boolean(),
    length: z.int(),
    brokenAt: z.optional(z.int()),
    reason: z.optional(z.string()),
  }),
}));
