/**
 * The message a command function puts on the orders FIFO queue and the orders consumer
 * applies. It carries ids and the validated request, never anything a partner did not
 * send; order payloads by design hold no personal data about the household.
 */
import * as z from 'zod/mini';
import { COMMAND_PAYLOADS, type CommandPayload, type OrderCommandType } from '../schemas/order-commands';

export const COMMAND_MESSAGE_VERSION = 1;

const Actor = z.strictObject({ tenantId: z.string(), role: z.string(), keyId: z.string() });
export type Actor = z.infer<typeof Actor>;

const Envelope = z.strictObject({
  v: z.literal(COMMAND_MESSAGE_VERSION),
  eventId: z.string(),
  type: z.enum(Object.keys(COMMAND_PAYLOADS) as [OrderCommandType, ...OrderCommandType[]]),
  tenantId: z.string(),
  orderId: z.string(),
  actor: Actor,
  acceptedAt: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
});

export type OrderCommandMessage = {
  [T in OrderCommandType]: Omit<z.infer<typeof Envelope>, 'type' | 'payload'> & { type: T; payload: CommandPayload<T> };
}[OrderCommandType];

/** Parses a queue message body; undefined when it is not a command this version understands. */
export function parseOrderCommandMessage(body: string): OrderCommandMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const envelope = Envelope.safeParse(value);
  if (!envelope.success) return undefined;
  const payload = COMMAND_PAYLOADS[envelope.data.type].safeParse(envelope.data.payload);
  return payload.success ? ({ ...envelope.data, payload: payload.data } as OrderCommandMessage) : undefined;
}
