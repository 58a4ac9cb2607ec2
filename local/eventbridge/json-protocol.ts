/**
 * AWS JSON 1.1, EventBridge's protocol: `POST /` with `X-Amz-Target: AWSEvents.<Action>`
 * and `Content-Type: application/x-amz-json-1.1`; the answer is JSON of the same type.
 * Timestamps travel as epoch seconds (numbers, possibly fractional).
 */
import { jsonProtocol } from '../aws-endpoint/json-protocol';
import { EventBridgeError } from './errors';

export type { JsonInput } from '../aws-endpoint/json-protocol';

export const protocol = jsonProtocol<EventBridgeError>({
  service: 'AWSEvents',
  version: '1.1',
  unknownOperation: (target) =>
    new EventBridgeError('UnknownOperationException', target === undefined ? 'Missing X-Amz-Target header.' : `Unknown operation ${target}`),
  serializationError: (message) => new EventBridgeError('SerializationException', message),
  errorHeaders: (error) => ({ 'x-amzn-errortype': error.kind }),
});

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
