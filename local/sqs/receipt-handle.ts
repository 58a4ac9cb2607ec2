/**
 * Receipt handles: opaque to clients, but they must name one receive of one message of one
 * queue. Each receive mints a new handle; the message remembers only the latest one.
 *
 * Stale handles (from an earlier receive of a message that has since been received again):
 * DeleteMessage succeeds but deletes nothing, which is what the SQS API reference
 * documents ("If you use an old ReceiptHandle, the request will succeed, but the message
 * might not be deleted"); this keeps a slow consumer from deleting a redelivery another
 * consumer is working on. ChangeMessageVisibility with a stale handle is refused.
 * A handle that doesn't decode, or belongs to another queue, is ReceiptHandleIsInvalid.
 */
import { randomBytes } from 'node:crypto';

const SEP = '\u0000';

export function mintReceiptHandle(queueName: string, messageId: string): string {
  return Buffer.from([queueName, messageId, randomBytes(24).toString('hex')].join(SEP), 'utf8').toString('base64');
}

export function parseReceiptHandle(handle: string): { queueName: string; messageId: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(handle)) return undefined;
  const parts = Buffer.from(handle, 'base64').toString('utf8').split(SEP);
  if (parts.length !== 3 || !/^[0-9a-f]{48}$/.test(parts[2])) return undefined;
  return { queueName: parts[0], messageId: parts[1] };
}
