/**
 * PutEvents: request-level checks (ValidationException), then per-entry checks with the
 * service's error codes and messages; accepted entries become EventBridge events. Which
 * rules they match and where they go is the server's business (server.ts).
 *
 * As on AWS, an entry for a bus that does not exist is accepted (it gets an EventId) and
 * goes nowhere; the server logs it, since locally that is almost always a wrong
 * EVENT_BUS_NAME.
 */
import { EventBridgeError, errors } from './errors';
import { eventBridgeEvent, type EventBridgeEvent } from './event';
import { readTimestamp, type JsonInput } from './json-protocol';
import { busNameOf, type BusRegistry } from './registry';

export const MAX_ENTRIES = 10;
export const MAX_REQUEST_BYTES = 256 * 1024;

export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export interface AcceptedEvent {
  busName: string;
  /** False when the bus does not exist (accepted, delivered nowhere). */
  busExists: boolean;
  event: EventBridgeEvent;
}

export interface PutEventsContext {
  registry: BusRegistry;
  account: string;
  region: string;
  now: () => number;
  newEventId: () => string;
}

const utf8 = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);

/** "Calculating PutEvents event entry size" in the EventBridge user guide. */
function entrySize(entry: JsonInput): number {
  const resources = Array.isArray(entry.Resources) ? entry.Resources.reduce((n: number, r) => n + utf8(r), 0) : 0;
  return (entry.Time !== undefined ? 14 : 0) + utf8(entry.Source) + utf8(entry.DetailType) + utf8(entry.Detail) + resources;
}

const invalid = (name: string, reason: string): PutEventsResultEntry => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${name} is not valid. Reason: ${reason}`,
});

function checkEntry(entry: JsonInput): PutEventsResultEntry | { detail: Record<string, unknown> } {
  if (typeof entry.Source !== 'string' || entry.Source === '') return invalid('Source', 'Source is a required argument.');
  if (typeof entry.DetailType !== 'string' || entry.DetailType === '') return invalid('DetailType', 'DetailType is a required argument.');
  if (typeof entry.Detail !== 'string' || entry.Detail === '') return invalid('Detail', 'Detail is a required argument.');
  // Events from AWS services' sources cannot be put by an account.
  if (entry.Source.startsWith('aws.')) return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    detail = undefined;
  }
  // Detail must be a JSON object: a string, number or array is malformed too.
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (entry.Time !== undefined && readTimestamp(entry.Time) === undefined) return invalid('Time', 'Time is not a valid timestamp.');
  return { detail: detail as Record<string, unknown> };
}

export function putEvents(input: JsonInput, ctx: PutEventsContext): { output: { FailedEntryCount: number; Entries: PutEventsResultEntry[] }; accepted: AcceptedEvent[] } {
  const entries = input.Entries;
  if (entries === undefined || entries === null) throw errors.constraint('null', 'entries', 'Member must not be null');
  if (!Array.isArray(entries)) throw errors.constraint(JSON.stringify(entries), 'entries', 'Member must be a list');
  if (entries.length < 1) throw errors.constraint('[]', 'entries', 'Member must have length greater than or equal to 1');
  if (entries.length > MAX_ENTRIES) {
    throw errors.constraint(`'[${entries.length} entries]'`, 'entries', `Member must have length less than or equal to ${MAX_ENTRIES}`);
  }
  const objects = entries.map((e) => (typeof e === 'object' && e !== null && !Array.isArray(e) ? (e as JsonInput) : {}));
  const total = objects.reduce((n, e) => n + entrySize(e), 0);
  if (total > MAX_REQUEST_BYTES) {
    throw new EventBridgeError('ValidationException', 'Total size of the entries in the request is over the limit.');
  }

  const results: PutEventsResultEntry[] = [];
  const accepted: AcceptedEvent[] = [];
  for (const entry of objects) {
    const checked = checkEntry(entry);
    if (!('detail' in checked)) {
      results.push(checked);
      continue;
    }
    const id = ctx.newEventId();
    const busName = busNameOf(typeof entry.EventBusName === 'string' ? entry.EventBusName : undefined);
    const time = entry.Time === undefined ? new Date(ctx.now()) : readTimestamp(entry.Time)!;
    const resources = Array.isArray(entry.Resources) ? entry.Resources.filter((r): r is string => typeof r === 'string') : [];
    accepted.push({
      busName,
      busExists: ctx.registry.bus(busName) !== undefined,
      event: eventBridgeEvent({
        id,
        source: entry.Source as string,
        detailType: entry.DetailType as string,
        detail: checked.detail,
        resources,
        time,
        account: ctx.account,
        region: ctx.region,
      }),
    });
    results.push({ EventId: id });
  }
  return { output: { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results }, accepted };
}
