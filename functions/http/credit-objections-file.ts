/**
 * POST /v1/credit/grades/{period}/objections — the enterprise objects (异议) to one
 * indicator of its grade, with a reason. 201 with the objection; the same Idempotency-Key
 * again answers 200 with it. One objection may be open per grade (409 otherwise); an admin
 * decides it (POST /v1/admin/credit/objections/{objectionId}/decision).
 */
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { ObjectionRequest, PERIOD_PATTERN } from '../../shared/schemas/credit-grades';
import { fileObjection } from '../../shared/services/credit-objections';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore() };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const period = pathParam(event, 'period', PERIOD_PATTERN, 'A credit grade');
  const key = requiredIdempotencyKey(event);
  const request = parseBody(event, ObjectionRequest);
  const { created, objection } = await fileObjection(deps, caller, key, period, request);
  return json(created ? 201 : 200, objection, { location: `/v1/credit/grades/${period}` });
});
