/**
 * Webhook dispatcher: delivers insurer events from the webhook queue to the insurers'
 * webhooks, signed per Standard Webhooks (services/webhook-dispatch.ts has the rules).
 * Records are independent (standard queue): Powertools' BatchProcessor runs them in
 * parallel and reports each failed one in `batchItemFailures`; the failed record's
 * visibility was already moved to its next retry time, which Lambda leaves as it is.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { ChangeMessageVisibilityCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { cachedDecrypt, decryptWebhookSecret } from '../../shared/crypto/webhook-secrets';
import { logger } from '../../shared/lib/logger';
import { dispatchWebhookRecord, type DispatchDeps } from '../../shared/services/webhook-dispatch';
import { defaultStore } from '../../shared/store/client';
import { webhooksRepository } from '../../shared/store/webhooks-repository';
import { postWebhook } from '../../shared/webhooks/deliver';
import { readWebhookSettings } from '../../shared/webhooks/settings';

export const DEAD_LETTERED_METRIC = 'WebhookDeadLettered';

const sqs = new SQSClient({});
const subscriptions = webhooksRepository(defaultStore());
const metrics = new Metrics();
const processor = new BatchProcessor(EventType.SQS);

/** Queue URL per event-source ARN, asked once per container (works in any partition and locally). */
const queueUrls = new Map<string, Promise<string>>();
function queueUrlOf(arn: string): Promise<string> {
  let url = queueUrls.get(arn);
  if (!url) {
    const [, , , , account, name] = arn.split(':');
    url = sqs.send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account })).then((out) => out.QueueUrl!);
    url.catch(() => queueUrls.delete(arn));
    queueUrls.set(arn, url);
  }
  return url;
}

const deps: DispatchDeps = {
  settings: readWebhookSettings(),
  subscription: (tenantId) => subscriptions.get(tenantId),
  decrypt: cachedDecrypt(decryptWebhookSecret),
  post: postWebhook,
  async setVisibility(record: SQSRecord, seconds: number) {
    const QueueUrl = await queueUrlOf(record.eventSourceARN);
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: record.receiptHandle, VisibilityTimeout: seconds }));
  },
  now: () => new Date(),
  delivered: (info) => logger.info('webhook delivered', { ...info }),
  failed: (info) => logger.warn('webhook attempt failed', { ...info }),
  deadLettered(info) {
    logger.error('webhook dead-lettered', { ...info });
    // One EMF document per dead letter, so its metadata names the event and the insurer.
    metrics.addMetadata('eventId', info.eventId ?? 'unreadable');
    metrics.addMetadata('insurer', info.insurer ?? 'unknown');
    metrics.addMetric(DEAD_LETTERED_METRIC, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  },
};

async function deliver(record: SQSRecord): Promise<void> {
  const outcome = await dispatchWebhookRecord(record, deps);
  if (outcome === 'no-subscription') logger.debug('no webhook for this insurer', { messageId: record.messageId });
}

export const handler = async (event: SQSEvent, context: Context) =>
  processPartialResponse(event, deliver, processor, { context, throwOnFullBatchFailure: false });
