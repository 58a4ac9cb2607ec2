/** Webhook subscription requests and views (PUT/GET/DELETE /v1/webhook, insurers). */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { MAX_WEBHOOK_URL_LENGTH } from '../webhooks/url-rules';

/** PUT /v1/webhook. The URL rules beyond "a string" are checked by webhooks/url-rules.ts (422 with /url). */
export const PutWebhookRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ url: z.string().check(z.minLength(1), z.maxLength(MAX_WEBHOOK_URL_LENGTH)) }));
export type PutWebhookRequest = z.infer<typeof PutWebhookRequest>;

/** GET /v1/webhook: never the secret. */
export const WebhookView = /* @__PURE__ */ defineSchema(() => z.object({
  url: z.string(),
  createdAt: z.string(),
  /** When the current signing secret was issued (a PUT rotates it). */
  secretIssuedAt: z.string(),
  /** While set, deliveries carry a second signature made with the previous secret. */
  previousSecretExpiresAt: z.optional(z.string()),
}));
export type WebhookView = z.infer<typeof WebhookView>;

/** PUT /v1/webhook: the view plus the signing secret, shown this once. */
export const WebhookWithSecret = /* @__PURE__ */ defineSchema(() => z.extend(WebhookView, {
  secret: z.string().check(z.regex(/^whsec_[A-Za-z0-9+/]{43}=$/)),
}));
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;
