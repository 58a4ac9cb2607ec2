/**
 * AWS JSON 1.1, EventBridge's protocol: `POST /` with `X-Amz-Target: AWSEvents.<Action>`
 * and `Content-Type: application/x-amz-json-1.1`; the answer is JSON of the same type.
 * Timestamps travel as epoch seconds (numbers, possibly fractional).
 */
import { EventBridgeError } from './errors';

export const JSON_11_CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AWSEvents.';

export type JsonInput = Record<string, unknown>;

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function parseJsonRequest(target: string, body: Buffer): { action: string; input: JsonInput } {
  if (!target.startsWith(TARGET_PREFIX)) throw new EventBridgeError('UnknownOperationException', `Unknown operation ${target}`);
  const action = target.slice(TARGET_PREFIX.length);
  const text = body.toString('utf8').trim();
  if (text === '') return { action, input: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EventBridgeError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EventBridgeError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return { action, input: parsed as JsonInput };
}

export function jsonResponse(output: unknown, requestId: string): WireResponse {
  return { status: 200, headers: { 'content-type': JSON_11_CONTENT_TYPE, 'x-amzn-requestid': requestId }, body: JSON.stringify(output) };
}

export function jsonError(error: EventBridgeError, requestId: string): WireResponse {
  return {
    status: error.status,
    headers: { 'content-type': JSON_11_CONTENT_TYPE, 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.kind },
    body: JSON.stringify({ __type: error.kind, message: error.message }),
  };
}

/** A JSON 1.1 timestamp (epoch seconds) as a Date; also accepts an ISO string (some clients send one). */
export function readTimestamp(value: unknown): Date | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000);
  if (typeof value === 'string' && value.trim() !== '') {
    const asNumber = Number(value);
    const date = Number.isFinite(asNumber) ? new Date(asNumber * 1000) : new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

export const epochSeconds = (ms: number): number => Math.floor(ms) / 1000;
