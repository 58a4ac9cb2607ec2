/**
 * The message a command function puts on the orders FIFO queue and the orders consumer
 * applies. It carries ids and the validated request (which by design holds no personal
 * data), never anything a partner did not send.
 */
import * as z from 'zod/mini';
import { CreateOrderRequest } from '../schemas/order';

export const COMMAND_MESSAGE_VERSION = 1;

const Actor = z.strictObject({ tenantId: z.string(), role: z.string(), keyId: z.string() });

export const OrderCommandMessage = z.strictObject({
  v: z.literal(COMMAND_MESSAGE_VERSION),
  eventId: z.string(),
  type: z.literal('order.create'),
  tenantId: z.string(),
  orderId: z.string(),
  actor: Actor,
  acceptedAt: z.iso.datetime({ offset: true }),
  payload: CreateOrderRequest,
});
export type OrderCommandMessage = z.infer<typeof OrderCommandMessage>;

/** Parses a queue message body; undefined when it is not a command this version understands. */
export function parseOrderCommandMessage(body: string): OrderCommandMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = OrderCommandMessage.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
