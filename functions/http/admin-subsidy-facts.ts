/**
 * The applicant facts subsidies are decided on that an admin records (docs/subsidies.md "Facts"):
 *   POST /v1/admin/subsidy-facts/employment-models                        an enterprise's model (员工制 or not), with evidence
 *   POST /v1/admin/subsidy-facts/recognitions                             a recognition (龙头企业, 诚信企业, 网点, 培训基地, 课程标准)
 *   POST /v1/admin/subsidy-facts/recognitions/{recognitionId}/revoke?tenantId=   revokes one from a day
 *   GET  /v1/admin/subsidy-facts?tenantId=                                a tenant's models and recognitions
 */
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { SUBSIDY_ID_PATTERNS } from '../../shared/lib/subsidy-ids';
import { EmploymentModelRequest, RecognitionRequest, RevokeRecognitionRequest, SubsidyFactsQuery } from '../../shared/schemas/subsidies';
import { recordEmploymentModel, recordRecognition, revokeRecognition, subsidyFactsOf } from '../../shared/services/subsidy-facts';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  switch (event.routeKey) {
    case 'POST /v1/admin/subsidy-facts/employment-models': {
      const { created, record } = await recordEmploymentModel(store, caller, requiredIdempotencyKey(event), parseBody(event, EmploymentModelRequest));
      return json(created ? 201 : 200, record);
    }
    case 'POST /v1/admin/subsidy-facts/recognitions': {
      const { created, record } = await recordRecognition(store, caller, requiredIdempotencyKey(event), parseBody(event, RecognitionRequest));
      return json(created ? 201 : 200, record);
    }
    case 'POST /v1/admin/subsidy-facts/recognitions/{recognitionId}/revoke': {
      const { tenantId } = parseQuery(event, SubsidyFactsQuery);
      const recognitionId = pathParam(event, 'recognitionId', SUBSIDY_ID_PATTERNS.fact, 'Recognition');
      return json(200, await revokeRecognition(store, tenantId, recognitionId, parseBody(event, RevokeRecognitionRequest).revokedOn));
    }
    default:
      return json(200, await subsidyFactsOf(store, parseQuery(event, SubsidyFactsQuery).tenantId));
  }
});
