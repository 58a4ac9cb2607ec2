/**
 * POST /v1/orders/{orderId}/complaints — the enterprise records a complaint about one of its
 * orders. 202: opened by the orders consumer, which appends `order.complaint-opened` to the
 * order's trace and writes the complaint in the same transaction.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { requiredEnv } from '../../shared/lib/env';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { OpenComplaintRequest } from '../../shared/schemas/complaints';
import { openEnterpriseComplaint } from '../../shared/services/complaints';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('ORDERS_QUEUE_URL') };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const orderId = pathParam(event, 'orderId', ID_PATTERNS.order, 'Order');
  const key = requiredIdempotencyKey(event);
  const { category, description } = parseBody(event, OpenComplaintRequest);
  const accepted = await openEnterpriseComplaint(deps, caller, key, orderId, { category, description });
  return json(202, accepted, { location: `/v1/events/${accepted.eventId}` });
});
