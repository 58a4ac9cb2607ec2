/** The credit grade routes in the OpenAPI document (openapi.ts hands in the helpers). */
import { queryParameters, type OpenApiHelpers } from './openapi-helpers';
import {
  AdminGradesQuery,
  GradeListView,
  GradeView,
  ObjectionAnswerView,
  ObjectionDecisionRequest,
  ObjectionRequest,
  ObjectionView,
  PreviewQuery,
  PreviewView,
  PublicGradesQuery,
  PublicRecordListView,
  PublishedGradeListView,
  PublicRecordRequest,
  PublicRecordView,
} from './credit-grades';
import { WorkerCreditView } from './worker-credit';

export function creditGradeSchemas(schema: OpenApiHelpers['schema']) {
  return {
    CreditGrade: schema(GradeView),
    CreditGradeList: schema(GradeListView),
    CreditGradePreview: schema(PreviewView),
    CreditObjectionRequest: schema(ObjectionRequest),
    CreditObjection: schema(ObjectionView),
    CreditObjectionDecisionRequest: schema(ObjectionDecisionRequest),
    CreditObjectionDecision: schema(ObjectionAnswerView),
    PublishedCreditGrades: schema(PublishedGradeListView),
    CreditRecordRequest: schema(PublicRecordRequest),
    CreditRecord: schema(PublicRecordView),
    CreditRecordList: schema(PublicRecordListView),
    WorkerCredit: schema(WorkerCreditView),
  };
}

const period = { name: 'period', in: 'path', required: true, description: 'The month graded, YYYY-MM (Asia/Shanghai)', schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' } };
const actingTenant = { name: 'tenantId', in: 'query', required: false, description: 'Admin only: the enterprise to act for.', schema: { type: 'string' } };

export function creditGradePaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }: OpenApiHelpers) {
  const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
  const query = (s: Parameters<OpenApiHelpers['schema']>[0]) => queryParameters(schema(s));
  return {
    '/v1/credit/grades': {
      get: {
        operationId: 'listCreditGrades',
        summary: "The enterprise's own credit grades, newest period first (enterprise; admin with tenantId)",
        parameters: [actingTenant],
        responses: { '200': ok('Summaries: period, grade (null when not graded) and score.', 'CreditGradeList'), ...common, '400': problem('Invalid query.') },
      },
    },
    '/v1/credit/grades/{period}': {
      get: {
        operationId: 'getCreditGrade',
        summary: 'One credit grade with its breakdown, inputs, inputs hash, objections and trace (enterprise; admin with tenantId)',
        parameters: [period, actingTenant],
        responses: {
          '200': ok('The grade as stored, computable again from `inputs` with docs/credit-grading.md.', 'CreditGrade'),
          ...common,
          '400': problem('Invalid query.'),
          '404': problem('No grade of this enterprise for this period.'),
        },
      },
    },
    '/v1/credit/grades/{period}/objections': {
      post: {
        operationId: 'objectToCreditGrade',
        summary: 'Object (异议) to one indicator of the grade, with a reason (enterprise)',
        parameters: [period, idempotencyKeyHeader],
        requestBody: body('CreditObjectionRequest'),
        responses: {
          '201': ok('The objection, open until an admin decides it.', 'CreditObjection'),
          '200': ok('The same Idempotency-Key again: the objection it filed.', 'CreditObjection'),
          ...common,
          '404': problem('No grade of this enterprise for this period.'),
          '409': problem('An objection to this grade is open already.'),
          '422': problem('Invalid fields, or an indicator the grade does not have; or the Idempotency-Key was used with another body.'),
        },
      },
    },
    '/v1/workers/{workerId}/credit': {
      get: {
        operationId: 'getWorkerCredit',
        summary: "A worker's credit stars (1–5) with the breakdown (an enterprise that employs or employed the worker; admin)",
        parameters: [pathId('workerId', 'Worker id')],
        responses: { '200': ok('Stars, score and indicators as of today.', 'WorkerCredit'), ...common, '404': problem('The enterprise never employed this worker.') },
      },
    },
    '/v1/public/credit-grades': {
      get: {
        operationId: 'listPublishedCreditGrades',
        summary: "The year's published credit grades: each graded enterprise's latest grade that year, best first (no API key)",
        security: [],
        parameters: query(PublicGradesQuery),
        responses: { '200': ok('Name, grade, score, period and model version of each graded enterprise; how many hold each grade.', 'PublishedCreditGrades'), '400': problem('Invalid query.') },
      },
    },
    '/v1/admin/credit/grades': {
      get: {
        operationId: 'listCreditGradesOfPeriod',
        summary: "Every enterprise's credit grade of one period (admin)",
        parameters: query(AdminGradesQuery),
        responses: { '200': ok('Summaries, by enterprise.', 'CreditGradeList'), ...common, '400': problem('period missing or invalid.') },
      },
    },
    '/v1/admin/credit/preview': {
      get: {
        operationId: 'previewCreditGrade',
        summary: 'The grade an enterprise would get for a period now, from the facts as they stand; writes nothing (admin)',
        parameters: query(PreviewQuery),
        responses: { '200': ok('The result, its inputs and their hash.', 'CreditGradePreview'), ...common, '400': problem('tenantId or period missing or invalid.'), '404': problem('No such enterprise.') },
      },
    },
    '/v1/admin/credit/objections/{objectionId}/decision': {
      post: {
        operationId: 'decideCreditObjection',
        summary: 'Uphold (the grade is computed again and published) or dismiss an objection (admin)',
        parameters: [pathId('objectionId', 'Objection id'), ...query(PreviewQuery).map((p) => ({ ...p, required: true }))],
        requestBody: body('CreditObjectionDecisionRequest'),
        responses: {
          '200': ok('The objection as decided and the grade after the decision.', 'CreditObjectionDecision'),
          ...common,
          '404': problem('No such objection of this enterprise and period.'),
          '409': problem('The objection was decided already with the other outcome.'),
          '400': problem('tenantId or period missing or invalid.'),
          '422': problem('Invalid fields.'),
        },
      },
    },
    '/v1/admin/credit/records': {
      post: {
        operationId: 'recordPublicCredit',
        summary: 'Record a reward, penalty or black-list entry (公共信用) for an enterprise, with the reference of the decision (admin)',
        parameters: [idempotencyKeyHeader],
        requestBody: body('CreditRecordRequest'),
        responses: {
          '201': ok('The record; it counts in every grade whose window it is in effect in.', 'CreditRecord'),
          '200': ok('The same Idempotency-Key again: the record it made.', 'CreditRecord'),
          ...common,
          '404': problem('No such enterprise.'),
          '422': problem('Invalid fields; or the Idempotency-Key was used with another body.'),
        },
      },
      get: {
        operationId: 'listPublicCreditRecords',
        summary: "An enterprise's public-credit records, revoked ones included (admin)",
        parameters: [{ ...actingTenant, required: true, description: 'The enterprise.' }],
        responses: { '200': ok('The records.', 'CreditRecordList'), ...common, '400': problem('tenantId missing or invalid.') },
      },
    },
    '/v1/admin/credit/records/{recordId}/revoke': {
      post: {
        operationId: 'revokePublicCreditRecord',
        summary: 'Revoke a record (an overturned decision); later grades leave it out (admin)',
        parameters: [pathId('recordId', 'Record id'), { ...actingTenant, required: true, description: 'The enterprise.' }],
        responses: { '200': ok('The record with revokedAt.', 'CreditRecord'), ...common, '400': problem('tenantId missing or invalid.'), '404': problem('No such record.') },
      },
    },
  };
}
