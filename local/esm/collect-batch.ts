/**
 * Gathers one batch the way Lambda's SQS poller does
 * (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html and the
 * BatchSize / MaximumBatchingWindowInSeconds parameters of CreateEventSourceMapping):
 * long-poll until at least one message arrives; then keep reading until the batch holds
 * BatchSize messages or the batching window has passed since that first message.
 * FIFO sources have no batching window and at most 10 messages per batch.
 * Without a window, whatever one receive returns is the batch (several receives only when
 * BatchSize > 10, until the queue answers empty).
 */
import { ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { LocalEventSourceMapping, LocalQueue } from '../topology';
import { sleep } from './backoff';

/** Longest long poll SQS allows. */
const MAX_WAIT_SECONDS = 20;
/** SQS returns at most 10 messages per ReceiveMessage. */
const MAX_PER_RECEIVE = 10;
/** Pause between empty short polls while a batching window is still open. */
const WINDOW_POLL_MS = 50;

export interface BatchLimits {
  batchSize: number;
  windowMs: number;
}

export function batchLimits(mapping: LocalEventSourceMapping, queue: LocalQueue): BatchLimits {
  if (queue.fifo) return { batchSize: Math.min(mapping.batchSize, MAX_PER_RECEIVE), windowMs: 0 };
  return { batchSize: Math.max(1, mapping.batchSize), windowMs: mapping.maximumBatchingWindowSeconds * 1000 };
}

async function receive(client: SQSClient, queueUrl: string, max: number, waitSeconds: number, signal: AbortSignal): Promise<Message[]> {
  const out = await client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: Math.min(max, MAX_PER_RECEIVE),
      WaitTimeSeconds: waitSeconds,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
    { abortSignal: signal },
  );
  return out.Messages ?? [];
}

/**
 * A message whose visibility timeout ends while the batch is still being gathered can be
 * received again: keep one copy, the latest, whose receipt handle is the valid one.
 */
function addLatest(batch: Message[], more: Message[]): void {
  for (const message of more) {
    const at = batch.findIndex((m) => m.MessageId === message.MessageId);
    if (at >= 0) batch[at] = message;
    else batch.push(message);
  }
}

/** One batch ([] when a long poll ended empty). Throws on endpoint errors and on abort. */
export async function collectBatch(
  client: SQSClient,
  queue: LocalQueue,
  limits: BatchLimits,
  signal: AbortSignal,
  now: () => number = Date.now,
): Promise<Message[]> {
  const batch = await receive(client, queue.url, limits.batchSize, MAX_WAIT_SECONDS, signal);
  if (batch.length === 0) return batch;

  if (limits.windowMs <= 0) {
    while (batch.length < limits.batchSize && batch.length % MAX_PER_RECEIVE === 0) {
      const more = await receive(client, queue.url, limits.batchSize - batch.length, 0, signal);
      if (more.length === 0) break;
      addLatest(batch, more);
    }
    return batch;
  }

  const deadline = now() + limits.windowMs;
  while (batch.length < limits.batchSize && !signal.aborted) {
    const remainingMs = deadline - now();
    if (remainingMs <= 0) break;
    // Whole seconds only (SQS's unit), never past the window's end.
    const wait = Math.min(MAX_WAIT_SECONDS, Math.floor(remainingMs / 1000));
    const more = await receive(client, queue.url, limits.batchSize - batch.length, wait, signal);
    addLatest(batch, more);
    if (more.length === 0 && wait === 0) await sleep(Math.min(WINDOW_POLL_MS, remainingMs), signal);
  }
  return batch;
}
