/**
 * A queue with its dead-letter queue, FIFO or standard: what a consumer
 * (constructs/queue-consumer.ts) and the queue alarms ({@link QueuePairAlarms}) need to know
 * about it. Implemented by FifoQueuePair (domain command queues) and StandardQueuePair
 * (insurer delivery queues, the webhook delivery queue).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { physicalName, type StageConfig } from '../config';

export const DEFAULT_MAX_RECEIVE_COUNT = 5;
export const DLQ_RETENTION = Duration.days(14);
export const QUEUE_RETENTION = Duration.days(4);
/** Oldest-message age above which a queue is considered backed up. */
export const MAX_MESSAGE_AGE = Duration.minutes(5);

export interface QueuePair {
  /** Short name used in alarm and service names: `orders`, `webhooks`, `insurer-demo`. */
  readonly name: string;
  readonly fifo: boolean;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  /** Receives before SQS moves a message to the DLQ. */
  readonly maxReceiveCount: number;
  readonly visibilityTimeout: Duration;
  /** Timeout a consuming function must not exceed (visibilityTimeout / 6). */
  readonly consumerTimeout: Duration;
}

/** Refuses a maxReceiveCount below the convention (docs/conventions.md "SQS consumers": DLQ with maxReceiveCount >= 5). */
export function checkMaxReceiveCount(id: string, maxReceiveCount: number): number {
  if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < DEFAULT_MAX_RECEIVE_COUNT) {
    throw new Error(`${id}: maxReceiveCount must be an integer >= ${DEFAULT_MAX_RECEIVE_COUNT}`);
  }
  return maxReceiveCount;
}

export interface QueuePairAlarmsProps {
  readonly config: StageConfig;
  readonly pair: Pick<QueuePair, 'name' | 'queue' | 'deadLetterQueue' | 'maxReceiveCount'>;
  /** Where alarms (and their recovery) are sent, e.g. an SnsAction on the alarm topic. */
  readonly action: cloudwatch.IAlarmAction;
  /**
   * Oldest-message age that means "backed up" (default 5 min). `null`: no age alarm — for a
   * queue whose messages wait on purpose (webhook retries with backoff).
   */
  readonly maxMessageAge?: Duration | null;
  /** What an old message means for this queue (alarm description); default: consumer stuck or failing. */
  readonly ageMeaning?: string;
}

/**
 * Alarms for one queue pair: any message in the DLQ, and (unless turned off) the source
 * queue's oldest message older than `maxMessageAge` (consumer stuck, throttled or failing).
 */
export class QueuePairAlarms extends Construct {
  readonly deadLetterQueueNotEmpty: cloudwatch.Alarm;
  readonly oldestMessageAge?: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: QueuePairAlarmsProps) {
    super(scope, id);
    const { config, pair, action } = props;
    const period = Duration.minutes(1);
    const maxAge = props.maxMessageAge === undefined ? MAX_MESSAGE_AGE : props.maxMessageAge;

    this.deadLetterQueueNotEmpty = new cloudwatch.Alarm(this, 'DeadLetterQueueNotEmpty', {
      alarmName: physicalName(config, `${pair.name}-dlq-not-empty`),
      alarmDescription: `Messages in ${pair.name} DLQ: events failed ${pair.maxReceiveCount} times. Inspect, fix, then redrive.`,
      metric: pair.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // An idle queue stops reporting metrics: missing data means "empty", not "broken".
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const alarms = [this.deadLetterQueueNotEmpty];

    if (maxAge !== null) {
      const minutes = maxAge.toMinutes();
      const age = minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
      this.oldestMessageAge = new cloudwatch.Alarm(this, 'OldestMessageAge', {
        alarmName: physicalName(config, `${pair.name}-oldest-message-age`),
        alarmDescription: `Oldest message in ${pair.name} queue older than ${age}: ${props.ageMeaning ?? 'consumer stuck or failing'}.`,
        metric: pair.queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
        threshold: maxAge.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarms.push(this.oldestMessageAge);
    }

    for (const alarm of alarms) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
