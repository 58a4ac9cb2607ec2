/** GET /v1/complaints/{complaintId} — one complaint with its text; another tenant's is simply not found. */
import { actingTenant, ActingTenantQuery } from '../../shared/auth/acting-tenant';
import { httpHandler, json, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { problems } from '../../shared/lib/problem';
import { defaultStore } from '../../shared/store/client';
import { complaintsRepository } from '../../shared/store/complaints-repository';
import { complaintView } from '../../shared/views/complaint-views';

const complaints = complaintsRepository(defaultStore());

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const tenantId = actingTenant(caller, parseQuery(event, ActingTenantQuery).tenantId);
  const complaintId = pathParam(event, 'complaintId', ID_PATTERNS.complaint, 'Complaint');
  const complaint = await complaints.get(tenantId, complaintId);
  if (!complaint) throw problems.notFound('Complaint');
  return json(200, complaintView(complaint));
});
