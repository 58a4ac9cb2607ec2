/**
 * A standard (not FIFO) queue and its standard dead-letter queue, with the same settings as
 * the domain FIFO pairs (fifo-queue-pair.ts): SQS-managed server-side encryption (so a
 * reader in another account needs no KMS grant), a TLS-only queue policy, retention 4 days
 * (DLQ 14 days, the maximum), redrive to the DLQ after `maxReceiveCount` receives (>= 5),
 * visibility timeout = 6 x the consumer timeout.
 *
 * Standard, because what flows through these queues (insurer events, webhook deliveries)
 * is delivered at least once and deduplicated by its receiver on the event id, and needs
 * no order: FIFO would only add a per-group head-of-line block (a failing delivery would
 * hold back the events behind it) and refuse per-message delays.
 */
import type { Duration } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { physicalName, type StageConfig } from '../config';
import { deadLetteredQueues, queueTiming } from './dead-lettered-queues';
import { QUEUE_RETENTION, type QueuePair } from './queue-pair';

export interface StandardQueuePairProps {
  readonly config: StageConfig;
  /** `anxin-<stage>-<name>` and `anxin-<stage>-<name>-dlq`. */
  readonly name: string;
  /** Timeout of the function (or the reader's processing) per message; visibility timeout is 6x this. */
  readonly consumerTimeout?: Duration;
  /** Receives before a message moves to the DLQ (>= 5). */
  readonly maxReceiveCount?: number;
  /** Default 4 days. */
  readonly retentionPeriod?: Duration;
}

export class StandardQueuePair extends Construct implements QueuePair {
  readonly name: string;
  readonly fifo = false;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly consumerTimeout: Duration;
  readonly visibilityTimeout: Duration;
  readonly maxReceiveCount: number;
  readonly retentionPeriod: Duration;

  constructor(scope: Construct, id: string, props: StandardQueuePairProps) {
    super(scope, id);
    const { config, name } = props;
    this.name = name;
    const timing = queueTiming(id, props);
    this.consumerTimeout = timing.consumerTimeout;
    this.maxReceiveCount = timing.maxReceiveCount;
    this.visibilityTimeout = timing.visibilityTimeout;
    this.retentionPeriod = props.retentionPeriod ?? QUEUE_RETENTION;

    const queues = deadLetteredQueues(this, {
      config,
      timing,
      queueName: physicalName(config, name),
      deadLetterQueueName: physicalName(config, `${name}-dlq`),
      retentionPeriod: this.retentionPeriod,
    });
    this.queue = queues.queue;
    this.deadLetterQueue = queues.deadLetterQueue;
  }
}
