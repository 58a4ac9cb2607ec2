/** DELETE /v1/webhook — the insurer stops webhook deliveries (204); events still reach its queue, if it has one. */
import { httpHandler, requireRole } from '../../shared/lib/http';
import { deleteWebhook } from '../../shared/services/webhook-subscriptions';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (_event, caller) => {
  requireRole(caller, 'insurer');
  await deleteWebhook(store, caller.tenantId);
  return { statusCode: 204 };
});
