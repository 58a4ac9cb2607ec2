/**
 * CloudEvent → EventBridge PutEvents entry, and the batching PutEvents needs. Pure.
 *
 * Mapping: Source = the CloudEvent source, DetailType = its type (what rules match on),
 * Detail = the whole structured-mode CloudEvent JSON (so a target receives the envelope
 * intact, under `detail`), Time = its time.
 *
 * Limits (EventBridge quotas): at most 10 entries per PutEvents call, and the entries of
 * one call together at most 256 KB, sized the way AWS documents ("Calculating PutEvents
 * event entry size"): 14 bytes for Time, plus the UTF-8 bytes of Source, DetailType,
 * Detail and each Resources entry.
 */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { CloudEvent } from './cloudevent';

export const MAX_ENTRIES_PER_CALL = 10;
export const MAX_CALL_BYTES = 256 * 1024;
const TIME_BYTES = 14;

export class EventTooLargeError extends Error {
  constructor(eventId: string, bytes: number) {
    super(`event ${eventId} is ${bytes} bytes as a PutEvents entry; EventBridge accepts at most ${MAX_CALL_BYTES}`);
    this.name = 'EventTooLargeError';
  }
}

export interface PreparedEntry {
  /** The CloudEvent id, for error messages (never the event body: it is not logged). */
  eventId: string;
  entry: PutEventsRequestEntry;
  bytes: number;
}

export function entrySize(entry: PutEventsRequestEntry): number {
  const utf8 = (s: string | undefined) => (s === undefined ? 0 : Buffer.byteLength(s, 'utf8'));
  return (
    (entry.Time ? TIME_BYTES : 0) +
    utf8(entry.Source) +
    utf8(entry.DetailType) +
    utf8(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, r) => sum + utf8(r), 0)
  );
}

export function toPutEventsEntry(event: CloudEvent, eventBusName: string): PreparedEntry {
  const entry: PutEventsRequestEntry = {
    EventBusName: eventBusName,
    Source: event.source,
    DetailType: event.type,
    Detail: JSON.stringify(event),
    ...(event.time ? { Time: new Date(event.time) } : {}),
  };
  const bytes = entrySize(entry);
  if (bytes > MAX_CALL_BYTES) throw new EventTooLargeError(event.id, bytes);
  return { eventId: event.id, entry, bytes };
}

/** Splits entries, in order, into calls of at most 10 entries and 256 KB. */
export function batchEntries(entries: readonly PreparedEntry[]): PreparedEntry[][] {
  const batches: PreparedEntry[][] = [];
  let current: PreparedEntry[] = [];
  let bytes = 0;
  for (const e of entries) {
    if (current.length === MAX_ENTRIES_PER_CALL || (current.length > 0 && bytes + e.bytes > MAX_CALL_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(e);
    bytes += e.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
