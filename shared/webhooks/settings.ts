/**
 * Webhook delivery settings: what the stage configuration decides (infra/config.ts) and
 * how it reaches the functions (environment variables). Shared by the CDK app, which sets
 * the variables, and the handlers, which read them, so the names cannot drift. No SDK
 * imports: the CDK app imports this file.
 */

/**
 * A delivery is attempted at once, then once after each delay of `retryDelaysSeconds`.
 * The webhook queue's maxReceiveCount is the number of attempts ({@link webhookAttempts}):
 * after the last failed attempt SQS moves the message to the webhook DLQ.
 */
export interface WebhookSettings {
  readonly retryDelaysSeconds: readonly number[];
  /** Per-attempt HTTP timeout (connect to the end of the response). */
  readonly attemptTimeoutSeconds: number;
  /** Receivers on http://127.0.0.1 / localhost (local development). Never in prod. */
  readonly allowLoopback: boolean;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/**
 * The schedule the Standard Webhooks specification recommends ("Retry schedule",
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — 8 attempts over ~28 h.
 */
export const STANDARD_WEBHOOKS_RETRY_DELAYS_SECONDS: readonly number[] = [5, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];

/** Attempts per delivery = the webhook queue's maxReceiveCount (one number, two uses). */
export function webhookAttempts(settings: Pick<WebhookSettings, 'retryDelaysSeconds'>): number {
  return settings.retryDelaysSeconds.length + 1;
}

export const WEBHOOK_ENV = {
  /** ARN of the KMS key that encrypts signing secrets (encryption context { tenantId }). */
  secretsKey: 'WEBHOOK_SECRETS_KEY_ID',
  allowLoopback: 'WEBHOOK_ALLOW_LOOPBACK',
  /** Comma-separated seconds, e.g. `1,2,4,8`. */
  retryDelays: 'WEBHOOK_RETRY_DELAYS_SECONDS',
  attemptTimeout: 'WEBHOOK_ATTEMPT_TIMEOUT_SECONDS',
} as const;

/** What the registration route needs: the URL rules. */
export function webhookRouteEnv(settings: WebhookSettings): Record<string, string> {
  return { [WEBHOOK_ENV.allowLoopback]: String(settings.allowLoopback) };
}

/** What the dispatcher needs: the URL rules (checked again at delivery), the schedule and the timeout. */
export function webhookDispatcherEnv(settings: WebhookSettings): Record<string, string> {
  return {
    ...webhookRouteEnv(settings),
    [WEBHOOK_ENV.retryDelays]: settings.retryDelaysSeconds.join(','),
    [WEBHOOK_ENV.attemptTimeout]: String(settings.attemptTimeoutSeconds),
  };
}

/** Reads the settings back from an environment; a missing or malformed value is a deployment bug. */
export function readWebhookSettings(env: Record<string, string | undefined> = process.env): WebhookSettings {
  const raw = env[WEBHOOK_ENV.retryDelays] ?? '';
  const delays = raw === '' ? [] : raw.split(',').map(Number);
  const timeout = Number(env[WEBHOOK_ENV.attemptTimeout]);
  if (delays.length === 0 || !delays.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`${WEBHOOK_ENV.retryDelays} must be comma-separated whole seconds`);
  }
  if (!(timeout > 0)) throw new Error(`${WEBHOOK_ENV.attemptTimeout} must be a positive number of seconds`);
  return { retryDelaysSeconds: delays, attemptTimeoutSeconds: timeout, allowLoopback: readAllowLoopback(env) };
}

export function readAllowLoopback(env: Record<string, string | undefined> = process.env): boolean {
  return env[WEBHOOK_ENV.allowLoopback] === 'true';
}
