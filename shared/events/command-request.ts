/**
 * A command as a caller sends it, and what identifies "the same request" for idempotency:
 * the command, the order it addresses (for commands on an existing order) and the body.
 * The same Idempotency-Key with anything else is a 422. Kept apart from the accept service
 * so the consumer can check a message against its event without bundling the SQS client.
 */
import { canonicalHash } from '../lib/hash';
import type { CommandPayload, OrderCommandType } from '../schemas/order-commands';

export type CommandRequest = {
  [T in OrderCommandType]: { type: T; payload: CommandPayload<T> } & (T extends 'order.create' ? { orderId?: undefined } : { orderId: string });
}[OrderCommandType];

export const commandHash = (request: CommandRequest): string =>
  canonicalHash({ type: request.type, orderId: request.orderId ?? null, payload: request.payload });
