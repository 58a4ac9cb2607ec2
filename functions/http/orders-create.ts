/**
 * POST /v1/orders — accept a new service order (202), applied asynchronously by the orders
 * consumer. A station it names must be active (services/order-station.ts).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { httpHandler, json, parseBody, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { requiredEnv } from '../../shared/lib/env';
import { CreateOrderRequest } from '../../shared/schemas/order';
import { acceptCreateOrder } from '../../shared/services/accept-order-command';
import { requireActiveStation } from '../../shared/services/order-station';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('ORDERS_QUEUE_URL') };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const key = requiredIdempotencyKey(event);
  const request = parseBody(event, CreateOrderRequest);
  await requireActiveStation(deps.store, caller, key, request.stationId);
  const accepted = await acceptCreateOrder(deps, caller, key, request);
  return json(202, accepted, { location: `/v1/events/${accepted.eventId}` });
});
