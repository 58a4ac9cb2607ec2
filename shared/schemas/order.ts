/**
 * Order request and response schemas (zod/mini: a fraction of classic zod's cold-start
 * cost, see docs/architecture.md "Cold-start budget"). Orders deliberately hold no personal
 * data about the household: the enterprise refers to it with its own opaque `householdRef`.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { ORDER_STATUSES } from '../domain/order/state-machine';

export const SERVICE_TYPES = [
  'cleaning', // 保洁
  'nanny', // 保姆
  'maternity_matron', // 月嫂
  'childcare', // 育婴员
  'elderly_care', // 养老护理
  'cooking', // 烹饪
  'other',
] as const;
export const SERVICE_MODES = ['hourly', 'daytime', 'live_in'] as const;

const refString = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[A-Za-z0-9._:-]+$/));
const dateTime = () => z.iso.datetime({ offset: true });

/** The longest placement we accept in one order (live-in placements run for weeks or months). */
export const MAX_ORDER_SPAN_DAYS = 400;

export const CreateOrderRequest = /* @__PURE__ */ defineSchema(() => z
  .strictObject({
    serviceType: z.enum(SERVICE_TYPES),
    mode: z.enum(SERVICE_MODES),
    district: z.string().check(z.minLength(1), z.maxLength(64)),
    stationId: z.optional(refString(64)),
    householdRef: refString(64),
    externalRef: z.optional(refString(64)),
    schedule: z.strictObject({ start: dateTime(), end: dateTime() }),
    price: z.strictObject({
      /** Integer amount in fen (1/100 yuan): money is never a float. */
      amountFen: z.int().check(z.positive(), z.lte(100_000_000)),
      currency: z.literal('CNY'),
    }),
  })
  .check(
    z.refine((o) => Date.parse(o.schedule.end) > Date.parse(o.schedule.start), {
      message: 'must be after schedule.start',
      path: ['schedule', 'end'],
    }),
    z.refine((o) => Date.parse(o.schedule.end) - Date.parse(o.schedule.start) <= MAX_ORDER_SPAN_DAYS * 86_400_000, {
      message: `an order spans at most ${MAX_ORDER_SPAN_DAYS} days`,
      path: ['schedule', 'end'],
    }),
  ));
export type CreateOrderRequest = z.infer<typeof CreateOrderRequest>;

export const OrderStatusSchema = /* @__PURE__ */ defineSchema(() => z.enum(ORDER_STATUSES));

export const ListOrdersQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({
  /** At most one of status, workerId, stationId, district selects the list; none = all orders. */
  status: z.optional(OrderStatusSchema),
  workerId: z.optional(refString(64)),
  stationId: z.optional(refString(64)),
  district: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  from: z.optional(dateTime()),
  to: z.optional(dateTime()),
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'must be an integer from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
}));
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;

/** What GET /v1/orders/{id} returns. */
export const OrderView = /* @__PURE__ */ defineSchema(() => z.object({
  orderId: z.string(),
  status: OrderStatusSchema,
  serviceType: z.enum(SERVICE_TYPES),
  mode: z.enum(SERVICE_MODES),
  district: z.string(),
  stationId: z.optional(z.string()),
  householdRef: z.string(),
  externalRef: z.optional(z.string()),
  schedule: z.object({ start: z.string(), end: z.string() }),
  price: z.object({ amountFen: z.number(), currency: z.literal('CNY') }),
  workerId: z.optional(z.string()),
  assignedAt: z.optional(z.string()),
  confirmedAt: z.optional(z.string()),
  rescheduledCount: z.optional(z.number()),
  checkIn: z.optional(z.object({ at: z.string(), stationId: z.optional(z.string()), geohash: z.optional(z.string()), method: z.optional(z.string()) })),
  checkOut: z.optional(z.object({ at: z.string(), stationId: z.optional(z.string()), geohash: z.optional(z.string()), method: z.optional(z.string()) })),
  attendanceDays: z.optional(z.number()),
  lastAttendanceDate: z.optional(z.string()),
  cancellation: z.optional(z.object({ by: z.string(), reasonCode: z.string(), note: z.optional(z.string()), at: z.string() })),
  noShow: z.optional(z.object({ party: z.string(), at: z.string() })),
  dispute: z.optional(z.object({ reasonCode: z.string(), complaintId: z.optional(z.string()), at: z.string() })),
  resolution: z.optional(z.object({ resolution: z.string(), note: z.optional(z.string()), at: z.string() })),
  rating: z.optional(z.object({ stars: z.number(), at: z.string() })),
  closedAt: z.optional(z.string()),
  complaintCount: z.optional(z.number()),
  openComplaintCount: z.optional(z.number()),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
}));
export type OrderView = z.infer<typeof OrderView>;
