/**
 * An insurer's webhook subscription: register (or re-register, which rotates the signing
 * secret), read, delete. The secret is answered once, at registration, and stored only
 * encrypted (crypto/webhook-secrets.ts); the view never carries it.
 *
 * Rotation keeps the replaced secret for ROTATION_GRACE_MS: deliveries in that window are
 * signed with both (Standard Webhooks' multiple signatures), so a receiver can switch to
 * the new secret without refusing a delivery in between.
 */
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { WebhookChangedError, webhooksRepository, type WebhookSubscription } from '../store/webhooks-repository';
import type { WebhookView, WebhookWithSecret } from '../schemas/webhooks';
import { checkWebhookUrl } from '../webhooks/url-rules';
import { newSigningSecret } from '../webhooks/signing';

export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

export interface WebhookServiceDeps {
  store: StoreContext;
  /** crypto/webhook-secrets.ts encryptWebhookSecret (injected so tests can count calls). */
  encrypt: (secret: string, tenantId: string) => Promise<string>;
  allowLoopback: boolean;
  now?: () => Date;
}

export function webhookView(s: WebhookSubscription, now = new Date()): WebhookView {
  const graceLeft = s.previousSecretExpiresAt !== undefined && Date.parse(s.previousSecretExpiresAt) > now.getTime();
  return {
    url: s.url,
    createdAt: s.createdAt,
    secretIssuedAt: s.secretIssuedAt,
    ...(graceLeft ? { previousSecretExpiresAt: s.previousSecretExpiresAt } : {}),
  };
}

export async function registerWebhook(
  deps: WebhookServiceDeps,
  tenantId: string,
  request: { url: string },
): Promise<{ created: boolean; webhook: WebhookWithSecret }> {
  const checked = checkWebhookUrl(request.url, { allowLoopback: deps.allowLoopback });
  if (!checked.ok) throw problems.validation([{ pointer: '/url', detail: checked.reason }]);
  const now = (deps.now ?? (() => new Date()))();
  const repo = webhooksRepository(deps.store);
  const existing = await repo.get(tenantId, true);
  const secret = newSigningSecret();
  const secretCiphertext = await deps.encrypt(secret, tenantId);
  const at = now.toISOString();
  const next: WebhookSubscription = existing
    ? {
        tenantId,
        url: checked.url,
        secretCiphertext,
        previousSecretCiphertext: existing.secretCiphertext,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_GRACE_MS).toISOString(),
        createdAt: existing.createdAt,
        secretIssuedAt: at,
        version: existing.version + 1,
      }
    : { tenantId, url: checked.url, secretCiphertext, createdAt: at, secretIssuedAt: at, version: 1 };
  try {
    await repo.put(next, existing?.version);
  } catch (error) {
    if (error instanceof WebhookChangedError) {
      throw problems.conflict('webhook-changed', 'Webhook changed', 'Another request changed the webhook at the same time; the secret of this one was not stored. Try again.');
    }
    throw error;
  }
  return { created: !existing, webhook: { ...webhookView(next, now), secret } };
}

export async function getWebhook(store: StoreContext, tenantId: string): Promise<WebhookView> {
  const found = await webhooksRepository(store).get(tenantId);
  if (!found) throw problems.notFound('Webhook');
  return webhookView(found);
}

export async function deleteWebhook(store: StoreContext, tenantId: string): Promise<void> {
  if (!(await webhooksRepository(store).delete(tenantId))) throw problems.notFound('Webhook');
}
