/**
 * AWS::Lambda::EventSourceMapping → LocalEventSourceMapping. Only SQS sources run locally;
 * streams (DynamoDB, Kinesis) and brokers have no local poller and are reported.
 */
import type { LocalEventSourceMapping, LocalQueue } from '../topology';
import { TemplateError } from './errors';
import type { FunctionIndex } from './function-index';
import { asBoolean, asNumber, eachResource, isRecord, unsupported, type MapContext } from './map-context';

// Lambda's documented default batch size for SQS sources.
const DEFAULT_BATCH_SIZE = 10;

export function mapEventSourceMappings(
  ctx: MapContext,
  queues: readonly LocalQueue[],
  functions: FunctionIndex,
): LocalEventSourceMapping[] {
  return eachResource(ctx, 'AWS::Lambda::EventSourceMapping', (r) => {
    const sourceArn = r.prop('EventSourceArn');
    if (typeof sourceArn !== 'string' || !sourceArn.includes(':sqs:')) {
      return unsupported(ctx, r, `event source ${String(sourceArn ?? '(none)')} is not an SQS queue; only SQS sources are polled locally`);
    }
    const queue = queues.find((q) => q.arn === sourceArn) ?? queues.find((q) => sourceArn.endsWith(`:${q.queueName}`));
    if (!queue) throw new TemplateError(r.where, `event source ${sourceArn} is not a queue of the selected stacks`);
    const fn = functions.find(r.prop('FunctionName'));
    if (!fn) throw new TemplateError(r.where, `FunctionName ${String(r.prop('FunctionName'))} is not a function of the selected stacks`);
    const responseTypes = r.prop('FunctionResponseTypes');
    const scaling = r.prop('ScalingConfig');
    const mapping: LocalEventSourceMapping = {
      logicalId: r.logicalId,
      functionLogicalId: fn.logicalId,
      queueLogicalId: queue.logicalId,
      batchSize: asNumber(r.prop('BatchSize'), DEFAULT_BATCH_SIZE),
      maximumBatchingWindowSeconds: asNumber(r.prop('MaximumBatchingWindowInSeconds'), 0),
      reportBatchItemFailures: Array.isArray(responseTypes) && responseTypes.includes('ReportBatchItemFailures'),
      enabled: asBoolean(r.prop('Enabled'), true),
    };
    if (isRecord(scaling) && scaling.MaximumConcurrency !== undefined) {
      mapping.maximumConcurrency = asNumber(scaling.MaximumConcurrency, 2);
    }
    return mapping;
  });
}
