/**
 * The message a command function puts on the orders FIFO queue and the orders consumer
 * applies. It carries ids and the validated request, never anything a partner did not
 * send; order payloads by design hold no personal data about the household.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { parseCommandMessage } from './parse-command-message';
import { ORDER_COMMAND_TYPES, type CommandPayload, type OrderCommandType } from '../schemas/order-commands';

export const COMMAND_MESSAGE_VERSION = 1;

const Actor = /* @__PURE__ */ defineSchema(() => z.strictObject({ tenantId: z.string(), role: z.string(), keyId: z.string() }));
export type Actor = z.infer<typeof Actor>;

const Envelope = /* @__PURE__ */ defineSchema(() => z.strictObject({
  v: z.literal(COMMAND_MESSAGE_VERSION),
  eventId: z.string(),
  type: z.enum(ORDER_COMMAND_TYPES),
  tenantId: z.string(),
  orderId: z.string(),
  actor: Actor,
  acceptedAt: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
}));

export type OrderCommandMessage = {
  [T in OrderCommandType]: Omit<z.infer<typeof Envelope>, 'type' | 'payload'> & { type: T; payload: CommandPayload<T> };
}[OrderCommandType];

/** Parses a queue message body; undefined when it is not a command this version understands. */
export const parseOrderCommandMessage = (body: string): OrderCommandMessage | undefined => parseCommandMessage<OrderCommandMessage>(body, Envelope);
