/**
 * What a consumer does with a received message: DeleteMessage(Batch) and
 * ChangeMessageVisibility(Batch). See receipt-handle.ts for how stale handles behave.
 */
import { queueByUrl, type ServiceContext } from './context';
import { errors, SqsError } from './errors';
import { optInt, optRecordList, optString, reqString, type Input, type Output } from './input';
import { validateBatchEntryIds } from './message-validation';
import { parseReceiptHandle } from './receipt-handle';
import { failedEntry } from './send';
import type { Op, QueueState, StoredMessage } from './types';

const MAX_VISIBILITY_SECONDS = 43_200;

function resolveHandle(queue: QueueState, handle: string): StoredMessage | undefined {
  const parsed = parseReceiptHandle(handle);
  if (!parsed || parsed.queueName !== queue.name) throw errors.invalidReceiptHandle(handle);
  const m = queue.messages.get(parsed.messageId);
  return m && m.receiptHandle === handle ? m : undefined;
}

/** Undefined when there is nothing to do (message already gone, or the handle is stale). */
function planDelete(queue: QueueState, handle: string | undefined): Op | undefined {
  if (handle === undefined || handle === '') throw errors.missing('ReceiptHandle');
  const m = resolveHandle(queue, handle);
  return m ? { op: 'delete', q: queue.name, id: m.id } : undefined;
}

function planVisibility(queue: QueueState, handle: string | undefined, seconds: number | undefined, now: number): Op {
  if (handle === undefined || handle === '') throw errors.missing('ReceiptHandle');
  if (seconds === undefined) throw errors.missing('VisibilityTimeout');
  if (seconds < 0 || seconds > MAX_VISIBILITY_SECONDS) {
    throw errors.invalidValue('VisibilityTimeout', seconds, `Must be between 0 and ${MAX_VISIBILITY_SECONDS}, if provided.`);
  }
  const m = resolveHandle(queue, handle);
  if (!m) {
    throw errors.invalidValue(
      'ReceiptHandle',
      handle,
      'Message does not exist or is not available for visibility timeout change.',
    );
  }
  if (m.availableAt <= now) throw new SqsError('MessageNotInflight', 'The specified message isn\'t in flight.');
  const until = now + seconds * 1000;
  if (until - (m.lastReceiveAt ?? now) > MAX_VISIBILITY_SECONDS * 1000) {
    throw errors.invalidValue(
      'VisibilityTimeout',
      seconds,
      `Total VisibilityTimeout for the message is beyond the limit [${MAX_VISIBILITY_SECONDS} seconds].`,
    );
  }
  return { op: 'visibility', q: queue.name, id: m.id, until };
}

export function deleteMessage(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  const op = planDelete(queue, optString(input, 'ReceiptHandle'));
  if (op) ctx.commit([op]);
  return {};
}

export function changeMessageVisibility(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  ctx.commit([planVisibility(queue, optString(input, 'ReceiptHandle'), optInt(input, 'VisibilityTimeout'), ctx.now())]);
  return {};
}

/** Runs `plan` per entry, collecting Successful/Failed like AWS, and commits once. */
function batch(
  ctx: ServiceContext,
  input: Input,
  action: string,
  plan: (queue: QueueState, entry: Input, now: number) => Op | undefined,
): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  const entries = optRecordList(input, 'Entries') ?? [];
  validateBatchEntryIds(entries.map((e) => optString(e, 'Id')), action);
  const now = ctx.now();
  const ops: Op[] = [];
  const successful: Output[] = [];
  const failed: Output[] = [];
  for (const entry of entries) {
    const id = optString(entry, 'Id') ?? '';
    try {
      const op = plan(queue, entry, now);
      if (op) ops.push(op);
      successful.push({ Id: id });
    } catch (err) {
      failed.push(failedEntry(id, err));
    }
  }
  ctx.commit(ops);
  return { Successful: successful, Failed: failed };
}

export function deleteMessageBatch(ctx: ServiceContext, input: Input): Output {
  return batch(ctx, input, 'DeleteMessageBatch', (queue, entry) => planDelete(queue, optString(entry, 'ReceiptHandle')));
}

export function changeMessageVisibilityBatch(ctx: ServiceContext, input: Input): Output {
  return batch(ctx, input, 'ChangeMessageVisibilityBatch', (queue, entry, now) =>
    planVisibility(queue, optString(entry, 'ReceiptHandle'), optInt(entry, 'VisibilityTimeout'), now),
  );
}
