/**
 * An EventBridge rule target that puts the CloudEvent itself on a queue: InputPath
 * `$.detail` (the publisher puts the whole structured-mode CloudEvent in Detail,
 * shared/events/put-events-entries.ts), so the message body IS the CloudEvent and its
 * reader needs to know nothing about EventBridge. Used by the insurer queues and the
 * webhook delivery queue.
 *
 * Delivery to the queue is retried for as long as EventBridge allows (185 attempts within
 * 24 h, the service maxima); what still fails goes to the pair's DLQ, next to the messages
 * their readers failed. CDK adds the queue policy statements that let events.amazonaws.com
 * send to both queues, conditioned on this rule's ARN.
 */
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { QueuePair } from './queue-pair';

/** JSONPath of the CloudEvent inside the EventBridge event. */
export const CLOUDEVENT_INPUT_PATH = '$.detail';
export const TARGET_RETRY_ATTEMPTS = 185;
export const TARGET_MAX_EVENT_AGE = Duration.hours(24);

export function cloudEventQueueTarget(pair: Pick<QueuePair, 'queue' | 'deadLetterQueue'>): targets.SqsQueue {
  return new targets.SqsQueue(pair.queue, {
    message: events.RuleTargetInput.fromEventPath(CLOUDEVENT_INPUT_PATH),
    deadLetterQueue: pair.deadLetterQueue,
    retryAttempts: TARGET_RETRY_ATTEMPTS,
    maxEventAge: TARGET_MAX_EVENT_AGE,
  });
}
