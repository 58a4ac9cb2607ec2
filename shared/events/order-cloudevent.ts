/**
 * Order events: the CloudEvent an applied order command publishes, built from what the
 * consumer has just written (the order's new status and version, its trace entry) — so
 * the same transition always yields the same event, byte for byte, however often it is
 * rebuilt or redelivered.
 *
 *   id       the Anxin event id of the command (evt_…): stable across redeliveries, so
 *            consumers deduplicate on it
 *   source   /anxin/<stage>/orders          type     cn.anxin.order.<what happened>.v1
 *   subject  the order id                    time     when the command was accepted (trace entry `at`)
 *   dataschema  urn:anxin:event-schema:<type> (= `$id` of docs/events/<type>.schema.json)
 *   anxintenant  tenant id     anxintraceseq  seq of the trace entry (= order version)
 */
import * as z from 'zod/mini';
import { ID_PATTERNS } from '../lib/ids';
import { buildCloudEvent, type CloudEvent } from './cloudevent';
import { Rfc3339 } from './cloudevent-schema';
import { orderEventDataSchema, orderEventFacts, type OrderEventData } from './order-event-data';
import {
  eventSchemaUri,
  isOrderEventCommand,
  orderEventSource,
  orderEventType,
  UnknownOrderEventError,
  type OrderEventCommand,
  type OrderEventType,
} from './order-event-types';
import type { OrderStatus } from '../domain/order/state-machine';

export const ORDER_EVENT_EXTENSIONS = { tenant: 'anxintenant', traceSeq: 'anxintraceseq' } as const;

export interface OrderCloudEvent<C extends OrderEventCommand = OrderEventCommand> extends CloudEvent<OrderEventData<C>> {
  type: OrderEventType;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  anxintenant: string;
  anxintraceseq: number;
  data: OrderEventData<C>;
}

/**
 * What the consumer knows once a command is applied. Every field is kept — in the event
 * record, its settlement facts or the queue message (services/published-order-event.ts) —
 * so a rebuild is identical.
 */
export interface OrderTransition {
  /** STAGE of the function (dev, prod): part of `source`. */
  stage: string;
  /** The command type, e.g. `order.check-in`. */
  commandType: string;
  /** The command's event id (evt_…) = the CloudEvent id. */
  eventId: string;
  orderId: string;
  tenantId: string;
  status: OrderStatus;
  /** undefined/null for `order.create`. */
  previousStatus?: OrderStatus | null;
  /** The trace entry the command appended. */
  entry: { seq: number; hash: string; at: string };
  actorRole?: string;
  /** The validated command payload; only its whitelisted facts are copied (order-event-data.ts). */
  payload: unknown;
}

/** Builds the CloudEvent of an applied order command and validates it against its closed schema. */
export function orderCloudEvent(t: OrderTransition): OrderCloudEvent {
  if (!isOrderEventCommand(t.commandType)) throw new UnknownOrderEventError(t.commandType);
  const command = t.commandType;
  const type = orderEventType(command);
  const data = {
    orderId: t.orderId,
    tenantId: t.tenantId,
    status: t.status,
    previousStatus: t.previousStatus ?? null,
    version: t.entry.seq,
    traceHash: t.entry.hash,
    ...(t.actorRole === undefined ? {} : { actorRole: t.actorRole }),
    ...orderEventFacts(command, t.payload),
  };
  const event = buildCloudEvent({
    id: t.eventId,
    source: orderEventSource(t.stage),
    type,
    subject: t.orderId,
    time: t.entry.at,
    datacontenttype: 'application/json',
    dataschema: eventSchemaUri(type),
    extensions: { [ORDER_EVENT_EXTENSIONS.tenant]: t.tenantId, [ORDER_EVENT_EXTENSIONS.traceSeq]: t.entry.seq },
    data,
  });
  // Validation only: the built object is returned as built, so its key order (and bytes) stay stable.
  orderCloudEventSchema(command).parse(event);
  return event as OrderCloudEvent;
}

const envelopeSchemas = new Map<OrderEventCommand, z.ZodMiniType>();

/** The closed schema of one order event type's whole envelope (docs/events, tests, stored events). */
export function orderCloudEventSchema(command: OrderEventCommand): z.ZodMiniType<OrderCloudEvent> {
  let schema = envelopeSchemas.get(command);
  if (!schema) {
    const type = orderEventType(command);
    schema = z.strictObject({
      specversion: z.literal('1.0'),
      id: z.string().check(z.regex(ID_PATTERNS.event)),
      source: z.string().check(z.regex(/^\/anxin\/[a-z0-9-]+\/orders$/)),
      type: z.literal(type),
      subject: z.string().check(z.regex(ID_PATTERNS.order)),
      time: Rfc3339(),
      datacontenttype: z.literal('application/json'),
      dataschema: z.literal(eventSchemaUri(type)),
      anxintenant: z.string().check(z.regex(ID_PATTERNS.tenant)),
      anxintraceseq: z.int().check(z.positive()),
      data: orderEventDataSchema(command),
    });
    envelopeSchemas.set(command, schema);
  }
  return schema as z.ZodMiniType<OrderCloudEvent>;
}
