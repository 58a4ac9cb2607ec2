/**
 * Publishes CloudEvents to the Anxin event bus (EventBridge PutEvents).
 *
 * At-least-once: PutEvents can accept some entries of a call and fail others
 * (`FailedEntryCount`, a per-entry `ErrorCode`). Only the failed entries are sent again,
 * a few times with backoff; if some still fail, publishEvents throws, the SQS record that
 * caused the events fails, and its redelivery publishes again — with the same CloudEvent
 * ids, which is what consumers deduplicate on (EventBridge's own event id differs on every
 * PutEvents and is not a dedup key).
 *
 * One module-level client. The bus name comes from EVENT_BUS_NAME (set by the
 * EventPublisher construct); the endpoint is the SDK's business: on the local platform it
 * finds AWS_ENDPOINT_URL_EVENTBRIDGE by itself (the SDK's service id is "EventBridge"),
 * so there is no local branch here.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { equalJitterMs, sleep } from '../lib/backoff';
import { requiredEnv } from '../lib/env';
import type { CloudEvent } from './cloudevent';
import { batchEntries, toPutEventsEntry, type PreparedEntry } from './put-events-entries';

export const EVENT_BUS_NAME_ENV = 'EVENT_BUS_NAME';

const client = new EventBridgeClient({});

/**
 * Entry errors that a retry cannot fix (EventBridge API reference, PutEventsResultEntry).
 * Retryable ones are InternalFailure and ThrottlingException; an unknown code is retried.
 */
const PERMANENT_ERRORS = new Set([
  'AccessDeniedException',
  'InvalidAccountIdException',
  'InvalidArgument',
  'MalformedDetail',
  'RedactionFailure',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);

export interface EntryFailure {
  eventId: string;
  errorCode: string;
  errorMessage?: string;
}

export class PublishError extends Error {
  constructor(readonly failures: readonly EntryFailure[], attempts: number) {
    super(
      `EventBridge did not accept ${failures.length} event(s) after ${attempts} attempt(s): ` +
        failures.map((f) => `${f.eventId} ${f.errorCode}${f.errorMessage ? ` (${f.errorMessage})` : ''}`).join('; '),
    );
    this.name = 'PublishError';
  }
}

export interface PublishOptions {
  /** Default: env EVENT_BUS_NAME. */
  eventBusName?: string;
  /** PutEvents attempts per batch, counting the first (default 4). */
  maxAttempts?: number;
  /** Wait before retry `attempt` (1-based), ms. Default: 100 ms doubling, with jitter. */
  backoffMs?: (attempt: number) => number;
  /** Default: the module-level client. */
  client?: EventBridgeClient;
}

const defaultBackoff = (attempt: number) => equalJitterMs(attempt, 100);

/** Publishes `events` in order; resolves when EventBridge has accepted every one of them. */
export async function publishEvents(events: readonly CloudEvent[], options: PublishOptions = {}): Promise<void> {
  if (events.length === 0) return;
  const busName = options.eventBusName ?? requiredEnv(EVENT_BUS_NAME_ENV);
  const prepared = events.map((event) => toPutEventsEntry(event, busName));
  for (const batch of batchEntries(prepared)) await putBatch(batch, options);
}

async function putBatch(batch: PreparedEntry[], options: PublishOptions): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 4;
  const backoff = options.backoffMs ?? defaultBackoff;
  let pending = batch;
  for (let attempt = 1; ; attempt++) {
    const out = await (options.client ?? client).send(new PutEventsCommand({ Entries: pending.map((p) => p.entry) }));
    // Result entries are in request order; a missing one counts as failed.
    const failures: { prepared: PreparedEntry; failure: EntryFailure }[] = [];
    pending.forEach((prepared, i) => {
      const result = out.Entries?.[i];
      if (result?.EventId && !result.ErrorCode) return;
      failures.push({
        prepared,
        failure: { eventId: prepared.eventId, errorCode: result?.ErrorCode ?? 'MissingResultEntry', errorMessage: result?.ErrorMessage },
      });
    });
    if (failures.length === 0) return;
    const permanent = failures.some((f) => PERMANENT_ERRORS.has(f.failure.errorCode));
    if (permanent || attempt >= maxAttempts) throw new PublishError(failures.map((f) => f.failure), attempt);
    await sleep(backoff(attempt));
    pending = failures.map((f) => f.prepared);
  }
}
