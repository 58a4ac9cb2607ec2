/**
 * The programme officers' review of subsidy applications (docs/subsidies.md "The state machine"), admin:
 *   GET  /v1/admin/subsidy-applications?scheme=&state=&limit=&cursor=   the queue of one scheme in one state (default submitted), cursor-paginated
 *   GET  /v1/admin/subsidy-applications/{applicationId}                 one, with its evidence snapshot and trace
 *   POST /v1/admin/subsidy-applications/{applicationId}/approve         an amount ≤ the allowed, reserved from the budget with the payment keys
 *   POST /v1/admin/subsidy-applications/{applicationId}/reject          with the reason the applicant reads
 *   POST /v1/admin/subsidy-applications/{applicationId}/request-info    asks the applicant for more
 *   POST /v1/admin/subsidy-applications/{applicationId}/record-payment  the transfer of the approved amount
 */
import { publishEvents } from '../../shared/events/publisher';
import { nextCursorOf, readCursor } from '../../shared/lib/cursor';
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { SUBSIDY_ID_PATTERNS } from '../../shared/lib/subsidy-ids';
import { AdminApplicationsQuery, ApproveRequest, RecordPaymentRequest, RejectRequest, RequestInfoRequest } from '../../shared/schemas/subsidies';
import { applicationForAdmin, applicationQueue } from '../../shared/services/subsidy-reads';
import { approveApplication, recordPayment, rejectApplication, requestInformation } from '../../shared/services/subsidy-review';
import { defaultStore } from '../../shared/store/client';

const DEFAULT_LIMIT = 25;
const deps = { store: defaultStore(), publish: (events: Parameters<typeof publishEvents>[0]) => publishEvents(events), stage: process.env.STAGE ?? 'dev' };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  if (event.routeKey === 'GET /v1/admin/subsidy-applications') {
    const query = parseQuery(event, AdminApplicationsQuery);
    const state = query.state ?? 'submitted';
    // A cursor continues only the queue it came from: the same scheme and state (shared/lib/cursor.ts).
    const scope = { route: event.routeKey, tenantId: caller.tenantId, query: { scheme: query.scheme, state } };
    const page = await applicationQueue(deps.store, query.scheme, state, { limit: query.limit ? Number(query.limit) : DEFAULT_LIMIT, afterSk: await readCursor(query.cursor, scope) });
    return json(200, { items: page.items, ...(await nextCursorOf(page.nextSk, scope)) });
  }
  const applicationId = pathParam(event, 'applicationId', SUBSIDY_ID_PATTERNS.application, 'The application');
  if (event.routeKey === 'GET /v1/admin/subsidy-applications/{applicationId}') return json(200, await applicationForAdmin(deps.store, applicationId));
  // Every step names its event record: the same request again answers again and publishes the step's event again.
  const key = requiredIdempotencyKey(event);
  switch (event.routeKey) {
    case 'POST /v1/admin/subsidy-applications/{applicationId}/approve':
      return json(200, await approveApplication(deps, caller, applicationId, key, parseBody(event, ApproveRequest)));
    case 'POST /v1/admin/subsidy-applications/{applicationId}/reject':
      return json(200, await rejectApplication(deps, caller, applicationId, key, parseBody(event, RejectRequest)));
    case 'POST /v1/admin/subsidy-applications/{applicationId}/request-info':
      return json(200, await requestInformation(deps, caller, applicationId, key, parseBody(event, RequestInfoRequest)));
    default:
      return json(200, await recordPayment(deps, caller, applicationId, key, parseBody(event, RecordPaymentRequest)));
  }
});
