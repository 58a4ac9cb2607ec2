/**
 * PUT /v1/webhook — an insurer registers its webhook URL (201), or re-registers (200: new
 * URL and/or a rotated secret). The answer carries the signing secret, this once
 * (`Cache-Control: no-store`); Anxin keeps it only encrypted.
 */
import { encryptWebhookSecret } from '../../shared/crypto/webhook-secrets';
import { httpHandler, json, parseBody, requireRole } from '../../shared/lib/http';
import { PutWebhookRequest } from '../../shared/schemas/webhooks';
import { registerWebhook } from '../../shared/services/webhook-subscriptions';
import { defaultStore } from '../../shared/store/client';
import { readAllowLoopback } from '../../shared/webhooks/settings';

const deps = { store: defaultStore(), encrypt: encryptWebhookSecret, allowLoopback: readAllowLoopback() };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'insurer');
  const body = parseBody(event, PutWebhookRequest);
  const { created, webhook } = await registerWebhook(deps, caller.tenantId, body);
  return json(created ? 201 : 200, webhook, { 'cache-control': 'no-store' });
});
