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
import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CONSUMER_TIMEOUT, physicalName, VISIBILITY_TIMEOUT_FACTOR, type StageConfig } from '../config';
import { checkMaxReceiveCount, DEFAULT_MAX_RECEIVE_COUNT, DLQ_RETENTION, QUEUE_RETENTION, type QueuePair } from './queue-pair';

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
    this.consumerTimeout = props.consumerTimeout ?? CONSUMER_TIMEOUT;
    this.maxReceiveCount = checkMaxReceiveCount(id, props.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT);
    this.visibilityTimeout = Duration.seconds(this.consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR);
    this.retentionPeriod = props.retentionPeriod ?? QUEUE_RETENTION;
    if (this.visibilityTimeout.toSeconds() > Duration.hours(12).toSeconds()) {
      throw new Error(`${id}: visibility timeout ${this.visibilityTimeout.toSeconds()} s exceeds the SQS maximum of 12 h`);
    }

    const common = {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: config.removalPolicy,
    } satisfies Partial<sqs.QueueProps>;

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      ...common,
      queueName: physicalName(config, `${name}-dlq`),
      retentionPeriod: DLQ_RETENTION,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...common,
      queueName: physicalName(config, name),
      retentionPeriod: this.retentionPeriod,
      visibilityTimeout: this.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: this.maxReceiveCount },
    });
  }
}
