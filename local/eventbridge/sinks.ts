/**
 * The platform's target sinks: SQS targets go through the real SDK to the local SQS
 * endpoint (so FIFO, dedup and size rules are SQS's own), Lambda targets through the
 * platform's asynchronous invocation (local/lambda/async-invoke.ts). Queues and functions
 * are looked up at delivery time, by logical id, so a watch-mode reload is picked up.
 */
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createSqsClient } from '../esm/sqs-client';
import type { LocalQueue } from '../topology';
import type { TargetSinks } from './targets';

export interface PlatformSinksOptions {
  queues: () => readonly LocalQueue[];
  sqsEndpoint: string;
  region: string;
  /** Lambda's asynchronous invocation with its retries and destinations (local/lambda/async-invoke.ts). */
  invokeAsync: (functionLogicalId: string, event: unknown) => void;
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
      opts.invokeAsync(functionLogicalId, event);
    },
    close: () => sqs.destroy(),
  };
}
