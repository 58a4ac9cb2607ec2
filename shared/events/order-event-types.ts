/**
 * Which CloudEvent an applied order command publishes. One type per command, named for
 * what happened (past tense) and versioned in the type itself: a breaking change to an
 * event is a new type (`.v2`) that consumers subscribe to deliberately, and both can be
 * published side by side while they migrate. EventBridge rules match on the type (it is
 * the entry's DetailType), so the name is part of the contract.
 *
 * Every key is a command type on the orders queue, the complaint commands included: their
 * events say what happened to the order (complaint-opened, complaint-resolved).
 */
export const ORDER_EVENT_NAMES = {
  'order.create': 'created',
  'order.assign': 'assigned',
  'order.confirm': 'confirmed',
  'order.check-in': 'checked-in',
  'order.check-out': 'checked-out',
  'order.attendance': 'attendance-recorded',
  'order.reschedule': 'rescheduled',
  'order.cancel': 'cancelled',
  'order.no-show': 'no-show',
  'order.dispute': 'disputed',
  'order.resolve': 'resolved',
  'order.rate': 'rated',
  'order.close': 'closed',
  'order.open-complaint': 'complaint-opened',
  'order.resolve-complaint': 'complaint-resolved',
} as const;

/** A command type that publishes an order event, e.g. `order.check-in`. */
export type OrderEventCommand = keyof typeof ORDER_EVENT_NAMES;
export type OrderEventName = (typeof ORDER_EVENT_NAMES)[OrderEventCommand];
/** e.g. `cn.anxin.order.checked-in.v1` (reverse-DNS prefix, as the CloudEvents spec recommends). */
export type OrderEventType = `cn.anxin.order.${OrderEventName}.v1`;

export const ORDER_EVENT_TYPE_PREFIX = 'cn.anxin.order.';
export const ORDER_EVENT_COMMANDS = Object.keys(ORDER_EVENT_NAMES) as OrderEventCommand[];

export class UnknownOrderEventError extends Error {
  constructor(commandType: string) {
    super(`no order CloudEvent type for command ${JSON.stringify(commandType)}`);
    this.name = 'UnknownOrderEventError';
  }
}

export function isOrderEventCommand(commandType: string): commandType is OrderEventCommand {
  return Object.hasOwn(ORDER_EVENT_NAMES, commandType);
}

/** `orderEventType('order.check-in')` = `cn.anxin.order.checked-in.v1`; throws for a command without an event. */
export function orderEventType(commandType: string): OrderEventType {
  if (!isOrderEventCommand(commandType)) throw new UnknownOrderEventError(commandType);
  return `${ORDER_EVENT_TYPE_PREFIX}${ORDER_EVENT_NAMES[commandType]}.v1`;
}

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = ORDER_EVENT_COMMANDS.map(orderEventType);

/** The CloudEvent `source` of order events: a URI-reference naming the producer, per stage. */
export const orderEventSource = (stage: string): string => `/anxin/${stage}/orders`;

/**
 * The CloudEvent `dataschema`: an absolute `urn:` URI (the spec wants an absolute URI, and
 * Anxin has no public schema host). It is also the `$id` of the JSON Schema document
 * docs/events/<type>.schema.json, which is how a consumer finds the schema.
 */
export const eventSchemaUri = (type: string): string => `urn:anxin:event-schema:${type}`;
