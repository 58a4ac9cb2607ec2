/**
 * ReceiveMessage: which messages a receive takes, what it returns, and long polling.
 *
 * Selection walks the queue in send order:
 *   - expired messages (retention) are dropped;
 *   - a message whose ApproximateReceiveCount already reached the RedrivePolicy's
 *     maxReceiveCount is moved to the dead-letter queue instead of being received again;
 *   - FIFO: the first message of a group that is not available (in flight, or still
 *     delayed) blocks the rest of that group, so a group is never delivered out of order
 *     nor while one of its messages is in flight; other groups flow. One receive may
 *     return several consecutive messages of the same group, as AWS does.
 * Everything a receive changes (receive counts, visibility, DLQ moves, expiries) is one
 * journal record, committed before the response is written.
 */
import { queueArn, queueByUrl, queueNameFromArn, type RequestInfo, type ServiceContext } from './context';
import { errors } from './errors';
import { optInt, optStringList, reqString, type Input, type Output } from './input';
import { md5Hex, md5OfMessageAttributes } from './md5';
import { isExpired, nextAvailableAt } from './message-state';
import { redrivePolicyOf } from './queue-attributes';
import { mintReceiptHandle } from './receipt-handle';
import { isFifo } from './state';
import type { MessageAttributes, Op, QueueState, StoredMessage } from './types';

function takeMessages(ctx: ServiceContext, queue: QueueState, max: number, visibilitySeconds: number, now: number): StoredMessage[] {
  const fifo = isFifo(queue);
  const redrive = redrivePolicyOf(queue);
  const dlqName = redrive ? queueNameFromArn(ctx, redrive.deadLetterTargetArn) : undefined;
  const dlq = dlqName === undefined ? undefined : ctx.state.queues.get(dlqName);

  const expired: string[] = [];
  const ops: Op[] = [];
  const taken: string[] = [];
  const blockedGroups = new Set<string>();
  for (const m of queue.messages.values()) {
    if (taken.length >= max) break;
    if (isExpired(queue, m, now)) {
      expired.push(m.id);
      continue;
    }
    const group = fifo ? m.groupId : undefined;
    if (group !== undefined && blockedGroups.has(group)) continue;
    if (m.availableAt > now) {
      if (group !== undefined) blockedGroups.add(group);
      continue;
    }
    if (redrive && dlq && dlqName !== undefined && m.receiveCount >= redrive.maxReceiveCount) {
      ops.push({ op: 'deadLetter', from: queue.name, to: dlqName, id: m.id, sourceArn: queueArn(ctx, queue.name), at: now });
      continue;
    }
    taken.push(m.id);
    ops.push({
      op: 'receive',
      q: queue.name,
      id: m.id,
      handle: mintReceiptHandle(queue.name, m.id),
      until: now + visibilitySeconds * 1000,
      at: now,
    });
  }
  if (expired.length > 0) ops.unshift({ op: 'expire', q: queue.name, ids: expired });
  ctx.commit(ops);
  return taken.flatMap((id) => queue.messages.get(id) ?? []);
}

const SYSTEM_ATTRIBUTES = [
  'SenderId',
  'SentTimestamp',
  'ApproximateReceiveCount',
  'ApproximateFirstReceiveTimestamp',
  'SequenceNumber',
  'MessageDeduplicationId',
  'MessageGroupId',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

function systemAttributesOf(m: StoredMessage, wanted: Set<string>): Record<string, string> | undefined {
  const values: Record<(typeof SYSTEM_ATTRIBUTES)[number], string | undefined> = {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: m.firstReceiveAt === undefined ? undefined : String(m.firstReceiveAt),
    SequenceNumber: m.sequenceNumber,
    MessageDeduplicationId: m.dedupId,
    MessageGroupId: m.groupId,
    AWSTraceHeader: m.systemAttributes.AWSTraceHeader?.StringValue,
    DeadLetterQueueSourceArn: m.deadLetterSourceArn,
  };
  const all = wanted.has('All');
  const out: Record<string, string> = {};
  for (const name of SYSTEM_ATTRIBUTES) {
    const v = values[name];
    if (v !== undefined && (all || wanted.has(name))) out[name] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** MessageAttributeNames: exact names, "All", ".*", or "prefix.*". */
function messageAttributesOf(m: StoredMessage, patterns: string[]): MessageAttributes | undefined {
  const out: MessageAttributes = {};
  for (const [name, value] of Object.entries(m.attributes)) {
    const wanted = patterns.some(
      (p) => p === 'All' || p === '.*' || p === name || (p.endsWith('.*') && name.startsWith(p.slice(0, -1))),
    );
    if (wanted) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function render(m: StoredMessage, systemNames: Set<string>, attributePatterns: string[]): Output {
  const out: Output = {
    MessageId: m.id,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: md5Hex(m.body),
    Body: m.body,
  };
  const attributes = systemAttributesOf(m, systemNames);
  if (attributes) out.Attributes = attributes;
  const messageAttributes = messageAttributesOf(m, attributePatterns);
  if (messageAttributes) {
    // Digest of the attributes actually returned, as AWS computes it.
    out.MD5OfMessageAttributes = md5OfMessageAttributes(messageAttributes);
    out.MessageAttributes = messageAttributes;
  }
  return out;
}

function checkRange(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (value < min || value > max)) {
    throw errors.invalidValue(name, value, `Must be between ${min} and ${max}, if provided.`);
  }
}

export async function receiveMessage(ctx: ServiceContext, input: Input, req: RequestInfo): Promise<Output> {
  const url = reqString(input, 'QueueUrl');
  let queue = queueByUrl(ctx, url);
  const max = optInt(input, 'MaxNumberOfMessages') ?? 1;
  const visibility = optInt(input, 'VisibilityTimeout');
  const wait = optInt(input, 'WaitTimeSeconds');
  checkRange('MaxNumberOfMessages', max, 1, 10);
  checkRange('VisibilityTimeout', visibility, 0, 43_200);
  checkRange('WaitTimeSeconds', wait, 0, 20);
  const systemNames = new Set([
    ...(optStringList(input, 'AttributeNames') ?? []),
    ...(optStringList(input, 'MessageSystemAttributeNames') ?? []),
  ]);
  const attributePatterns = optStringList(input, 'MessageAttributeNames') ?? [];

  const deadline = ctx.now() + (wait ?? Number(queue.attributes.ReceiveMessageWaitTimeSeconds)) * 1000;
  for (;;) {
    // One clock reading per pass: selecting with one reading and computing the next wake-up
    // with a later one could skip a message that became visible in between.
    const now = ctx.now();
    const taken = takeMessages(ctx, queue, max, visibility ?? Number(queue.attributes.VisibilityTimeout), now);
    if (taken.length > 0 || now >= deadline || ctx.closing) {
      // Like AWS, an empty receive answers without a Messages member.
      return taken.length > 0 ? { Messages: taken.map((m) => render(m, systemNames, attributePatterns)) } : {};
    }
    const wakeAt = Math.min(deadline, nextAvailableAt(queue, now) ?? deadline);
    await ctx.waiters.wait(queue.name, wakeAt, req.signal);
    // A client that went away must not take messages into flight it will never see.
    if (req.signal.aborted) return {};
    // The queue may have been deleted (or deleted and recreated) while we waited.
    queue = queueByUrl(ctx, url);
  }
}
