/**
 * SQS errors, with the three names each one has on the wire.
 *
 * Since SQS moved from the query protocol to AWS JSON 1.0 it is "query compatible": a JSON
 * error carries the Smithy shape name in `__type` AND the legacy query error code in the
 * `x-amzn-query-error: <code>;<Sender|Receiver>` header. SDK v3 and botocore both prefer
 * the header (that is how `err.name` becomes e.g. `InvalidParameterValue`, an error that
 * has no shape in the service model), so both must be right. The query codes and HTTP
 * statuses below are the `awsQueryError` traits of the SQS Smithy model shipped in
 * @aws-sdk/client-sqs; the common errors (InvalidParameterValue, MissingParameter, ...)
 * are documented under "Common Errors" in the SQS API reference and have no shape.
 */
import { AwsEndpointError } from '../aws-endpoint/errors';

export type ErrorKind =
  // Modelled errors (shape name = kind).
  | 'QueueDoesNotExist'
  | 'QueueNameExists'
  | 'ReceiptHandleIsInvalid'
  | 'MessageNotInflight'
  | 'EmptyBatchRequest'
  | 'TooManyEntriesInBatchRequest'
  | 'BatchEntryIdsNotDistinct'
  | 'InvalidBatchEntryId'
  | 'BatchRequestTooLong'
  | 'InvalidAttributeName'
  | 'InvalidAttributeValue'
  | 'InvalidMessageContents'
  | 'UnsupportedOperation'
  | 'ResourceNotFoundException'
  | 'PurgeQueueInProgress'
  | 'OverLimit'
  // Common (unmodelled) errors.
  | 'InvalidParameterValue'
  | 'MissingParameter'
  | 'InvalidAction'
  | 'MissingAction'
  | 'SerializationException'
  | 'InternalFailure'
  // IAM refused the call (local/iam).
  | 'AccessDenied';

interface ErrorWire {
  /** Legacy query error code (XML `<Code>` and the `x-amzn-query-error` header). */
  queryCode: string;
  /** `__type` of the JSON error body. */
  jsonType: string;
  status: number;
  fault: 'Sender' | 'Receiver';
}

const modelled = (queryCode: string, status: number) => (kind: string): ErrorWire => ({
  queryCode,
  jsonType: `com.amazonaws.sqs#${kind}`,
  status,
  fault: 'Sender',
});

// For errors without a shape AWS answers with a coral-style exception name in `__type`;
// clients never see it (they take the header), so only the header value is load-bearing.
const common = (queryCode: string, jsonType: string, status = 400): ErrorWire => ({
  queryCode,
  jsonType,
  status,
  fault: status >= 500 ? 'Receiver' : 'Sender',
});

const WIRE: Record<ErrorKind, ErrorWire> = {
  QueueDoesNotExist: modelled('AWS.SimpleQueueService.NonExistentQueue', 400)('QueueDoesNotExist'),
  QueueNameExists: modelled('QueueAlreadyExists', 400)('QueueNameExists'),
  ReceiptHandleIsInvalid: modelled('ReceiptHandleIsInvalid', 404)('ReceiptHandleIsInvalid'),
  MessageNotInflight: modelled('AWS.SimpleQueueService.MessageNotInflight', 400)('MessageNotInflight'),
  EmptyBatchRequest: modelled('AWS.SimpleQueueService.EmptyBatchRequest', 400)('EmptyBatchRequest'),
  TooManyEntriesInBatchRequest: modelled('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 400)(
    'TooManyEntriesInBatchRequest',
  ),
  BatchEntryIdsNotDistinct: modelled('AWS.SimpleQueueService.BatchEntryIdsNotDistinct', 400)(
    'BatchEntryIdsNotDistinct',
  ),
  InvalidBatchEntryId: modelled('AWS.SimpleQueueService.InvalidBatchEntryId', 400)('InvalidBatchEntryId'),
  BatchRequestTooLong: modelled('AWS.SimpleQueueService.BatchRequestTooLong', 400)('BatchRequestTooLong'),
  InvalidAttributeName: modelled('InvalidAttributeName', 400)('InvalidAttributeName'),
  InvalidAttributeValue: modelled('InvalidAttributeValue', 400)('InvalidAttributeValue'),
  InvalidMessageContents: modelled('InvalidMessageContents', 400)('InvalidMessageContents'),
  UnsupportedOperation: modelled('AWS.SimpleQueueService.UnsupportedOperation', 400)('UnsupportedOperation'),
  ResourceNotFoundException: modelled('ResourceNotFoundException', 404)('ResourceNotFoundException'),
  PurgeQueueInProgress: modelled('AWS.SimpleQueueService.PurgeQueueInProgress', 403)('PurgeQueueInProgress'),
  OverLimit: modelled('OverLimit', 403)('OverLimit'),
  InvalidParameterValue: common('InvalidParameterValue', 'com.amazonaws.sqs#InvalidParameterValueException'),
  MissingParameter: common('MissingParameter', 'com.amazonaws.sqs#MissingRequiredParameterException'),
  InvalidAction: common('InvalidAction', 'com.amazon.coral.service#UnknownOperationException'),
  MissingAction: common('MissingAction', 'com.amazon.coral.service#UnknownOperationException'),
  SerializationException: common('SerializationException', 'com.amazon.coral.service#SerializationException'),
  InternalFailure: common('InternalFailure', 'com.amazon.coral.service#InternalFailure', 500),
  AccessDenied: common('AccessDenied', 'com.amazon.coral.service#AccessDeniedException', 403),
};

export class SqsError extends AwsEndpointError<ErrorKind> {
  get wire(): ErrorWire {
    return WIRE[this.kind];
  }

  get status(): number {
    return this.wire.status;
  }

  override get jsonType(): string {
    return this.wire.jsonType;
  }
}

/** Turns anything thrown while serving a request into an SqsError (unknown bugs -> 500). */
export function toSqsError(err: unknown): SqsError {
  if (err instanceof SqsError) return err;
  return new SqsError('InternalFailure', 'We encountered an internal error. Please try again.');
}

// Constructors for the errors raised in more than one place, with AWS's wording.
export const errors = {
  queueDoesNotExist: () => new SqsError('QueueDoesNotExist', 'The specified queue does not exist.'),
  missing: (name: string) =>
    new SqsError('MissingParameter', `The request must contain the parameter ${name}.`),
  invalidValue: (name: string, value: unknown, reason: string) =>
    new SqsError(
      'InvalidParameterValue',
      `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
    ),
  invalidReceiptHandle: (handle: string) =>
    new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`),
  notForQueueType: (name: string, value: unknown) =>
    new SqsError(
      'InvalidParameterValue',
      `Value ${String(value)} for parameter ${name} is invalid. Reason: The request include parameter that is not valid for this queue type.`,
    ),
};
