/**
 * Bodies of the order lifecycle commands (POST /v1/orders/{orderId}/<command>). Strict
 * zod/mini objects: unknown fields are refused. Free text is short and optional; it is
 * kept on the order but never copied into events or logs.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';
import { CreateOrderRequest } from './order';

const dateTime = () => z.iso.datetime({ offset: true });
const ref = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[A-Za-z0-9._:-]+$/));
const note = () => z.optional(z.string().check(z.maxLength(500)));

export const CANCEL_PARTIES = ['household', 'enterprise', 'worker', 'platform'] as const;
export const CANCEL_REASONS = [
  'household_request',
  'schedule_conflict',
  'worker_unavailable',
  'price_disagreement',
  'duplicate_order',
  'safety_concern',
  'other',
] as const;
export const DISPUTE_REASONS = ['quality', 'damage', 'injury', 'billing', 'conduct', 'absence', 'other'] as const;
export const RESOLUTIONS = ['upheld', 'partially_upheld', 'rejected', 'withdrawn'] as const;

/** Where a check-in or check-out happened: an evidence reference, not a street address. */
const Evidence = /* @__PURE__ */ defineSchema(() => z.strictObject({
  at: dateTime(),
  stationId: z.optional(ref(64)),
  /** Coarse location (e.g. a geohash of ≤ 7 characters ≈ 150 m), enough for an insurer, not a home address. */
  geohash: z.optional(z.string().check(z.regex(/^[0-9b-hjkmnp-z]{1,7}$/))),
  method: z.optional(z.enum(['app', 'qr', 'station', 'manual'])),
}));

export const ORDER_COMMAND_BODIES = /* @__PURE__ */ defineSchema(() => ({
  assign: z.strictObject({ workerId: ref(64) }),
  confirm: z.strictObject({}),
  reschedule: z.strictObject({
    schedule: z.strictObject({ start: dateTime(), end: dateTime() }),
    reasonCode: z.enum(CANCEL_REASONS),
  }),
  'check-in': Evidence,
  attendance: z.strictObject({
    /** Local service date, YYYY-MM-DD. One record per day; a second one for the same day is rejected. */
    date: z.iso.date(),
    checkIn: dateTime(),
    checkOut: dateTime(),
  }),
  'check-out': Evidence,
  cancel: z.strictObject({ by: z.enum(CANCEL_PARTIES), reasonCode: z.enum(CANCEL_REASONS), note: note() }),
  'no-show': z.strictObject({ party: z.enum(['worker', 'household']), at: dateTime() }),
  dispute: z.strictObject({ reasonCode: z.enum(DISPUTE_REASONS), complaintId: z.optional(ref(64)) }),
  resolve: z.strictObject({ resolution: z.enum(RESOLUTIONS), note: note() }),
  close: z.strictObject({}),
} as const));

export type PartnerCommand = keyof typeof ORDER_COMMAND_BODIES;
export const PARTNER_COMMANDS = /* @__PURE__ */ defineSchema(() => (Object.keys(ORDER_COMMAND_BODIES) as PartnerCommand[]));

/** A household's rating, sent with a one-time rating token (no API key). */
export const RatingBody = /* @__PURE__ */ defineSchema(() => z.strictObject({
  stars: z.int().check(z.gte(1), z.lte(5)),
  dimensions: z.optional(
    z.strictObject({
      punctuality: z.optional(z.int().check(z.gte(1), z.lte(5))),
      quality: z.optional(z.int().check(z.gte(1), z.lte(5))),
      attitude: z.optional(z.int().check(z.gte(1), z.lte(5))),
      professionalism: z.optional(z.int().check(z.gte(1), z.lte(5))),
    }),
  ),
  comment: z.optional(z.string().check(z.maxLength(500))),
}));

/** POST /v1/public/ratings: the rating plus the one-time token that authorizes it. */
export const PublicRatingRequest = /* @__PURE__ */ defineSchema(() => z.extend(RatingBody, { token: z.string().check(z.maxLength(200)) }));

/** What a complaint is about: machine codes (they may go into events; descriptions never do). */
export const COMPLAINT_CATEGORIES = ['quality', 'punctuality', 'conduct', 'damage', 'safety', 'billing', 'privacy', 'absence', 'other'] as const;
export const COMPLAINT_SOURCES = ['household', 'enterprise'] as const;
export const COMPLAINT_DESCRIPTION_MAX = 1000;

/**
 * Free text that may hold personal data: kept on the complaint item only. The trace holds
 * just the payload's hash, and order events copy whitelisted facts (events/order-event-data.ts).
 */
const complaintText = (min: number) => z.string().check(z.minLength(min), z.maxLength(COMPLAINT_DESCRIPTION_MAX), z.regex(/^$|\S/, 'must not be blank'));

/** The queued complaint commands; the complaint id is derived by the accepting function (lib/ids.ts). */
export const COMPLAINT_COMMAND_BODIES = /* @__PURE__ */ defineSchema(() => ({
  open: z.strictObject({
    complaintId: z.string().check(z.regex(ID_PATTERNS.complaint)),
    source: z.enum(COMPLAINT_SOURCES),
    category: z.enum(COMPLAINT_CATEGORIES),
    description: complaintText(1),
  }),
  resolve: z.strictObject({
    complaintId: z.string().check(z.regex(ID_PATTERNS.complaint)),
    resolution: z.enum(RESOLUTIONS),
    note: z.optional(complaintText(0)),
  }),
} as const));

/** Every command payload by the command type on the queue. */
export const COMMAND_PAYLOADS = /* @__PURE__ */ defineSchema(() => ({
  'order.create': CreateOrderRequest,
  'order.assign': ORDER_COMMAND_BODIES.assign,
  'order.confirm': ORDER_COMMAND_BODIES.confirm,
  'order.reschedule': ORDER_COMMAND_BODIES.reschedule,
  'order.check-in': ORDER_COMMAND_BODIES['check-in'],
  'order.attendance': ORDER_COMMAND_BODIES.attendance,
  'order.check-out': ORDER_COMMAND_BODIES['check-out'],
  'order.cancel': ORDER_COMMAND_BODIES.cancel,
  'order.no-show': ORDER_COMMAND_BODIES['no-show'],
  'order.dispute': ORDER_COMMAND_BODIES.dispute,
  'order.resolve': ORDER_COMMAND_BODIES.resolve,
  'order.close': ORDER_COMMAND_BODIES.close,
  'order.rate': RatingBody,
  'order.open-complaint': COMPLAINT_COMMAND_BODIES.open,
  'order.resolve-complaint': COMPLAINT_COMMAND_BODIES.resolve,
} as const));

export type OrderCommandType = keyof typeof COMMAND_PAYLOADS;

/**
 * Every queued order command type, as a plain list: the message envelope's `type` enum
 * (events/order-command.ts) without the payload schemas above. The type below fails to
 * compile when the list and COMMAND_PAYLOADS differ.
 */
export const ORDER_COMMAND_TYPES = [
  'order.create',
  'order.assign',
  'order.confirm',
  'order.reschedule',
  'order.check-in',
  'order.attendance',
  'order.check-out',
  'order.cancel',
  'order.no-show',
  'order.dispute',
  'order.resolve',
  'order.close',
  'order.rate',
  'order.open-complaint',
  'order.resolve-complaint',
] as const satisfies readonly OrderCommandType[];
type Unlisted = Exclude<OrderCommandType, (typeof ORDER_COMMAND_TYPES)[number]>;
export const ORDER_COMMAND_TYPES_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;
export type CommandPayload<T extends OrderCommandType> = z.infer<(typeof COMMAND_PAYLOADS)[T]>;
