/**
 * One webhook delivery attempt for one SQS record of the webhook queue (the record body is
 * the CloudEvent, InputPath `$.detail`), and what follows a failure.
 *
 *   subscription of the event's `anxininsurer`?  none → done (nothing to deliver; not an error)
 *   sign (webhook-id = CloudEvent id, webhook-timestamp = now) and POST the body as it came
 *   2xx → delivered
 *   otherwise → attempt n of N failed:
 *     n < N: the message's visibility moves to the n-th delay of the schedule (the record is
 *            reported failed, so Lambda leaves the message in the queue; SQS shows it again
 *            after the delay, with ApproximateReceiveCount n + 1)
 *     n = N: dead-lettered — logged, metric WebhookDeadLettered, and the message made visible
 *            at once, so SQS moves it to the DLQ on its next receive (maxReceiveCount = N)
 *
 * At least once: a receiver may get the same webhook-id again (a retry after an answer that
 * was lost, a redrive); receivers deduplicate on it. Dependencies are injected, so the
 * schedule is tested without a network (test/unit/webhook-dispatch.test.ts).
 */
import type { SQSRecord } from 'aws-lambda';
import { ID_PATTERNS } from '../lib/ids';
import type { WebhookSubscription } from '../store/webhooks-repository';
import { INSURANCE_EVENT_EXTENSIONS } from '../events/claim-event-types';
import type { AttemptResult, PostOptions } from '../webhooks/deliver';
import { afterFailedAttempt } from '../webhooks/retry-schedule';
import type { WebhookSettings } from '../webhooks/settings';
import { signWebhook } from '../webhooks/signing';
import { hostOf } from '../webhooks/url-rules';

export const WEBHOOK_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';
export const WEBHOOK_USER_AGENT = 'Anxin-Webhooks/1.0';

export interface DeliveryLog {
  eventId?: string;
  insurer?: string;
  attempt: number;
  attempts: number;
  /** Host only: a URL's path and query may carry the receiver's own tokens. */
  host?: string;
  status?: number;
  error?: string;
  nextAttemptInSeconds?: number;
}

export interface DispatchDeps {
  settings: WebhookSettings;
  subscription(tenantId: string): Promise<WebhookSubscription | undefined>;
  decrypt(ciphertext: string, tenantId: string): Promise<string>;
  post(url: string, body: string, opts: PostOptions): Promise<AttemptResult>;
  /** ChangeMessageVisibility of the record's message to `seconds`. */
  setVisibility(record: SQSRecord, seconds: number): Promise<void>;
  now(): Date;
  delivered(info: DeliveryLog): void;
  failed(info: DeliveryLog): void;
  /** The last attempt failed: log it and emit WebhookDeadLettered. */
  deadLettered(info: DeliveryLog): void;
}

export type DispatchOutcome = 'delivered' | 'no-subscription';

/** Reported to Powertools as the record's failure (the message stays in the queue). */
export class WebhookAttemptFailedError extends Error {
  constructor(readonly info: DeliveryLog) {
    super(`webhook attempt ${info.attempt}/${info.attempts} for ${info.eventId ?? 'an unreadable message'} failed: ${info.error}`);
    this.name = 'WebhookAttemptFailedError';
  }
}

/** What the dispatcher needs from the CloudEvent: its id and its insurer. */
export function readWebhookEvent(body: string): { id: string; insurer: string } | undefined {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof event !== 'object' || event === null) return undefined;
  const { id, [INSURANCE_EVENT_EXTENSIONS.insurer]: insurer } = event as Record<string, unknown>;
  if (typeof id !== 'string' || id === '' || id.length > 256) return undefined;
  if (typeof insurer !== 'string' || !ID_PATTERNS.tenant.test(insurer)) return undefined;
  return { id, insurer };
}

/** The secrets a delivery is signed with: the current one, and the previous one during its grace period. */
async function signingSecrets(deps: DispatchDeps, sub: WebhookSubscription): Promise<string[]> {
  const secrets = [await deps.decrypt(sub.secretCiphertext, sub.tenantId)];
  const grace = sub.previousSecretExpiresAt !== undefined && Date.parse(sub.previousSecretExpiresAt) > deps.now().getTime();
  if (grace && sub.previousSecretCiphertext) secrets.push(await deps.decrypt(sub.previousSecretCiphertext, sub.tenantId));
  return secrets;
}

export async function dispatchWebhookRecord(record: SQSRecord, deps: DispatchDeps): Promise<DispatchOutcome> {
  const attempt = Math.max(1, Number(record.attributes?.ApproximateReceiveCount) || 1);
  const attempts = deps.settings.retryDelaysSeconds.length + 1;
  const event = readWebhookEvent(record.body);
  const info: DeliveryLog = { eventId: event?.id, insurer: event?.insurer, attempt, attempts };

  try {
    if (!event) throw new Error('the message is not a CloudEvent with an id and an anxininsurer');
    const sub = await deps.subscription(event.insurer);
    if (!sub) return 'no-subscription';
    try {
      info.host = hostOf(new URL(sub.url));
    } catch {
      // reported by post()
    }
    const headers = signWebhook({ id: event.id, timestamp: deps.now(), payload: record.body, secrets: await signingSecrets(deps, sub) });
    const result = await deps.post(sub.url, record.body, {
      timeoutMs: deps.settings.attemptTimeoutSeconds * 1000,
      allowLoopback: deps.settings.allowLoopback,
      headers: { ...headers, 'content-type': WEBHOOK_CONTENT_TYPE, 'user-agent': WEBHOOK_USER_AGENT },
    });
    info.status = result.status;
    if (result.ok) {
      deps.delivered(info);
      return 'delivered';
    }
    info.error = result.error;
  } catch (error) {
    // Our side failed (the table, KMS, an unreadable message): same schedule, same DLQ.
    info.error ??= (error as Error).message;
  }

  const next = afterFailedAttempt(attempt, deps.settings.retryDelaysSeconds);
  if (next.kind === 'retry') {
    info.nextAttemptInSeconds = next.delaySeconds;
    deps.failed(info);
    await deps.setVisibility(record, next.delaySeconds).catch((error: Error) => {
      // The queue's own visibility timeout brings the message back instead: later, not lost.
      deps.failed({ ...info, error: `could not schedule the retry: ${error.message}` });
    });
  } else {
    deps.deadLettered(info);
    await deps.setVisibility(record, 0).catch(() => undefined);
  }
  throw new WebhookAttemptFailedError(info);
}
