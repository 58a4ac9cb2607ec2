/**
 * AWS JSON 1.0, the protocol of SDK v3 (and of botocore since SQS switched in 2023):
 * `POST /` with `X-Amz-Target: AmazonSQS.<Action>` and a JSON body; responses are JSON,
 * errors carry `__type` plus the query-compatibility header (see errors.ts).
 */
import { SqsError } from './errors';
import type { Input, Output } from './input';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
const TARGET_PREFIX = 'AmazonSQS.';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function parseJsonRequest(target: string, body: Buffer): { action: string; input: Input } {
  if (!target.startsWith(TARGET_PREFIX)) {
    throw new SqsError('InvalidAction', `The action ${target} is not valid for this endpoint.`);
  }
  const action = target.slice(TARGET_PREFIX.length);
  const text = body.toString('utf8').trim();
  if (text === '') return { action, input: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SqsError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SqsError('SerializationException', 'Start of structure or map found where not expected.');
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

export function jsonError(err: SqsError, requestId: string): WireResponse {
  const { jsonType, queryCode, fault, status } = err.wire;
  return {
    status,
    headers: {
      'content-type': JSON_CONTENT_TYPE,
      'x-amzn-requestid': requestId,
      'x-amzn-query-error': `${queryCode};${fault}`,
    },
    body: JSON.stringify({ __type: jsonType, message: err.message }),
  };
}
