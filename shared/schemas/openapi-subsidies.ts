/** The subsidy routes in the OpenAPI document (openapi.ts hands in the helpers); docs/subsidies.md is the model. */
import { queryParameters, type OpenApiHelpers } from './openapi-helpers';
import {
  AdminApplicationsQuery,
  OwnApplicationsQuery,
  ApplicationListView,
  ApplicationRequest,
  ApplicationView,
  ApproveRequest,
  AwardsQuery,
  AwardsView,
  BudgetListView,
  BudgetRequest,
  BudgetsQuery,
  EmploymentModelRequest,
  EmploymentModelView,
  FailedRulesProblem,
  RecognitionRequest,
  RecognitionView,
  RecordPaymentRequest,
  RejectRequest,
  RequestInfoRequest,
  RevokeRecognitionRequest,
  SubsidyFactsView,
  SupplementRequest,
  BudgetView,
} from './subsidies';

export function subsidySchemas(schema: OpenApiHelpers['schema']) {
  return {
    SubsidyEmploymentModelRequest: schema(EmploymentModelRequest),
    SubsidyEmploymentModel: schema(EmploymentModelView),
    SubsidyRecognitionRequest: schema(RecognitionRequest),
    SubsidyRecognition: schema(RecognitionView),
    SubsidyRevokeRecognitionRequest: schema(RevokeRecognitionRequest),
    SubsidyFacts: schema(SubsidyFactsView),
    SubsidyBudgetRequest: schema(BudgetRequest),
    SubsidyBudget: schema(BudgetView),
    SubsidyBudgetList: schema(BudgetListView),
    SubsidyApplicationRequest: schema(ApplicationRequest),
    SubsidySupplementRequest: schema(SupplementRequest),
    SubsidyApproveRequest: schema(ApproveRequest),
    SubsidyRejectRequest: schema(RejectRequest),
    SubsidyRequestInfoRequest: schema(RequestInfoRequest),
    SubsidyRecordPaymentRequest: schema(RecordPaymentRequest),
    SubsidyApplication: schema(ApplicationView),
    SubsidyApplicationList: schema(ApplicationListView),
    SubsidyFailedRules: schema(FailedRulesProblem),
    SubsidyAwards: schema(AwardsView),
  };
}

/** What a step answers, the first time and when the same request (same Idempotency-Key, same body) is repeated. */
const STEP_DONE =
  'The application after the step; the step is on its trace and its event is published. The same request again (same Idempotency-Key and body) answers the application as it is now and publishes the step\'s event again, with the same id.';

const tenantQuery = { name: 'tenantId', in: 'query', required: true, description: 'The enterprise or training base.', schema: { type: 'string' } };

export function subsidyPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }: OpenApiHelpers) {
  const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
  const query = (s: Parameters<OpenApiHelpers['schema']>[0]) => queryParameters(schema(s)).map((p) => ({ ...p, required: (schema(s) as { required?: string[] }).required?.includes(p.name) ?? false }));
  const ineligible = (description: string) => ({ description, content: { 'application/problem+json': { schema: { allOf: [ref('Problem'), ref('SubsidyFailedRules')] } } } });
  const applicationId = pathId('applicationId', 'Application id (sap_…)');
  const adminStep = (operationId: string, summary: string, request: string, extra: Record<string, unknown>) => ({
    post: {
      operationId,
      summary,
      parameters: [applicationId, idempotencyKeyHeader],
      requestBody: body(request),
      responses: {
        '200': ok(STEP_DONE, 'SubsidyApplication'),
        ...common,
        '400': problem('Idempotency-Key missing or malformed.'),
        '404': problem('No such application.'),
        '409': problem('The application is not in a state that allows this step (`subsidy-transition-not-allowed`).'),
        '422': problem('Invalid fields; or the Idempotency-Key was used with another request.'),
        '503': problem('The application kept changing under concurrent steps; safe to retry.'),
        ...extra,
      },
    },
  });
  return {
    '/v1/admin/subsidy-facts/employment-models': {
      post: {
        operationId: 'recordSubsidyEmploymentModel',
        summary: "Record an enterprise's employment model (员工制 employee-system or intermediary) from a day, with the evidence (admin)",
        parameters: [idempotencyKeyHeader],
        requestBody: body('SubsidyEmploymentModelRequest'),
        responses: {
          '201': ok('The record.', 'SubsidyEmploymentModel'),
          '200': ok('The same Idempotency-Key again: the record it made.', 'SubsidyEmploymentModel'),
          ...common,
          '400': problem('Idempotency-Key missing or malformed.'),
          '404': problem('No such enterprise.'),
          '422': problem('Invalid fields; or the Idempotency-Key was used with another body.'),
        },
      },
    },
    '/v1/admin/subsidy-facts/recognitions': {
      post: {
        operationId: 'recordSubsidyRecognition',
        summary: 'Record a recognition (leading or trustworthy enterprise, quality outlet, city or district training base, course standard) with the decision it rests on (admin)',
        parameters: [idempotencyKeyHeader],
        requestBody: body('SubsidyRecognitionRequest'),
        responses: {
          '201': ok('The recognition; applications name it by `recognitionId` for per-item awards.', 'SubsidyRecognition'),
          '200': ok('The same Idempotency-Key again: the recognition it made.', 'SubsidyRecognition'),
          ...common,
          '400': problem('Idempotency-Key missing or malformed.'),
          '404': problem('No such tenant of the role the kind is recorded for (a training base for training-base kinds and course standards, an enterprise otherwise).'),
          '422': problem('Invalid fields (`subjectRef` is required for outlets and course standards, and only for them); or the Idempotency-Key was used with another body.'),
        },
      },
    },
    '/v1/admin/subsidy-facts/recognitions/{recognitionId}/revoke': {
      post: {
        operationId: 'revokeSubsidyRecognition',
        summary: 'Revoke a recognition from a day (admin); revoking it again answers it as it is',
        parameters: [pathId('recognitionId', 'Recognition id (sfr_…)'), tenantQuery],
        requestBody: body('SubsidyRevokeRecognitionRequest'),
        responses: { '200': ok('The recognition with `revokedOn`.', 'SubsidyRecognition'), ...common, '400': problem('tenantId missing or invalid.'), '404': problem('No such recognition of this tenant.'), '422': problem('Invalid fields.') },
      },
    },
    '/v1/admin/subsidy-facts': {
      get: {
        operationId: 'listSubsidyFacts',
        summary: "A tenant's employment models and recognitions, revoked ones included (admin)",
        parameters: [tenantQuery],
        responses: { '200': ok('The records.', 'SubsidyFacts'), ...common, '400': problem('tenantId missing or invalid.') },
      },
    },
    '/v1/admin/subsidy-budgets/{scheme}/{year}': {
      put: {
        operationId: 'setSubsidyBudget',
        summary: "Set a scheme's budget for a year: the first time, raised or lowered — never below what approvals committed (admin)",
        parameters: [pathId('scheme', 'Scheme id (docs/subsidies.md "The schemes")'), pathId('year', 'The budget year, YYYY')],
        requestBody: body('SubsidyBudgetRequest'),
        responses: {
          '200': ok('The budget: allocated, committed, paid and remaining fen.', 'SubsidyBudget'),
          ...common,
          '404': problem('No such scheme, or not a year.'),
          '409': problem('Below what approvals have committed (`subsidy-budget-below-committed`).'),
          '422': problem('Invalid fields.'),
        },
      },
    },
    '/v1/admin/subsidy-budgets': {
      get: {
        operationId: 'listSubsidyBudgets',
        summary: "Every scheme's budget for a year: allocated, committed (approved), paid and remaining fen (admin)",
        parameters: query(BudgetsQuery),
        responses: { '200': ok('One line per scheme; zeros where none is set.', 'SubsidyBudgetList'), ...common, '400': problem('year missing or invalid.') },
      },
    },
    '/v1/subsidy-applications': {
      post: {
        operationId: 'applyForSubsidy',
        summary: 'Apply for a subsidy: the facts are gathered and every rule of the scheme checked at once (enterprise, training base)',
        parameters: [idempotencyKeyHeader],
        requestBody: body('SubsidyApplicationRequest'),
        responses: {
          '201': { ...ok('Submitted, with the amount the rules allow and the evidence snapshot on its trace.', 'SubsidyApplication'), headers: { Location: { description: 'The application', schema: { type: 'string' } } } },
          '200': ok('The same Idempotency-Key again: the application it made (as it is now); the submission\'s event is published again, with the same id.', 'SubsidyApplication'),
          ...common,
          '400': problem('Idempotency-Key missing or malformed.'),
          '409': problem(
            'A live application of this applicant for the scheme and year (and recognition) exists (`subsidy-application-exists`); or a worker the per-person scheme reads was registered before the subsidy ledger could name the person (`subsidy-person-not-keyed`, `workerId`).',
          ),
          '422': ineligible(
            'Not eligible (`subsidy-ineligible`): `failedRules` lists every failed rule with what it found, and nothing is stored; a person rule names the worker (`workerId`): a graduate the applicant never employed fails its rules like one it did not name; the scheme is not open for applications (`subsidy-scheme-not-open`); invalid fields (`workerIds` is required for graduate-employment, and only there: 1 to 200 distinct worker ids); or the Idempotency-Key was used with another body.',
          ),
          '503': problem('A concurrent write on the same place; safe to retry with the same Idempotency-Key.'),
        },
      },
      get: {
        operationId: 'listOwnSubsidyApplications',
        summary: "The caller's own applications, newest first, cursor-paginated like GET /v1/orders (enterprise, training base)",
        parameters: query(OwnApplicationsQuery),
        responses: {
          '200': ok('A page of summaries (no documents, evidence or free text); `nextCursor` while more follow.', 'SubsidyApplicationList'),
          ...common,
          '400': problem('limit invalid; or a cursor this list did not issue (`invalid-cursor`).'),
        },
      },
    },
    '/v1/subsidy-applications/{applicationId}': {
      get: {
        operationId: 'getSubsidyApplication',
        summary: 'One of the caller\'s applications with its current evidence snapshot and its trace (enterprise, training base)',
        parameters: [applicationId],
        responses: { '200': ok('The application, evidence and trace.', 'SubsidyApplication'), ...common, '404': problem('No such application of this tenant (another tenant\'s is answered the same).') },
      },
    },
    '/v1/subsidy-applications/{applicationId}/supplement': {
      post: {
        operationId: 'supplementSubsidyApplication',
        summary: 'Answer a request for information with the documents now referred to: the facts are read and every rule checked again (applicant)',
        parameters: [applicationId, idempotencyKeyHeader],
        requestBody: body('SubsidySupplementRequest'),
        responses: {
          '200': ok(`Submitted again with a new evidence snapshot and allowed amount. ${STEP_DONE}`, 'SubsidyApplication'),
          ...common,
          '400': problem('Idempotency-Key missing or malformed.'),
          '404': problem('No such application of this tenant.'),
          '409': problem('No information was requested (`subsidy-transition-not-allowed`); or a worker the per-person scheme reads cannot be named in the ledger (`subsidy-person-not-keyed`).'),
          '422': ineligible('A rule fails now (`subsidy-ineligible`, every failed rule listed; the application stays as it was); or invalid fields; or the Idempotency-Key was used with another request.'),
          '503': problem('The application kept changing under concurrent steps; safe to retry.'),
        },
      },
    },
    '/v1/subsidy-applications/{applicationId}/withdraw': {
      post: {
        operationId: 'withdrawSubsidyApplication',
        summary: 'Withdraw an application before a decision (applicant); the place is free for a new one',
        parameters: [applicationId, idempotencyKeyHeader],
        responses: {
          '200': ok(`Withdrawn. ${STEP_DONE}`, 'SubsidyApplication'),
          ...common,
          '400': problem('Idempotency-Key missing or malformed.'),
          '404': problem('No such application of this tenant.'),
          '409': problem('Decided already (`subsidy-transition-not-allowed`).'),
          '422': problem('The Idempotency-Key was used with another request.'),
          '503': problem('The application kept changing under concurrent steps; safe to retry.'),
        },
      },
    },
    '/v1/admin/subsidy-applications': {
      get: {
        operationId: 'listSubsidyApplicationQueue',
        summary: "One scheme's applications in one state (default submitted), newest first, cursor-paginated like GET /v1/orders (admin)",
        parameters: query(AdminApplicationsQuery),
        responses: {
          '200': ok('A page of summaries; `nextCursor` while more follow.', 'SubsidyApplicationList'),
          ...common,
          '400': problem('scheme missing, or scheme, state or limit invalid; or a cursor this queue (scheme and state) did not issue (`invalid-cursor`).'),
        },
      },
    },
    '/v1/admin/subsidy-applications/{applicationId}': {
      get: {
        operationId: 'getSubsidyApplicationForAdmin',
        summary: 'One application with its evidence snapshot and trace (admin)',
        parameters: [applicationId],
        responses: { '200': ok('The application, evidence and trace.', 'SubsidyApplication'), ...common, '404': problem('No such application.') },
      },
    },
    '/v1/admin/subsidy-applications/{applicationId}/approve': adminStep(
      'approveSubsidyApplication',
      "Approve an amount at most the allowed (with a reason when less), reserved from the scheme's budget and claiming the payment keys in one write (admin)",
      'SubsidyApproveRequest',
      {
        '409': problem(
          'Not in a state that allows approval (`subsidy-transition-not-allowed`); the budget is not set (`subsidy-budget-not-set`) or does not cover the amount (`subsidy-budget-exceeded`); the award was approved before under another application (`subsidy-already-awarded`); a person the application counts was paid under the scheme and year by another application (`subsidy-person-already-paid`, `workerIds`: nothing reserved or claimed); or a counted worker cannot be named in the ledger (`subsidy-person-not-keyed`).',
        ),
        '422': problem('Above the allowed amount (`subsidy-amount-above-allowed`); less without a reason, or invalid fields (`validation-error`); or the Idempotency-Key was used with another request.'),
      },
    ),
    '/v1/admin/subsidy-applications/{applicationId}/reject': adminStep('rejectSubsidyApplication', 'Reject, with the reason the applicant reads (admin)', 'SubsidyRejectRequest', {}),
    '/v1/admin/subsidy-applications/{applicationId}/request-info': adminStep('requestSubsidyInformation', 'Ask the applicant for more information (admin)', 'SubsidyRequestInfoRequest', {}),
    '/v1/admin/subsidy-applications/{applicationId}/record-payment': adminStep(
      'recordSubsidyPayment',
      'Record the transfer of the approved amount: the day paid and the payment reference (admin)',
      'SubsidyRecordPaymentRequest',
      { '422': problem('Not exactly the approved amount (`subsidy-payment-differs`); a day before the approval, or invalid fields (`validation-error`); or the Idempotency-Key was used with another request.') },
    ),
    '/v1/public/subsidies/awards': {
      get: {
        operationId: 'listSubsidyAwards',
        summary: "The year's approved and paid subsidies: tenant, name, scheme and amount (no API key)",
        security: [],
        parameters: query(AwardsQuery),
        responses: { '200': ok('Awards by scheme and name; no person, document or reason.', 'SubsidyAwards'), '400': problem('year missing or invalid.') },
      },
    },
  };
}
