/** AWS::SQS::Queue → LocalQueue, with CloudFormation's defaults and the redrive target's local ARN. */
import type { LocalQueue } from '../topology';
import { TemplateError } from './errors';
import { asBoolean, asNumber, eachResource, isRecord, type MapContext } from './map-context';

// SQS's documented defaults for attributes the template leaves out.
const DEFAULT_VISIBILITY_TIMEOUT = 30;
const DEFAULT_RETENTION = 345_600; // 4 days

export function mapQueues(ctx: MapContext): LocalQueue[] {
  return eachResource(ctx, 'AWS::SQS::Queue', (r) => {
    const queue: LocalQueue = {
      logicalId: r.logicalId,
      queueName: r.stack.physicalName(r.logicalId),
      url: String(r.stack.ref(r.logicalId, r.where)),
      arn: String(r.stack.getAtt(r.logicalId, 'Arn', r.where)),
      fifo: asBoolean(r.prop('FifoQueue'), false),
      contentBasedDeduplication: asBoolean(r.prop('ContentBasedDeduplication'), false),
      visibilityTimeoutSeconds: asNumber(r.prop('VisibilityTimeout'), DEFAULT_VISIBILITY_TIMEOUT),
      messageRetentionSeconds: asNumber(r.prop('MessageRetentionPeriod'), DEFAULT_RETENTION),
      delaySeconds: asNumber(r.prop('DelaySeconds'), 0),
      receiveWaitTimeSeconds: asNumber(r.prop('ReceiveMessageWaitTimeSeconds'), 0),
    };
    let redrive = r.prop('RedrivePolicy');
    // The property accepts a JSON object or its string form.
    if (typeof redrive === 'string') redrive = JSON.parse(redrive) as unknown;
    if (isRecord(redrive)) {
      const deadLetterTargetArn = redrive.deadLetterTargetArn;
      const maxReceiveCount = asNumber(redrive.maxReceiveCount, NaN);
      if (typeof deadLetterTargetArn !== 'string' || !Number.isInteger(maxReceiveCount)) {
        throw new TemplateError(r.where, 'RedrivePolicy needs deadLetterTargetArn and maxReceiveCount');
      }
      queue.redrive = { deadLetterTargetArn, maxReceiveCount };
    }
    return queue;
  });
}
