/**
 * AWS JSON 1.1, KMS's protocol: `POST /` with `X-Amz-Target: TrentService.<Action>` and
 * `Content-Type: application/x-amz-json-1.1`; blobs travel base64-encoded, timestamps as
 * epoch seconds. Errors are `{"__type": ..., "message": ...}` with a 4xx/5xx status.
 */
import { KmsError } from './errors';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'TrentService.';

export type Input = Record<string, unknown>;
export type Output = Record<string, unknown>;

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function parseRequest(target: string | undefined, body: Buffer): { action: string; input: Input } {
  if (!target?.startsWith(TARGET_PREFIX)) {
    throw new KmsError('UnknownOperationException', `The operation ${target ?? '(no X-Amz-Target)'} is not valid for this endpoint.`);
  }
  const action = target.slice(TARGET_PREFIX.length);
  const text = body.toString('utf8').trim();
  if (text === '') return { action, input: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KmsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new KmsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return { action, input: parsed as Input };
}

export function jsonResponse(output: Output, requestId: string): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify(output),
  };
}

export function jsonError(err: KmsError, requestId: string): WireResponse {
  return {
    status: err.status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify({ __type: err.wireType, message: err.message }),
  };
}
