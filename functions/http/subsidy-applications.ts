/**
 * Subsidy applications by the applicant, an enterprise or a training base (docs/subsidies.md "Applications"):
 *   POST /v1/subsidy-applications                          apply (Idempotency-Key): 201, or 422 with every failed rule and nothing stored
 *   GET  /v1/subsidy-applications?limit=&cursor=           the caller's own, newest first, cursor-paginated
 *   GET  /v1/subsidy-applications/{applicationId}          one, with its evidence snapshot and trace (another tenant's: 404)
 *   POST /v1/subsidy-applications/{applicationId}/supplement   answers a request for information (rules checked again)
 *   POST /v1/subsidy-applications/{applicationId}/withdraw     withdraws before a decision
 */
import { publishEvents } from '../../shared/events/publisher';
import { nextCursorOf, readCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { SUBSIDY_ID_PATTERNS } from '../../shared/lib/subsidy-ids';
import { ApplicationRequest, OwnApplicationsQuery, SupplementRequest } from '../../shared/schemas/subsidies';
import { submitApplication, supplementApplication, withdrawApplication } from '../../shared/services/subsidy-applications';
import { applicationDetail, ownApplications } from '../../shared/services/subsidy-reads';
import { defaultStore } from '../../shared/store/client';

const DEFAULT_LIMIT = 25;
const deps = { store: defaultStore(), publish: (events: Parameters<typeof publishEvents>[0]) => publishEvents(events), stage: process.env.STAGE ?? 'dev' };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'training-base');
  if (event.routeKey === 'POST /v1/subsidy-applications') {
    const key = requiredIdempotencyKey(event);
    const { created, application } = await submitApplication(deps, caller, key, parseBody(event, ApplicationRequest));
    return json(created ? 201 : 200, application, { location: `/v1/subsidy-applications/${application.applicationId}` });
  }
  if (event.routeKey === 'GET /v1/subsidy-applications') {
    const query = parseQuery(event, OwnApplicationsQuery);
    const scope = { route: event.routeKey, tenantId: caller.tenantId };
    const page = await ownApplications(deps.store, caller.tenantId, { limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT, afterSk: await readCursor(query.cursor, scope) });
    return json(200, { items: page.items, ...(await nextCursorOf(page.nextSk, scope)) });
  }
  const applicationId = pathParam(event, 'applicationId', SUBSIDY_ID_PATTERNS.application, 'The application');
  switch (event.routeKey) {
    case 'POST /v1/subsidy-applications/{applicationId}/supplement':
      return json(200, await supplementApplication(deps, caller, applicationId, requiredIdempotencyKey(event), parseBody(event, SupplementRequest)));
    case 'POST /v1/subsidy-applications/{applicationId}/withdraw':
      return json(200, await withdrawApplication(deps, caller, applicationId, requiredIdempotencyKey(event)));
    default:
      return json(200, await applicationDetail(deps.store, caller.tenantId, applicationId));
  }
});
