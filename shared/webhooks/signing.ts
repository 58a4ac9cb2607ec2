/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com), with the reference
 * library: `webhook-signature` = `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`,
 * keyed with the secret's 32 bytes. Receivers verify with any Standard Webhooks library.
 *
 * While a rotated-out secret is still in its grace period, the delivery carries one
 * signature per secret, space-separated, as the specification provides for zero-downtime
 * rotation: a receiver still holding the old secret keeps verifying until it switches.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export const SECRET_PREFIX = 'whsec_';
export const SECRET_BYTES = 32;

/** `whsec_` + base64 of 32 random bytes: the format Standard Webhooks libraries accept. */
export function newSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * The three Standard Webhooks headers for one attempt. `id` is the CloudEvent id (stable
 * across attempts: what receivers deduplicate on); `timestamp` is the attempt's time.
 */
export function signWebhook(args: { id: string; timestamp: Date; payload: string; secrets: readonly string[] }): SignedHeaders {
  if (args.secrets.length === 0) throw new TypeError('at least one secret is needed to sign');
  const signature = args.secrets.map((secret) => new Webhook(secret).sign(args.id, args.timestamp, args.payload)).join(' ');
  return {
    'webhook-id': args.id,
    'webhook-timestamp': String(Math.floor(args.timestamp.getTime() / 1000)),
    'webhook-signature': signature,
  };
}
