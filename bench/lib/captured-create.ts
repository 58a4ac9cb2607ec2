/**
 * One order create, run through the real services against the memory store: what the
 * create function writes (the accepted event), the message it sends, and the one
 * transaction the consumer then writes (order + trace entry + event update). The ceiling
 * replays exactly these transactions.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { OrderCommandMessage } from '../../shared/events/order-command';
import { acceptCreateOrder } from '../../shared/services/accept-order-command';
import { applyOrderCommand } from '../../shared/services/apply-order-command';
import { keys } from '../../shared/store/keys';
import type { CreateOrderRequest } from '../../shared/schemas/order';
import { memoryStore } from './memory-store';

export interface CapturedCreate {
  /** The event record as the create function stored it (status accepted). */
  acceptedEvent: Record<string, unknown>;
  /** TransactWriteCommand input of the consumer. */
  transaction: Record<string, any>;
}

export async function captureCreate(tableName: string, tenantId: string, idempotencyKey: string, request: CreateOrderRequest): Promise<CapturedCreate> {
  const mem = memoryStore(tableName);
  let message: OrderCommandMessage | undefined;
  const sqs = { send: async (command: { input: { MessageBody: string } }) => void (message = JSON.parse(command.input.MessageBody)) } as unknown as SQSClient;
  const actor = { tenantId, role: 'enterprise', keyId: 'key_bench' };
  const accepted = await acceptCreateOrder({ store: mem.store, sqs, queueUrl: 'memory://orders' }, actor, idempotencyKey, request);
  const acceptedEvent = structuredClone(mem.get(keys.event(tenantId, accepted.eventId))!);
  if (!message) throw new Error('the create service sent no message');
  await applyOrderCommand(mem.store, message);
  const transaction = mem.transactions.at(-1);
  if (!transaction) throw new Error('the consumer wrote no transaction');
  return { acceptedEvent, transaction };
}
