/**
 * POST /v1/complaints/{complaintId}/resolve — the enterprise, or an admin acting for it with
 * `?tenantId=`, resolves a complaint. 202: applied by the orders consumer (a complaint that is
 * resolved already ends `rejected` with a reason on GET /v1/events/{eventId}).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { actingTenant, ActingTenantQuery } from '../../shared/auth/acting-tenant';
import { header, httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { requiredEnv } from '../../shared/lib/env';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { ResolveComplaintRequest } from '../../shared/schemas/complaints';
import { IDEMPOTENCY_KEY } from '../../shared/schemas/order';
import { resolveComplaint } from '../../shared/services/complaints';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('ORDERS_QUEUE_URL') };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const tenantId = actingTenant(caller, parseQuery(event, ActingTenantQuery).tenantId);
  const complaintId = pathParam(event, 'complaintId', ID_PATTERNS.complaint, 'Complaint');
  const key = header(event, 'idempotency-key');
  if (!key || !IDEMPOTENCY_KEY.safeParse(key).success) {
    throw problems.malformedRequest('An Idempotency-Key header of 8 to 128 printable ASCII characters is required.');
  }
  const body = parseBody(event, ResolveComplaintRequest);
  const accepted = await resolveComplaint(deps, caller, tenantId, key, complaintId, body);
  // The event is the tenant's: an admin reads it with the same ?tenantId=.
  const location = `/v1/events/${accepted.eventId}${tenantId === caller.tenantId ? '' : `?tenantId=${tenantId}`}`;
  return json(202, accepted, { location });
});
