/**
 * Public-credit records (公共信用) of enterprises (admin):
 *   POST /v1/admin/credit/records                       a reward, penalty or black-list entry, with evidence
 *   GET  /v1/admin/credit/records?tenantId=             an enterprise's records, revoked ones included
 *   POST /v1/admin/credit/records/{recordId}/revoke?tenantId=   revokes one (an overturned decision)
 */
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { PublicRecordRequest, TenantQuery } from '../../shared/schemas/credit-grades';
import { listPublicRecords, recordPublicCredit, revokePublicRecord } from '../../shared/services/credit-records';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  if (event.routeKey === 'POST /v1/admin/credit/records') {
    const key = requiredIdempotencyKey(event);
    const { created, record } = await recordPublicCredit(store, caller, key, parseBody(event, PublicRecordRequest));
    return json(created ? 201 : 200, record);
  }
  const { tenantId } = parseQuery(event, TenantQuery);
  if (event.routeKey === 'GET /v1/admin/credit/records') return json(200, await listPublicRecords(store, tenantId));
  const recordId = pathParam(event, 'recordId', ID_PATTERNS.creditRecord, 'Record');
  return json(200, await revokePublicRecord(store, tenantId, recordId));
});
