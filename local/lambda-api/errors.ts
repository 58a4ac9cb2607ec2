/**
 * Lambda's own errors on the wire (REST-JSON): HTTP status, the name in `x-amzn-ErrorType`
 * (which SDK v3 and botocore turn into `err.name`), and a `{"Type", "Message"}` body —
 * `User` for the caller's mistakes, `Service` for the endpoint's. A function's own error is
 * not one of these: it is a 200 with X-Amz-Function-Error (invoke-response.ts).
 */
import { AwsEndpointError } from '../aws-endpoint/errors';

export type LambdaApiErrorKind =
  | 'ResourceNotFoundException'
  | 'InvalidRequestContentException'
  | 'InvalidParameterValueException'
  | 'ValidationException'
  | 'RequestEntityTooLargeException'
  | 'TooManyRequestsException'
  | 'AccessDeniedException'
  | 'UnknownOperationException'
  | 'ServiceException';

const STATUS: Record<LambdaApiErrorKind, number> = {
  ResourceNotFoundException: 404,
  InvalidRequestContentException: 400,
  InvalidParameterValueException: 400,
  ValidationException: 400,
  RequestEntityTooLargeException: 413,
  TooManyRequestsException: 429,
  AccessDeniedException: 403,
  UnknownOperationException: 404,
  ServiceException: 500,
};

export class LambdaApiError extends AwsEndpointError<LambdaApiErrorKind> {
  get status(): number {
    return STATUS[this.kind];
  }

  /** The body's `Type`: who has to change something. */
  get faultType(): 'User' | 'Service' {
    return this.status >= 500 ? 'Service' : 'User';
  }
}

/** Anything thrown while serving that is not a LambdaApiError is a bug of the endpoint: 500. */
export function toLambdaApiError(err: unknown): LambdaApiError {
  if (err instanceof LambdaApiError) return err;
  return new LambdaApiError('ServiceException', 'An internal error occurred in the local Lambda endpoint.');
}
