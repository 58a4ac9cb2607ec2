/**
 * Metering proxies for services billed per request or per event rather than by capacity:
 * EventBridge (JSON protocol `AWSEvents.*`: custom events, every 64 KB chunk of an entry is
 * one event, entries the bus refused are not billed) and KMS (`TrentService.*`: every call
 * is one request). Calls pass through unchanged.
 */
import type { ExchangeHandler } from './http-proxy';
import { add, type EventBridgeUsage, type KmsUsage } from './usage';

const EVENT_CHUNK_BYTES = 64 * 1024;
// PutEvents entry size as AWS computes it: 14 bytes for Time when present, plus the UTF-8
// bytes of Source, DetailType, Detail and each Resources ARN.
const TIME_BYTES = 14;

interface PutEventsEntry {
  Time?: unknown;
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
}

export function putEventsEntryBytes(entry: PutEventsEntry): number {
  const utf8 = (s: string | undefined) => (s ? Buffer.byteLength(s, 'utf8') : 0);
  return (
    (entry.Time !== undefined ? TIME_BYTES : 0) +
    utf8(entry.Source) +
    utf8(entry.DetailType) +
    utf8(entry.Detail) +
    (entry.Resources ?? []).reduce((n, r) => n + utf8(r), 0)
  );
}

export const billedEvents = (entryBytes: number): number => Math.max(1, Math.ceil(entryBytes / EVENT_CHUNK_BYTES));

const parse = (buffer: Buffer): Record<string, any> => {
  try {
    return buffer.length ? (JSON.parse(buffer.toString('utf8')) as Record<string, any>) : {};
  } catch {
    return {};
  }
};

export function eventBridgeMeter(usage: () => EventBridgeUsage): ExchangeHandler {
  return async (req, forward) => {
    const res = await forward();
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.startsWith('AWSEvents.') ? target.slice('AWSEvents.'.length) : 'unknown';
    add(usage().calls, action, 1);
    if (action === 'PutEvents' && res.status === 200) {
      const entries = (parse(req.body).Entries ?? []) as PutEventsEntry[];
      const results = (parse(res.body).Entries ?? []) as { ErrorCode?: string }[];
      entries.forEach((entry, i) => {
        if (!results[i]?.ErrorCode) usage().events += billedEvents(putEventsEntryBytes(entry));
      });
    }
    return res;
  };
}

export function kmsMeter(usage: () => KmsUsage): ExchangeHandler {
  return async (req, forward) => {
    const res = await forward();
    const target = String(req.headers['x-amz-target'] ?? '');
    add(usage().calls, target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : 'unknown', 1);
    return res;
  };
}
