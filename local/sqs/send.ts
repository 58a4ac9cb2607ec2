/**
 * SendMessage and SendMessageBatch.
 *
 * FIFO rules: MessageGroupId is required; a MessageDeduplicationId is required unless the
 * queue has ContentBasedDeduplication (then it is the SHA-256 of the body); a message
 * whose dedup id was seen in the last 5 minutes is accepted (answered with the original's
 * MessageId and SequenceNumber) but not enqueued again; per-message DelaySeconds is not
 * allowed. Standard queues refuse MessageDeduplicationId but accept MessageGroupId (fair
 * queues). A batch is planned entry by entry (later entries see earlier ones, e.g. as
 * duplicates) and committed as one journal record.
 */
import { createHash, randomUUID } from 'node:crypto';
import { queueByUrl, type RequestInfo, type ServiceContext } from './context';
import { errors, SqsError, toSqsError } from './errors';
import { optInt, optMessageAttributes, optRecordList, optString, reqString, type Input, type Output } from './input';
import { md5Hex, md5OfMessageAttributes } from './md5';
import {
  messageSize,
  validateBatchEntryIds,
  validateBody,
  validateFifoId,
  validateMessageAttributes,
  validateSize,
  validateSystemAttributes,
} from './message-validation';
import { isFifo, sequenceNumberFor } from './state';
import type { Op, QueueState } from './types';

const DEDUP_WINDOW_MS = 5 * 60 * 1000;

/** What earlier entries of the same batch already decided, not yet visible in the state. */
interface BatchScratch {
  nextSeq: number;
  dedup: Map<string, { messageId: string; sequenceNumber?: string }>;
}

function planSend(
  queue: QueueState,
  entry: Input,
  req: RequestInfo,
  now: number,
  scratch: BatchScratch,
): { op?: Op; result: Output } {
  const fifo = isFifo(queue);
  const body = validateBody(optString(entry, 'MessageBody'));
  const attributes = optMessageAttributes(entry, 'MessageAttributes') ?? {};
  validateMessageAttributes(attributes);
  const systemAttributes = optMessageAttributes(entry, 'MessageSystemAttributes') ?? {};
  validateSystemAttributes(systemAttributes);
  validateSize(body, attributes, Number(queue.attributes.MaximumMessageSize));

  const delay = optInt(entry, 'DelaySeconds');
  if (delay !== undefined && (delay < 0 || delay > 900)) {
    throw errors.invalidValue('DelaySeconds', delay, 'DelaySeconds must be >= 0 and <= 900.');
  }
  // AWS refuses per-message delays on FIFO queues; an explicit 0 changes nothing and is let through.
  if (fifo && delay !== undefined && delay !== 0) throw errors.notForQueueType('DelaySeconds', delay);

  const groupId = optString(entry, 'MessageGroupId');
  let dedupId = optString(entry, 'MessageDeduplicationId');
  if (groupId !== undefined) validateFifoId('MessageGroupId', groupId);
  if (dedupId !== undefined) validateFifoId('MessageDeduplicationId', dedupId);
  if (!fifo && dedupId !== undefined) throw errors.notForQueueType('MessageDeduplicationId', dedupId);
  if (fifo) {
    if (groupId === undefined) throw errors.missing('MessageGroupId');
    if (dedupId === undefined) {
      if (queue.attributes.ContentBasedDeduplication !== 'true') {
        throw new SqsError(
          'InvalidParameterValue',
          'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
        );
      }
      dedupId = createHash('sha256').update(body, 'utf8').digest('hex');
    }
  }

  const result: Output = { MD5OfMessageBody: md5Hex(body) };
  const md5Attributes = md5OfMessageAttributes(attributes);
  if (md5Attributes) result.MD5OfMessageAttributes = md5Attributes;
  const md5System = md5OfMessageAttributes(systemAttributes);
  if (md5System) result.MD5OfMessageSystemAttributes = md5System;

  let dedupKey: string | undefined;
  if (fifo && dedupId !== undefined) {
    dedupKey = queue.attributes.DeduplicationScope === 'messageGroup' ? `${groupId}\u0000${dedupId}` : dedupId;
    const seen = scratch.dedup.get(dedupKey) ?? liveDedup(queue, dedupKey, now);
    if (seen) {
      return { result: { MessageId: seen.messageId, ...result, ...(seen.sequenceNumber ? { SequenceNumber: seen.sequenceNumber } : {}) } };
    }
  }

  const seq = scratch.nextSeq++;
  const id = randomUUID();
  const sequenceNumber = fifo ? sequenceNumberFor(seq) : undefined;
  const queueDelay = Number(queue.attributes.DelaySeconds);
  const op: Op = {
    op: 'send',
    q: queue.name,
    msg: {
      id,
      seq,
      body,
      attributes,
      systemAttributes,
      senderId: req.senderId,
      sentAt: now,
      enqueuedAt: now,
      availableAt: now + (delay ?? queueDelay) * 1000,
      receiveCount: 0,
      groupId,
      dedupId: fifo ? dedupId : undefined,
      sequenceNumber,
    },
  };
  if (dedupKey !== undefined) {
    op.dedupKey = dedupKey;
    op.dedupUntil = now + DEDUP_WINDOW_MS;
    scratch.dedup.set(dedupKey, { messageId: id, sequenceNumber });
  }
  return { op, result: { MessageId: id, ...result, ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}) } };
}

function liveDedup(queue: QueueState, key: string, now: number) {
  const record = queue.dedup.get(key);
  return record && record.expiresAt > now ? record : undefined;
}

const newScratch = (queue: QueueState): BatchScratch => ({ nextSeq: queue.nextSeq, dedup: new Map() });

export function sendMessage(ctx: ServiceContext, input: Input, req: RequestInfo): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  const { op, result } = planSend(queue, input, req, ctx.now(), newScratch(queue));
  if (op) ctx.commit([op]);
  return result;
}

const MAX_BATCH_BYTES = 1_048_576;

export function sendMessageBatch(ctx: ServiceContext, input: Input, req: RequestInfo): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  const entries = optRecordList(input, 'Entries') ?? [];
  validateBatchEntryIds(entries.map((e) => optString(e, 'Id')), 'SendMessageBatch');
  const total = entries.reduce(
    (sum, e) => sum + messageSize(optString(e, 'MessageBody') ?? '', optMessageAttributes(e, 'MessageAttributes') ?? {}),
    0,
  );
  if (total > MAX_BATCH_BYTES) {
    throw new SqsError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes. You have sent ${total} bytes.`,
    );
  }
  const now = ctx.now();
  const scratch = newScratch(queue);
  const ops: Op[] = [];
  const successful: Output[] = [];
  const failed: Output[] = [];
  for (const entry of entries) {
    const id = optString(entry, 'Id') ?? '';
    try {
      const { op, result } = planSend(queue, entry, req, now, scratch);
      if (op) ops.push(op);
      successful.push({ Id: id, ...result });
    } catch (err) {
      failed.push(failedEntry(id, err));
    }
  }
  ctx.commit(ops);
  return { Successful: successful, Failed: failed };
}

/** A BatchResultErrorEntry, as AWS reports a failed entry (Code is the query error code). */
export function failedEntry(id: string, err: unknown): Output {
  const e = toSqsError(err);
  return { Id: id, SenderFault: e.wire.fault === 'Sender', Code: e.wire.queryCode, Message: e.message };
}
