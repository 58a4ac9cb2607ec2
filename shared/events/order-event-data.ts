/**
 * The `data` of each order CloudEvent: ids and facts, never personal data
 * (docs/architecture.md "Events carry ids and facts"). No names, phone numbers, ID numbers,
 * addresses or free text: every string is an id, an enum, a code or a timestamp, and each
 * type's facts are a closed whitelist. A consumer that needs more fetches it through the
 * store, where access is authorized and audited.
 *
 * The facts of a type are projected out of the command payload by the same whitelist
 * (`orderEventFacts`): a field the payload gains later (a note, a comment, a location)
 * stays out of events until someone adds it here on purpose — and the schema test then
 * checks it is not free text.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { ORDER_STATUSES } from '../domain/order/state-machine';
import { ID_PATTERNS } from '../lib/ids';
import { SERVICE_MODES, SERVICE_TYPES } from '../schemas/order';
import {
  CANCEL_PARTIES,
  CANCEL_REASONS,
  COMPLAINT_CATEGORIES,
  COMPLAINT_SOURCES,
  DISPUTE_REASONS,
  RESOLUTIONS,
} from '../schemas/order-commands';
import type { OrderEventCommand } from './order-event-types';

/** `z.object` strips unknown keys (projection); `z.strictObject` refuses them (validation, docs). */
type ObjectOf = typeof z.object | typeof z.strictObject;

const dateTime = () => z.iso.datetime({ offset: true });
/** A partner's or Anxin's reference (worker, station, complaint): the API's own ref alphabet. */
const ref = () => z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9._:-]+$/));
/** A machine code: lower-case words joined by - or _, no digits (cannot carry a phone or ID number). */
const code = () => z.string().check(z.maxLength(40), z.regex(/^[a-z]+(?:[-_][a-z]+)*$/));
const stars = () => z.int().check(z.gte(1), z.lte(5));
const complaintId = () => z.string().check(z.regex(ID_PATTERNS.complaint));

export const EVIDENCE_METHODS = ['app', 'qr', 'station', 'manual'] as const;
export const NO_SHOW_PARTIES = ['worker', 'household'] as const;

/** Fields every order event carries. */
function commonShape() {
  return {
    orderId: z.string().check(z.regex(ID_PATTERNS.order)),
    tenantId: z.string().check(z.regex(ID_PATTERNS.tenant)),
    /** Status after the command. */
    status: z.enum(ORDER_STATUSES),
    /** Status before it; null for `created`. */
    previousStatus: z.nullable(z.enum(ORDER_STATUSES)),
    /** Order version after the command = seq of its trace entry. */
    version: z.int().check(z.positive()),
    /** Hash of the trace entry: lets a consumer check the event against GET /v1/orders/{id}/trace. */
    traceHash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
    /** Role of whoever sent the command (enterprise, admin, household...). */
    actorRole: z.optional(code()),
  };
}

/** Per command: the facts its event adds to the common fields. */
function factShapes(obj: ObjectOf) {
  const schedule = () => obj({ start: dateTime(), end: dateTime() });
  const evidence = () => ({ at: dateTime(), stationId: z.optional(ref()), method: z.optional(z.enum(EVIDENCE_METHODS)) });
  return {
    'order.create': {
      serviceType: z.enum(SERVICE_TYPES),
      mode: z.enum(SERVICE_MODES),
      stationId: z.optional(ref()),
      schedule: schedule(),
      price: obj({ amountFen: z.int().check(z.positive()), currency: z.literal('CNY') }),
    },
    'order.assign': { workerId: ref() },
    'order.confirm': {},
    'order.check-in': evidence(),
    'order.check-out': evidence(),
    'order.attendance': { date: z.iso.date(), checkIn: dateTime(), checkOut: dateTime() },
    'order.reschedule': { schedule: schedule(), reasonCode: z.enum(CANCEL_REASONS) },
    'order.cancel': { by: z.enum(CANCEL_PARTIES), reasonCode: z.enum(CANCEL_REASONS) },
    'order.no-show': { party: z.enum(NO_SHOW_PARTIES), at: dateTime() },
    'order.dispute': { reasonCode: z.enum(DISPUTE_REASONS), complaintId: z.optional(ref()) },
    'order.resolve': { resolution: z.enum(RESOLUTIONS) },
    'order.rate': {
      stars: stars(),
      dimensions: z.optional(
        obj({
          punctuality: z.optional(stars()),
          quality: z.optional(stars()),
          attitude: z.optional(stars()),
          professionalism: z.optional(stars()),
        }),
      ),
    },
    'order.close': {},
    // The complaint's description and the resolution note are free text: never in events.
    'order.open-complaint': { complaintId: complaintId(), source: z.enum(COMPLAINT_SOURCES), category: z.enum(COMPLAINT_CATEGORIES) },
    'order.resolve-complaint': { complaintId: complaintId(), resolution: z.enum(RESOLUTIONS) },
  } satisfies Record<OrderEventCommand, Record<string, z.ZodMiniType>>;
}

type FactShapes = ReturnType<typeof factShapes>;
export type OrderEventFacts<C extends OrderEventCommand> = z.infer<z.ZodMiniObject<FactShapes[C]>>;
export type OrderEventCommon = z.infer<z.ZodMiniObject<ReturnType<typeof commonShape>>>;
export type OrderEventData<C extends OrderEventCommand = OrderEventCommand> = OrderEventCommon & OrderEventFacts<C>;

// Built on first use: a consumer pays only for the types it publishes.
const projections = /* @__PURE__ */ defineSchema(() => new Map<OrderEventCommand, z.ZodMiniType>());
const strictSchemas = /* @__PURE__ */ defineSchema(() => new Map<OrderEventCommand, z.ZodMiniType>());

/** The closed schema of one type's `data` (validation, JSON Schema docs). */
export function orderEventDataSchema<C extends OrderEventCommand>(command: C): z.ZodMiniType<OrderEventData<C>> {
  let schema = strictSchemas.get(command);
  if (!schema) {
    schema = z.strictObject({ ...commonShape(), ...factShapes(z.strictObject)[command] });
    strictSchemas.set(command, schema);
  }
  return schema as z.ZodMiniType<OrderEventData<C>>;
}

/**
 * The facts of `command`'s event, picked out of its validated payload: whitelisted fields
 * only (nested objects too); anything else in the payload is dropped. Throws when a
 * whitelisted fact is missing or malformed — an event never goes out half-built.
 */
export function orderEventFacts<C extends OrderEventCommand>(command: C, payload: unknown): OrderEventFacts<C> {
  let projection = projections.get(command);
  if (!projection) {
    projection = z.object(factShapes(z.object)[command]);
    projections.set(command, projection);
  }
  return projection.parse(payload ?? {}) as OrderEventFacts<C>;
}
