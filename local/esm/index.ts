/** Lambda's SQS event-source mapping, locally: poll, batch, invoke, settle. */
export {
  DEFAULT_LOCAL_CONCURRENCY,
  startEventSourceMapping,
  type EventSourceMappingHandle,
  type EventSourceMappingOptions,
} from './poller';
export { settleBatch, type BatchOutcome } from './batch-response';
export { toSqsEvent, toSqsRecord } from './sqs-event';
