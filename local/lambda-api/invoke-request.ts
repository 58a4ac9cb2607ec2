/**
 * An Invoke request as the Lambda REST API carries it:
 *   POST /2015-03-31/functions/{FunctionName}/invocations[?Qualifier=]
 *   X-Amz-Invocation-Type: RequestResponse (default) | Event | DryRun
 *   body: the event, any JSON value (empty = `{}`, as `aws lambda invoke` without --payload)
 * The size limits are Lambda's, checked on the bytes as sent, as Lambda does: the
 * synchronous one is the function host's own; the asynchronous one is the Event queue's.
 */
import { PAYLOAD_LIMIT_BYTES } from '../lambda';
import { LambdaApiError } from './errors';
import { parseFunctionName, type FunctionRef } from './function-name';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeRequest {
  ref: FunctionRef;
  type: InvocationType;
}

/** Lambda's limit for an asynchronous (Event) invocation's payload: 1 MiB (256 KiB until 2025). */
export const ASYNC_PAYLOAD_LIMIT_BYTES = 1024 * 1024;

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;
const TYPES: readonly InvocationType[] = ['Event', 'RequestResponse', 'DryRun'];

/** What the request asks for, from its method, path and headers (the body is read later). */
export function parseInvoke(method: string | undefined, url: string | undefined, invocationType: string | string[] | undefined): InvokeRequest {
  const parsed = new URL(url ?? '/', 'http://localhost');
  const match = INVOKE_PATH.exec(parsed.pathname);
  if (method !== 'POST' || !match) {
    throw new LambdaApiError('UnknownOperationException', 'The local Lambda endpoint serves Invoke only: POST /2015-03-31/functions/{FunctionName}/invocations');
  }
  let raw: string;
  try {
    raw = decodeURIComponent(match[1]!);
  } catch {
    raw = match[1]!;
  }
  const type = invocationType === undefined ? 'RequestResponse' : String(invocationType);
  if (!TYPES.includes(type as InvocationType)) {
    throw new LambdaApiError(
      'ValidationException',
      `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${TYPES.join(', ')}]`,
    );
  }
  return { ref: parseFunctionName(raw, parsed.searchParams.get('Qualifier') || undefined), type: type as InvocationType };
}

/** The event the body holds, or Lambda's refusal of it. */
export function parsePayload(body: Buffer, type: InvocationType): unknown {
  const limit = type === 'Event' ? ASYNC_PAYLOAD_LIMIT_BYTES : PAYLOAD_LIMIT_BYTES;
  if (body.length > limit) throw payloadTooLarge(limit);
  const text = body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new LambdaApiError('InvalidRequestContentException', `Could not parse request body into json: ${(err as Error).message}`);
  }
}

export function payloadTooLarge(limit: number): LambdaApiError {
  return new LambdaApiError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes for the InvokeFunction operation`);
}
