/**
 * OpenAPI paths and schemas of the insurers' webhook subscription (PUT/GET/DELETE
 * /v1/webhook). Delivery itself is documented in docs/insurer-integration.md.
 */
import type { OpenApiHelpers } from './openapi-helpers';
import { PutWebhookRequest, WebhookView, WebhookWithSecret } from './webhooks';

export function webhookSchemas(schema: OpenApiHelpers['schema']) {
  return {
    PutWebhookRequest: schema(PutWebhookRequest),
    Webhook: schema(WebhookView),
    WebhookWithSecret: schema(WebhookWithSecret),
  };
}

export function webhookPaths({ ref, ok, problem, common }: OpenApiHelpers) {
  const insurerOnly = { ...common, '403': problem('The key is not valid, or the caller is not an insurer.') };
  return {
    '/v1/webhook': {
      put: {
        operationId: 'putWebhook',
        summary:
          "Register the insurer's webhook URL, or replace it; every PUT issues a new signing secret (`whsec_…`, Standard Webhooks), answered this once. For 24 h after a rotation deliveries carry a second signature made with the previous secret (insurer)",
        requestBody: { required: true, content: { 'application/json': { schema: ref('PutWebhookRequest') } } },
        responses: {
          '201': { ...ok('Registered; `secret` is shown only now (Cache-Control: no-store).', 'WebhookWithSecret') },
          '200': { ...ok('Replaced; the secret was rotated and is shown only now.', 'WebhookWithSecret') },
          '400': problem('Malformed JSON.'),
          ...insurerOnly,
          '409': problem('Another request changed the webhook at the same time (webhook-changed); the secret of this one was not stored.'),
          '415': problem('Body is not application/json.'),
          '422': problem('Invalid URL (/url): https only (plain http only to a loopback receiver, on stages that allow it: dev), no credentials, no fragment, a public host.'),
        },
      },
      get: {
        operationId: 'getWebhook',
        summary: "The insurer's webhook URL and when its secret was issued; never the secret (insurer)",
        responses: { '200': ok('The webhook.', 'Webhook'), ...insurerOnly, '404': problem('No webhook registered.') },
      },
      delete: {
        operationId: 'deleteWebhook',
        summary: 'Stop webhook deliveries (insurer); messages already queued for delivery are dropped at their next attempt',
        responses: { '204': { description: 'Deleted.' }, ...insurerOnly, '404': problem('No webhook registered.') },
      },
    },
  };
}
