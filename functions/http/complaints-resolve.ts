/**
 * POST /v1/complaints/{complaintId}/resolve — the enterprise, or an admin acting for it with
 * `?tenantId=`, resolves a complaint. 202: applied by the orders consumer (a complaint that is
 * resolved already ends `rejected` with a reason on GET /v1/events/{eventId}).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { actingTenant, ActingTenantQuery } from '../../shared/auth/acting-tenant';
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { requiredEnv } from '../../shared/lib/env';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { ResolveComplaintRequest } from '../../shared/schemas/complaints';
import { resolveComplaint } from '../../shared/services/complaints';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('ORDERS_QUEUE_URL') };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const tenantId = actingTenant(caller, parseQuery(event, ActingTenantQuery).tenantId);
  const complaintId = pathParam(event, 'complaintId', ID_PATTERNS.complaint, 'Complaint');
  const key = requiredIdempotencyKey(event);
  const body = parseBody(event, ResolveComplaintRequest);
  const accepted = await resolveComplaint(deps, caller, tenantId, key, complaintId, body);
  // The event is the tenant's: an admin reads it with the same ?tenantId=.
  const location = `/v1/events/${accepted.eventId}${tenantId === caller.tenantId ? '' : `?tenantId=${tenantId}`}`;
  return json(202, accepted, { location });
});
