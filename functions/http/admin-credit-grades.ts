/**
 * The programme's view of credit grades (admin):
 *   GET  /v1/admin/credit/grades?period=            every enterprise's grade of a period
 *   GET  /v1/admin/credit/preview?tenantId=&period=  the grade an enterprise would get now; writes nothing
 *   POST /v1/admin/credit/objections/{objectionId}/decision?tenantId=&period=
 *        upheld (the grade is computed again and its event published) or dismissed
 */
import { ID_PATTERNS } from '../../shared/lib/ids';
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { publishEvents } from '../../shared/events/publisher';
import { AdminGradesQuery, ObjectionDecisionRequest, PreviewQuery } from '../../shared/schemas/credit-grades';
import { problems } from '../../shared/lib/problem';
import { NotAnEnterpriseError, previewGrade } from '../../shared/services/credit-grading';
import { decideObjectionOf } from '../../shared/services/credit-objections';
import { gradesOfPeriod } from '../../shared/services/credit-views';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), publish: (events: Parameters<typeof publishEvents>[0]) => publishEvents(events), stage: process.env.STAGE ?? 'dev' };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  if (event.routeKey.startsWith('GET /v1/admin/credit/grades')) {
    return json(200, await gradesOfPeriod(deps.store, parseQuery(event, AdminGradesQuery).period));
  }
  if (event.routeKey.startsWith('GET /v1/admin/credit/preview')) {
    const { tenantId, period } = parseQuery(event, PreviewQuery);
    const preview = await previewGrade(deps.store, tenantId, period).catch(notFoundIfNotEnterprise);
    return json(200, { tenantId, period, inputsHash: preview.inputsHash, result: preview.result, inputs: preview.inputs });
  }
  const objectionId = pathParam(event, 'objectionId', ID_PATTERNS.objection, 'Objection');
  const { tenantId, period } = parseQuery(event, PreviewQuery);
  const decision = parseBody(event, ObjectionDecisionRequest);
  return json(200, await decideObjectionOf(deps, caller, { tenantId, period, objectionId }, decision));
});

function notFoundIfNotEnterprise(error: unknown): never {
  if (error instanceof NotAnEnterpriseError) throw problems.notFound(`Enterprise ${error.tenantId}`);
  throw error;
}
