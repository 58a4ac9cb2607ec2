/**
 * Reads an order CloudEvent a reader received (a queue message body IS the CloudEvent,
 * infra/constructs/event-queue-target.ts): JSON, a known order event type, and the closed
 * schema of that type (order-cloudevent.ts). A reader counts or acts on nothing that fails
 * this; it fails the message instead, towards its DLQ.
 */
import { orderCloudEventSchema, type OrderCloudEvent } from './order-cloudevent';
import type { OrderEventData } from './order-event-data';
import { ORDER_EVENT_COMMANDS, orderEventType, type OrderEventCommand } from './order-event-types';

export class UnreadableEventError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'UnreadableEventError';
  }
}

/** The command whose event has this CloudEvent type; undefined for any other type. */
export const orderEventCommandOf = (type: unknown): OrderEventCommand | undefined => ORDER_EVENT_COMMANDS.find((command) => orderEventType(command) === type);

/** The event and its command, or UnreadableEventError saying why not (never the body: it is not logged). */
export function readOrderCloudEvent(body: string): { event: OrderCloudEvent; command: OrderEventCommand } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new UnreadableEventError('not JSON');
  }
  const type = (value as { type?: unknown } | null)?.type;
  const command = orderEventCommandOf(type);
  if (!command) throw new UnreadableEventError(`not an order event type: ${typeof type === 'string' ? type.slice(0, 80) : typeof type}`);
  const parsed = orderCloudEventSchema(command).safeParse(value);
  if (!parsed.success) throw new UnreadableEventError(`not a valid ${String(type)} event: ${parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`);
  return { event: parsed.data, command };
}

/** The event's `data` with `command`'s facts: the caller knows the command (readOrderCloudEvent checked the data against its schema). */
export const orderEventData = <C extends OrderEventCommand>(event: OrderCloudEvent, _command: C): OrderEventData<C> => event.data as unknown as OrderEventData<C>;
