/**
 * Invoke's answers as Lambda writes them. A synchronous invocation that ran is a 200 even
 * when the function failed: the failure is the X-Amz-Function-Error header and the Node.js
 * runtime's `{errorType, errorMessage, trace}` body. Only an invocation Lambda refused before
 * running anything (throttled, payload too large) is an API error with its own status.
 */
import { ErrorTypes, type InvokeResult } from '../lambda';
import type { WireResponse } from '../aws-endpoint/http-server';
import { LambdaApiError } from './errors';
import { payloadTooLarge } from './invoke-request';

const JSON_TYPE = 'application/json';

/**
 * The refusal an InvokeResult stands for, if it is one. The host refuses before running
 * anything, so a refusal took no time and had no cold start; a handler's own error of the
 * same name (a throttled SDK call inside the function) did run and stays a function error.
 */
function refusalOf(result: InvokeResult): LambdaApiError | undefined {
  if (result.ok || result.coldStart || result.durationMs !== 0) return undefined;
  if (result.error.errorType === ErrorTypes.throttled) return new LambdaApiError('TooManyRequestsException', result.error.errorMessage);
  if (result.error.errorType === ErrorTypes.requestTooLarge) {
    const limit = /(\d+) bytes/.exec(result.error.errorMessage)?.[1];
    return limit ? payloadTooLarge(Number(limit)) : new LambdaApiError('RequestEntityTooLargeException', result.error.errorMessage);
  }
  return undefined;
}

export function errorResponse(error: LambdaApiError, requestId: string): WireResponse {
  const body: Record<string, string> = { Type: error.faultType, Message: error.message };
  // Lambda says why it throttled; the local host throttles on reserved concurrency only.
  if (error.kind === 'TooManyRequestsException') body.Reason = 'ReservedFunctionConcurrentInvocationLimitExceeded';
  return {
    status: error.status,
    headers: { 'content-type': JSON_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.jsonType },
    body: JSON.stringify(body),
  };
}

/** The answer to a RequestResponse invocation; its request id is the one the handler saw. */
export function syncResponse(result: InvokeResult): WireResponse {
  const refusal = refusalOf(result);
  if (refusal) return errorResponse(refusal, result.requestId);
  const headers: Record<string, string> = {
    'content-type': JSON_TYPE,
    'x-amzn-requestid': result.requestId,
    'x-amz-executed-version': '$LATEST',
  };
  if (result.ok) return { status: 200, headers, body: JSON.stringify(result.result) ?? 'null' };
  const { errorType, errorMessage, stack } = result.error;
  return {
    status: 200,
    headers: { ...headers, 'x-amz-function-error': 'Unhandled' },
    body: JSON.stringify({ errorType, errorMessage, ...(stack && stack.length > 0 ? { trace: stack } : {}) }),
  };
}

/** Event: accepted for a run in the background. DryRun: would have been allowed. */
export function acceptedResponse(status: 202 | 204, requestId: string): WireResponse {
  return { status, headers: { 'x-amzn-requestid': requestId }, body: '' };
}
