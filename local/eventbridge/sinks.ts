/**
 * The platform's target sinks: SQS targets go through the real SDK to the local SQS
 * endpoint (so FIFO, dedup and size rules are SQS's own), Lambda targets through the
 * platform's invoke (worker threads). Queues and functions are looked up at delivery time,
 * by logical id, so a watch-mode reload is picked up.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createSqsClient } from '../esm/sqs-client';
import type { InvokeResult } from '../lambda';
import type { LocalQueue } from '../topology';
import type { TargetSinks } from './targets';

export interface PlatformSinksOptions {
  queues: () => readonly LocalQueue[];
  sqsEndpoint: string;
  region: string;
  invoke: (functionLogicalId: string, event: unknown) => Promise<InvokeResult>;
  /** Lambda's asynchronous invocation with its retries and destinations (local/lambda/async-invoke.ts); without it, one attempt, logged. */
  invokeAsync?: (functionLogicalId: string, event: unknown) => void;
  log: (line: string) => void;
}

export function createPlatformSinks(opts: PlatformSinksOptions): TargetSinks & { close(): void } {
  const sqs = createSqsClient(opts.sqsEndpoint, opts.region);
  return {
    async sendToQueue(queueLogicalId, body, messageGroupId) {
      const queue = opts.queues().find((q) => q.logicalId === queueLogicalId);
      if (!queue) throw new Error(`no queue ${queueLogicalId} in the template`);
      await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body, ...(messageGroupId ? { MessageGroupId: messageGroupId } : {}) }));
    },
    async invokeFunction(functionLogicalId, event) {
      if (opts.invokeAsync) return opts.invokeAsync(functionLogicalId, event);
      // Lambda accepts an asynchronous invoke at once; the outcome is only logged.
      const running = opts.invoke(functionLogicalId, event);
      void running.then(
        (result) => {
          if (!result.ok) opts.log(`[events] ${functionLogicalId} failed: ${result.error.errorType}: ${result.error.errorMessage}`);
        },
        (error: Error) => opts.log(`[events] could not invoke ${functionLogicalId}: ${error.message}`),
      );
    },
    close: () => sqs.destroy(),
  };
}
