/** GET /v1/webhook — the insurer's webhook URL and when its secret was issued; never the secret. */
import { httpHandler, json, requireRole } from '../../shared/lib/http';
import { getWebhook } from '../../shared/services/webhook-subscriptions';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (_event, caller) => {
  requireRole(caller, 'insurer');
  return json(200, await getWebhook(store, caller.tenantId));
});
