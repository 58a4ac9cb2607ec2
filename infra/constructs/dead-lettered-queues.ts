/**
 * What every queue pair builds alike, FIFO (fifo-queue-pair.ts) or standard
 * (standard-queue-pair.ts): the timing derived from the consumer's timeout, and a
 * dead-letter queue with the source queue that redrives to it. Both queues use SQS-managed
 * server-side encryption (a reader in another account needs no KMS grant) and a queue
 * policy that denies non-TLS access; the DLQ keeps messages 14 days, the maximum.
 */
import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { CONSUMER_TIMEOUT, VISIBILITY_TIMEOUT_FACTOR, type StageConfig } from '../config';
import { checkMaxReceiveCount, DEFAULT_MAX_RECEIVE_COUNT, DLQ_RETENTION } from './queue-pair';

export interface QueueTiming {
  readonly consumerTimeout: Duration;
  readonly maxReceiveCount: number;
  readonly visibilityTimeout: Duration;
}

/**
 * Visibility timeout = 6 x the consumer timeout (docs/conventions.md "SQS consumers"), so
 * a message is not handed to a second consumer while the first may still be working on
 * it; SQS caps it at 12 h. Receives before the DLQ must be >= 5.
 */
export function queueTiming(id: string, props: { consumerTimeout?: Duration; maxReceiveCount?: number }): QueueTiming {
  const consumerTimeout = props.consumerTimeout ?? CONSUMER_TIMEOUT;
  const maxReceiveCount = checkMaxReceiveCount(id, props.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT);
  const visibilityTimeout = Duration.seconds(consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR);
  if (visibilityTimeout.toSeconds() > Duration.hours(12).toSeconds()) {
    throw new Error(`${id}: visibility timeout ${visibilityTimeout.toSeconds()} s exceeds the SQS maximum of 12 h`);
  }
  return { consumerTimeout, maxReceiveCount, visibilityTimeout };
}

/** Creates `DeadLetterQueue` and `Queue` under `scope` (construct ids fixed: they name the resources). */
export function deadLetteredQueues(
  scope: Construct,
  args: {
    config: StageConfig;
    timing: QueueTiming;
    queueName: string;
    deadLetterQueueName: string;
    retentionPeriod: Duration;
    /** Settings both queues add, e.g. FIFO's. */
    kind?: Partial<sqs.QueueProps>;
  },
): { queue: sqs.Queue; deadLetterQueue: sqs.Queue } {
  const common = {
    ...args.kind,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    removalPolicy: args.config.removalPolicy,
  } satisfies Partial<sqs.QueueProps>;

  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    ...common,
    queueName: args.deadLetterQueueName,
    retentionPeriod: DLQ_RETENTION,
  });
  const queue = new sqs.Queue(scope, 'Queue', {
    ...common,
    queueName: args.queueName,
    retentionPeriod: args.retentionPeriod,
    visibilityTimeout: args.timing.visibilityTimeout,
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: args.timing.maxReceiveCount },
  });
  return { queue, deadLetterQueue };
}
