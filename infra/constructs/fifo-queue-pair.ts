/**
 * A domain's FIFO queue and its FIFO dead-letter queue, with the settings every domain
 * shares (see DESIGN.md "Conventions"):
 *
 * - FIFO with explicit deduplication ids (contentBasedDeduplication: false): producers
 *   send the event id as MessageDeduplicationId and the aggregate id as MessageGroupId.
 * - Redrive to the DLQ after 5 receives; the DLQ keeps messages 14 days (the maximum).
 * - SQS-managed server-side encryption; a queue policy denies non-TLS access.
 * - Visibility timeout = 6 x the consumer function timeout.
 *
 * Alarms on a pair live in the stateless stack: see {@link QueuePairAlarms}.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CONSUMER_TIMEOUT, physicalName, VISIBILITY_TIMEOUT_FACTOR, type Domain, type StageConfig } from '../config';

export const DEFAULT_MAX_RECEIVE_COUNT = 5;
export const DLQ_RETENTION = Duration.days(14);
export const QUEUE_RETENTION = Duration.days(4);
/** Oldest-message age above which a queue is considered backed up. */
export const MAX_MESSAGE_AGE = Duration.minutes(5);

export interface FifoQueuePairProps {
  readonly config: StageConfig;
  readonly domain: Domain;
  /** Timeout of the function that consumes the queue; visibility timeout is 6x this. */
  readonly consumerTimeout?: Duration;
  /** Receives before a message moves to the DLQ (>= 5). */
  readonly maxReceiveCount?: number;
}

export class FifoQueuePair extends Construct {
  readonly domain: Domain;
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
    this.consumerTimeout = props.consumerTimeout ?? CONSUMER_TIMEOUT;
    this.maxReceiveCount = props.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
    if (!Number.isInteger(this.maxReceiveCount) || this.maxReceiveCount < DEFAULT_MAX_RECEIVE_COUNT) {
      throw new Error(`${id}: maxReceiveCount must be an integer >= ${DEFAULT_MAX_RECEIVE_COUNT}`);
    }
    this.visibilityTimeout = Duration.seconds(this.consumerTimeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR);
    if (this.visibilityTimeout.toSeconds() > Duration.hours(12).toSeconds()) {
      throw new Error(`${id}: visibility timeout ${this.visibilityTimeout.toSeconds()} s exceeds the SQS maximum of 12 h`);
    }

    const common = {
      fifo: true,
      contentBasedDeduplication: false,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: config.removalPolicy,
    } satisfies Partial<sqs.QueueProps>;

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      ...common,
      queueName: `${physicalName(config, `${domain}-dlq`)}.fifo`,
      retentionPeriod: DLQ_RETENTION,
    });

    this.queue = new sqs.Queue(this, 'Queue', {
      ...common,
      queueName: `${physicalName(config, domain)}.fifo`,
      retentionPeriod: QUEUE_RETENTION,
      visibilityTimeout: this.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: this.maxReceiveCount },
    });
  }
}

export interface QueuePairAlarmsProps {
  readonly config: StageConfig;
  readonly pair: FifoQueuePair;
  /** Where alarms (and their recovery) are sent, e.g. an SnsAction on the alarm topic. */
  readonly action: cloudwatch.IAlarmAction;
}

/**
 * Alarms for one queue pair: any message in the DLQ, and the source queue's oldest message
 * older than 5 minutes (consumer stuck, throttled or failing).
 */
export class QueuePairAlarms extends Construct {
  readonly deadLetterQueueNotEmpty: cloudwatch.Alarm;
  readonly oldestMessageAge: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: QueuePairAlarmsProps) {
    super(scope, id);
    const { config, pair, action } = props;
    const period = Duration.minutes(1);

    this.deadLetterQueueNotEmpty = new cloudwatch.Alarm(this, 'DeadLetterQueueNotEmpty', {
      alarmName: physicalName(config, `${pair.domain}-dlq-not-empty`),
      alarmDescription: `Messages in ${pair.domain} DLQ: events failed ${pair.maxReceiveCount} times. Inspect, fix, then redrive.`,
      metric: pair.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // An idle queue stops reporting metrics: missing data means "empty", not "broken".
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    this.oldestMessageAge = new cloudwatch.Alarm(this, 'OldestMessageAge', {
      alarmName: physicalName(config, `${pair.domain}-oldest-message-age`),
      alarmDescription: `Oldest message in ${pair.domain} queue older than ${MAX_MESSAGE_AGE.toMinutes()} min: consumer stuck or failing.`,
      metric: pair.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
      threshold: MAX_MESSAGE_AGE.toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    for (const alarm of [this.deadLetterQueueNotEmpty, this.oldestMessageAge]) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
