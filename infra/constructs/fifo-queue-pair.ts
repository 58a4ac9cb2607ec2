/**
 * A domain's FIFO queue and its FIFO dead-letter queue, with the settings every domain
 * shares (docs/conventions.md "SQS consumers"):
 *
 * - FIFO with explicit deduplication ids (contentBasedDeduplication: false): producers
 *   send the event id as MessageDeduplicationId and the aggregate id as MessageGroupId.
 * - Redrive to the DLQ after 5 receives; the DLQ keeps messages 14 days (the maximum).
 * - SQS-managed server-side encryption; a queue policy denies non-TLS access.
 * - Visibility timeout = 6 x the consumer function timeout.
 *
 * Alarms on a pair live in the stateless stack: see {@link QueuePairAlarms} (queue-pair.ts).
 */
import type { Duration } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { physicalName, type Domain, type StageConfig } from '../config';
import { deadLetteredQueues, queueTiming } from './dead-lettered-queues';
import { QUEUE_RETENTION, type QueuePair } from './queue-pair';

export {
  DEFAULT_MAX_RECEIVE_COUNT,
  DLQ_RETENTION,
  MAX_MESSAGE_AGE,
  QUEUE_RETENTION,
  QueuePairAlarms,
  type QueuePair,
  type QueuePairAlarmsProps,
} from './queue-pair';

export interface FifoQueuePairProps {
  readonly config: StageConfig;
  readonly domain: Domain;
  /** Timeout of the function that consumes the queue; visibility timeout is 6x this. */
  readonly consumerTimeout?: Duration;
  /** Receives before a message moves to the DLQ (>= 5). */
  readonly maxReceiveCount?: number;
}

export class FifoQueuePair extends Construct implements QueuePair {
  readonly domain: Domain;
  /** = domain (QueuePair: names the consumer's service and the alarms). */
  readonly name: string;
  readonly fifo = true;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  /** Timeout the consumer function must not exceed (visibilityTimeout / 6). */
  readonly consumerTimeout: Duration;
  readonly visibilityTimeout: Duration;
  readonly maxReceiveCount: number;

  constructor(scope: Construct, id: string, props: FifoQueuePairProps) {
    super(scope, id);
    const { config, domain } = props;
    this.domain = domain;
    this.name = domain;
    const timing = queueTiming(id, props);
    this.consumerTimeout = timing.consumerTimeout;
    this.maxReceiveCount = timing.maxReceiveCount;
    this.visibilityTimeout = timing.visibilityTimeout;

    const queues = deadLetteredQueues(this, {
      config,
      timing,
      queueName: `${physicalName(config, domain)}.fifo`,
      deadLetterQueueName: `${physicalName(config, `${domain}-dlq`)}.fifo`,
      retentionPeriod: QUEUE_RETENTION,
      kind: { fifo: true, contentBasedDeduplication: false },
    });
    this.queue = queues.queue;
    this.deadLetterQueue = queues.deadLetterQueue;
  }
}
