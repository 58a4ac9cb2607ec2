/**
 * Webhook delivery to insurers (the other channel is insurer-queue.ts), the stateful
 * half: a standard queue `anxin-<stage>-webhooks` with its DLQ, fed by an EventBridge
 * rule on the domain bus with every insurer-facing claim event (INSURER_EVENT_TYPES from
 * this stage's claims source, any insurer) as the bare CloudEvent (InputPath `$.detail`).
 *
 * The dispatcher (functions/consumers/webhooks.ts, a QueueConsumer in the API stack) finds
 * the subscription of the event's `anxininsurer`, signs and POSTs; on a failure it sets the
 * message's visibility to the next delay of the stage's retry schedule and reports the
 * record failed. The queue's maxReceiveCount IS the number of attempts
 * (webhookAttempts(config.webhooks)), so after the last failed attempt SQS moves the
 * message to the DLQ, from where `anxin dlq redrive` sends it back for another round.
 *
 * Checked here, because SQS would silently break the schedule otherwise: every delay fits
 * in a visibility change (at most 12 h), and a message outlives its whole schedule.
 */
import { Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { CLAIM_EVENT_SOURCE, INSURER_EVENT_TYPES } from '../../shared/events/claim-event-types';
import { webhookAttempts, type StageConfig } from '../config';
import { EventFedQueue } from './event-fed-queue';

export const WEBHOOK_QUEUE_NAME = 'webhooks';
const MAX_VISIBILITY = Duration.hours(12);

export interface WebhookDeliveryQueueProps {
  readonly config: StageConfig;
  readonly bus: events.IEventBus;
}

export class WebhookDeliveryQueue extends EventFedQueue {
  constructor(scope: Construct, id: string, props: WebhookDeliveryQueueProps) {
    const { config, bus } = props;
    super(scope, id, {
      config,
      bus,
      name: WEBHOOK_QUEUE_NAME,
      description: 'Insurer-facing claim events to the webhook dispatcher',
      eventPattern: { source: [CLAIM_EVENT_SOURCE(config.stage)], detailType: [...INSURER_EVENT_TYPES] },
      maxReceiveCount: webhookAttempts(config.webhooks),
    });
    const { retryDelaysSeconds, attemptTimeoutSeconds } = config.webhooks;

    const longest = Math.max(...retryDelaysSeconds);
    if (longest > MAX_VISIBILITY.toSeconds() - this.pair.consumerTimeout.toSeconds()) {
      throw new Error(`${id}: a retry delay of ${longest} s does not fit in one visibility change (at most 12 h from the receive)`);
    }
    if (attemptTimeoutSeconds >= this.pair.consumerTimeout.toSeconds()) {
      throw new Error(`${id}: the attempt timeout (${attemptTimeoutSeconds} s) must be shorter than the dispatcher's timeout`);
    }
    const schedule = retryDelaysSeconds.reduce((sum, d) => sum + d, 0) + webhookAttempts(config.webhooks) * this.pair.consumerTimeout.toSeconds();
    if (schedule >= this.pair.retentionPeriod.toSeconds()) {
      throw new Error(`${id}: the retry schedule (${schedule} s) outlasts the queue's retention`);
    }
  }
}
