/**
 * EventBridge errors on the wire (AWS JSON 1.1): HTTP status + `{"__type": <name>,
 * "message": ...}` and the same name in `x-amzn-errortype`, which is how SDK v3 and
 * botocore turn them into `err.name`. Modelled errors carry their shape name;
 * ValidationException, UnknownOperationException and SerializationException are the
 * service framework's common errors.
 */
import { AwsEndpointError } from '../aws-endpoint/errors';

export type EventBridgeErrorKind =
  | 'ResourceNotFoundException'
  | 'InvalidEventPatternException'
  | 'ValidationException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalException'
  // IAM refused the call (local/iam).
  | 'AccessDeniedException';

const STATUS: Record<EventBridgeErrorKind, number> = {
  ResourceNotFoundException: 400,
  InvalidEventPatternException: 400,
  ValidationException: 400,
  UnknownOperationException: 400,
  SerializationException: 400,
  InternalException: 500,
  AccessDeniedException: 400,
};

export class EventBridgeError extends AwsEndpointError<EventBridgeErrorKind> {
  get status(): number {
    return STATUS[this.kind];
  }
}

/** Anything thrown while serving a request that is not an EventBridgeError is a bug: 500. */
export function toEventBridgeError(error: unknown): EventBridgeError {
  if (error instanceof EventBridgeError) return error;
  return new EventBridgeError('InternalException', 'An internal error occurred.');
}

export const errors = {
  busNotFound: (name: string) => new EventBridgeError('ResourceNotFoundException', `Event bus ${name} does not exist.`),
  /** The service framework's wording for a constraint on a request member. */
  constraint: (value: string, member: string, constraint: string) =>
    new EventBridgeError('ValidationException', `1 validation error detected: Value ${value} at '${member}' failed to satisfy constraint: ${constraint}`),
};
