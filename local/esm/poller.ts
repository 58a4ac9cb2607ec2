/**
 * startEventSourceMapping: Lambda's SQS poller for one event-source mapping.
 *
 * N independent poll loops (N = ScalingConfig.MaximumConcurrency, else a local default)
 * each collect a batch, invoke the function synchronously, and delete what the response
 * says succeeded (batch-response.ts). So at most N invocations are in flight, like the
 * mapping's maximum concurrency in AWS. For FIFO queues, ordering is the queue's job: the
 * endpoint never hands out messages of a group that has messages in flight, and the poller
 * deletes nothing before the invocation ends, so two batches of one group never overlap.
 *
 * Failed messages are simply not deleted: the visibility timeout brings them back, and the
 * queue's RedrivePolicy moves them to the dead-letter queue after maxReceiveCount receives.
 * The poller never redrives by itself (neither does Lambda).
 */
import type { Message } from '@aws-sdk/client-sqs';
import type { InvokeResult } from '../lambda';
import type { LocalEventSourceMapping, LocalQueue } from '../topology';
import { Backoff, sleep } from './backoff';
import { settleBatch, type BatchOutcome } from './batch-response';
import { batchLimits, collectBatch } from './collect-batch';
import { deleteMessages } from './delete-messages';
import { createSqsClient } from './sqs-client';
import { toSqsEvent } from './sqs-event';

/** Concurrent batches when the mapping sets no MaximumConcurrency (AWS scales far higher; one machine should not). */
export const DEFAULT_LOCAL_CONCURRENCY = 5;

export interface EventSourceMappingOptions {
  mapping: LocalEventSourceMapping;
  queue: LocalQueue;
  sqsEndpoint: string;
  region: string;
  invoke: (event: unknown) => Promise<InvokeResult>;
  log?: (line: string) => void;
  /** Overrides the number of concurrent batches (default: MaximumConcurrency, else 5). */
  concurrency?: number;
}

export interface EventSourceMappingHandle {
  /** Ends long polls at once, lets in-flight invocations finish and settle, then resolves. */
  stop(): Promise<void>;
}

export function startEventSourceMapping(opts: EventSourceMappingOptions): EventSourceMappingHandle {
  const { mapping, queue } = opts;
  const log = opts.log ?? (() => {});
  const client = createSqsClient(opts.sqsEndpoint, opts.region);
  const controller = new AbortController();
  const limits = batchLimits(mapping, queue);
  const concurrency = Math.max(1, opts.concurrency ?? mapping.maximumConcurrency ?? DEFAULT_LOCAL_CONCURRENCY);
  const label = `[esm] ${mapping.functionLogicalId} <- ${queue.queueName}`;
  if (!mapping.enabled) {
    // A disabled mapping (Enabled: false) does not poll, as in AWS.
    log(`${label}: disabled (Enabled: false), not polling`);
    client.destroy();
    return { stop: async () => {} };
  }

  const processBatch = async (messages: Message[]): Promise<void> => {
    const started = Date.now();
    let result: InvokeResult;
    try {
      result = await opts.invoke(toSqsEvent(messages, queue, opts.region));
    } catch (error) {
      // The invoke path itself failed (not the function): same as a function error for the batch.
      const e = error as Error;
      result = { ok: false, requestId: '', durationMs: Date.now() - started, coldStart: false, error: { errorType: e.name, errorMessage: e.message } };
    }
    const outcome = settleBatch(result, messages.map((m) => m.MessageId ?? ''), mapping.reportBatchItemFailures);
    const toDelete = new Set(outcome.deleteIds);
    const problems = await deleteMessages(client, queue.url, messages.filter((m) => toDelete.has(m.MessageId ?? '')));
    log(`${label}: batch of ${messages.length} in ${Date.now() - started} ms: ${summarize(outcome)}`);
    for (const problem of problems) log(`${label}: could not delete ${problem} (it will be delivered again)`);
  };

  const pollLoop = async (): Promise<void> => {
    const backoff = new Backoff();
    let lastProblem: string | undefined;
    while (!controller.signal.aborted) {
      let messages: Message[];
      try {
        messages = await collectBatch(client, queue, limits, controller.signal);
        if (lastProblem) log(`${label}: polling again`);
        lastProblem = undefined;
        backoff.reset();
      } catch (error) {
        if (controller.signal.aborted) break;
        const delay = backoff.next();
        const problem = `${(error as Error).name}: ${(error as Error).message}`;
        // Once per distinct problem, not once per retry: an endpoint that is down stays quiet.
        if (problem !== lastProblem) log(`${label}: polling failed (${problem}); retrying with backoff`);
        lastProblem = problem;
        await sleep(delay, controller.signal);
        continue;
      }
      if (messages.length > 0) await processBatch(messages);
    }
  };

  const loops = Array.from({ length: concurrency }, () => pollLoop());
  log(`${label}: polling (batch size ${limits.batchSize}, window ${limits.windowMs / 1000} s, concurrency ${concurrency}, ` +
    `${mapping.reportBatchItemFailures ? 'ReportBatchItemFailures' : 'whole-batch results'})`);

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        controller.abort();
        await Promise.allSettled(loops);
        client.destroy();
      })();
      return stopped;
    },
  };
}

function summarize(outcome: BatchOutcome): string {
  const ok = outcome.deleteIds.length;
  const failed = outcome.failedIds.length;
  if (outcome.kind === 'failure') return `failed (0 ok / ${failed} failed): ${outcome.reason}`;
  return `${outcome.kind === 'success' ? 'ok' : 'partial'} (${ok} ok / ${failed} failed)`;
}

