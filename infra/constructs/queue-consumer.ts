/**
 * An SQS consumer: an AnxinFunction fed by a queue pair (a domain's FIFO queue, or a
 * standard queue such as the webhook delivery queue) through an event-source mapping with
 * partial batch responses, plus an alarm on function errors.
 *
 * The handler is expected to use Powertools batch processing and return
 * `batchItemFailures`. On a FIFO queue (SqsFifoPartialProcessor) the rest of a message
 * group is reported failed after its first failed record, so ordering per aggregate holds;
 * on a standard queue (BatchProcessor) records are independent.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as events from 'aws-cdk-lib/aws-events';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import { VISIBILITY_TIMEOUT_FACTOR, type StageConfig } from '../config';
import { AnxinFunction } from './anxin-function';
import { functionErrorsAlarm } from './function-errors-alarm';
import { grantEventPublishing } from './domain-event-bus';
import type { QueuePair } from './queue-pair';

/**
 * SQS FIFO event sources accept at most 10 records per batch; standard ones accept more
 * only with a batching window, which no consumer here uses: 10 for both.
 */
export const MAX_FIFO_BATCH_SIZE = 10;
export const DEFAULT_MAX_CONCURRENCY = 5;

export interface QueueConsumerProps {
  readonly config: StageConfig;
  readonly pair: QueuePair;
  /** Entry file relative to the repository root, e.g. `functions/consumers/orders.ts`. */
  readonly entry: string;
  readonly environment?: Record<string, string>;
  /** Defaults to the pair's consumerTimeout (30 s); must be <= visibility timeout / 6. */
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Records per invocation, 1..10 (default 10). */
  readonly batchSize?: number;
  /** Maximum concurrent invocations the event source drives, 2..1000 (default 5). */
  readonly maxConcurrency?: number;
  /** Receives the function-errors alarm (and its recovery). */
  readonly alarmAction: cloudwatch.IAlarmAction;
  /** The bus the consumer publishes domain events to (events:PutEvents + EVENT_BUS_NAME), if any. */
  readonly publishesTo?: events.IEventBus;
}

export class QueueConsumer extends Construct {
  readonly fn: AnxinFunction;
  readonly eventSource: SqsEventSource;
  readonly errorsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: QueueConsumerProps) {
    super(scope, id);
    const { config, pair } = props;
    const timeout = props.timeout ?? pair.consumerTimeout;
    const batchSize = props.batchSize ?? MAX_FIFO_BATCH_SIZE;
    const maxConcurrency = props.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;

    if (pair.visibilityTimeout.toSeconds() < VISIBILITY_TIMEOUT_FACTOR * timeout.toSeconds()) {
      throw new Error(
        `${id}: queue visibility timeout (${pair.visibilityTimeout.toSeconds()} s) must be >= ` +
          `${VISIBILITY_TIMEOUT_FACTOR} x the consumer timeout (${timeout.toSeconds()} s)`,
      );
    }
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_FIFO_BATCH_SIZE) {
      throw new Error(`${id}: batchSize must be 1..${MAX_FIFO_BATCH_SIZE} ${pair.fifo ? 'for a FIFO queue' : 'without a batching window'}`);
    }

    this.fn = new AnxinFunction(this, 'Function', {
      config,
      entry: props.entry,
      serviceName: `${pair.name}-consumer`,
      timeout,
      memorySize: props.memorySize,
      environment: props.environment,
    });
    if (props.publishesTo) grantEventPublishing(props.publishesTo, this.fn);

    // Grants the consume actions (Receive/Delete/ChangeVisibility/GetQueueAttributes).
    // No maxBatchingWindow: SQS FIFO event sources do not support one, and a standard
    // queue's consumer here wants each message as soon as it is visible (webhook retries).
    this.eventSource = new SqsEventSource(pair.queue, {
      batchSize,
      reportBatchItemFailures: true,
      maxConcurrency,
    });
    this.fn.addEventSource(this.eventSource);

    // Record-level failures are reported, not thrown: any function error is a bug, a
    // timeout or a throttle and fails the whole batch.
    this.errorsAlarm = functionErrorsAlarm(this, {
      config,
      fn: this.fn,
      name: `${pair.name}-consumer-errors`,
      description: `${pair.name} consumer invocations failed (whole batch returned to the queue).`,
      period: Duration.minutes(5),
      action: props.alarmAction,
    });
  }
}
