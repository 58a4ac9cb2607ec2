/**
 * OpenAPI paths and schemas of group policies, their rosters and the subsidy report,
 * composed into the document by openapi.ts. Policy changes are synchronous and
 * idempotent by their natural key (policy number, enrolment start, end day, cancellation
 * day), so no Idempotency-Key header is needed.
 */
import * as z from 'zod/mini';
import { type OpenApiHelpers, queryParameters } from './openapi-helpers';
import { TraceResponse } from './responses';
import {
  CancelPolicyRequest,
  EndEnrolmentRequest,
  EnrolmentViewSchema,
  EnrolWorkerRequest,
  IssuePolicyRequest,
  ListPoliciesQuery,
  PolicyPageSchema,
  PolicyViewSchema,
  RosterPageSchema,
  RosterQuery,
  SubsidyQuery,
  SubsidyReportSchema,
} from './policies';

export function policySchemas(schema: OpenApiHelpers['schema']) {
  return {
    IssuePolicyRequest: schema(IssuePolicyRequest),
    CancelPolicyRequest: schema(CancelPolicyRequest),
    EnrolWorkerRequest: schema(EnrolWorkerRequest),
    EndEnrolmentRequest: schema(EndEnrolmentRequest),
    Policy: schema(PolicyViewSchema),
    PolicyTrace: schema(z.extend(z.omit(TraceResponse, { orderId: true }), { policyId: z.string() })),
    PolicyPage: schema(PolicyPageSchema),
    Enrolment: schema(EnrolmentViewSchema),
    RosterPage: schema(RosterPageSchema),
    SubsidyReport: schema(SubsidyReportSchema),
  };
}

export function policyPaths({ schema, ref, ok, problem, common, pathId }: OpenApiHelpers) {
  const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
  const policyId = pathId('policyId', 'Policy id, e.g. pol_…');
  const notFound = problem('No such policy for this tenant (another insurer\'s or enterprise\'s policy is not found either).');
  return {
    '/v1/policies': {
      post: {
        operationId: 'issuePolicy',
        summary: 'Issue a group policy to an enterprise (insurer); the same policy number with the same terms again answers 200 with the policy issued first',
        requestBody: body('IssuePolicyRequest'),
        responses: {
          '201': { ...ok('The policy issued.', 'Policy'), headers: { Location: { description: 'The policy', schema: { type: 'string' } } } },
          '200': ok('Issued before with the same number and terms: that policy.', 'Policy'),
          '400': problem('Malformed JSON.'),
          ...common,
          '409': problem('This insurer issued a policy with this number and other terms (policy-number-taken).'),
          '422': problem('Invalid fields: endsOn not after startsOn or more than one year after it, enterpriseId not an enterprise on the platform, …'),
        },
      },
      get: {
        operationId: 'listPolicies',
        summary: 'Policies newest first (insurer: those it issued; enterprise: those it holds), cursor-paginated',
        parameters: queryParameters(schema(ListPoliciesQuery)),
        responses: { '200': ok('A page of policies.', 'PolicyPage'), '400': problem('Invalid query parameters.'), ...common },
      },
    },
    '/v1/policies/{policyId}': {
      get: {
        operationId: 'getPolicy',
        summary: 'One policy (its insurer or the enterprise holding it)',
        parameters: [policyId],
        responses: { '200': ok('The policy.', 'Policy'), ...common, '404': notFound },
      },
    },
    '/v1/policies/{policyId}/trace': {
      get: {
        operationId: 'getPolicyTrace',
        summary: "A policy's hash-chained trace (issued, roster changes, cancellation) and its verification (same readers as the policy)",
        parameters: [policyId],
        responses: { '200': ok('The trace.', 'PolicyTrace'), ...common, '404': notFound },
      },
    },
    '/v1/policies/{policyId}/cancel': {
      post: {
        operationId: 'cancelPolicy',
        summary: 'Cancel a policy (its insurer): effectiveOn (today or later) becomes its last day of cover; the same day again 200',
        parameters: [policyId],
        requestBody: body('CancelPolicyRequest'),
        responses: {
          '200': ok('The cancelled policy.', 'Policy'),
          '400': problem('Malformed JSON.'),
          ...common,
          '404': notFound,
          '409': problem('Cancelled already with another effective day (policy-cancelled).'),
          '422': problem('effectiveOn before today, or outside the day before the start .. endsOn.'),
        },
      },
    },
    '/v1/policies/{policyId}/enrolments': {
      post: {
        operationId: 'enrolWorker',
        summary:
          'Put a worker on the roster (the enterprise holding the policy) from `from` (today or later); the worker must be employed by it now and have given the insurance-roster consent',
        parameters: [policyId],
        requestBody: body('EnrolWorkerRequest'),
        responses: {
          '201': ok('The enrolment.', 'Enrolment'),
          '200': ok('The same enrolment (worker and from) exists: it.', 'Enrolment'),
          '400': problem('Malformed JSON.'),
          ...common,
          '404': notFound,
          '409': problem('The period overlaps another enrolment of the worker on this policy (enrolment-overlap).'),
          '422': problem('Worker not employed by the enterprise, no insurance-roster consent, from before today, or dates outside the policy period.'),
        },
      },
      get: {
        operationId: 'listEnrolments',
        summary: 'The roster (insurer or enterprise of the policy): worker ids and periods only, by worker id, cursor-paginated',
        parameters: [policyId, ...queryParameters(schema(RosterQuery))],
        responses: { '200': ok('A page of the roster.', 'RosterPage'), '400': problem('Invalid query parameters.'), ...common, '404': notFound },
      },
    },
    '/v1/policies/{policyId}/enrolments/{workerId}/end': {
      post: {
        operationId: 'endEnrolment',
        summary: "End a worker's enrolment (the enterprise holding the policy): `on` (today or later) is the last day on the roster; the same day again 200",
        parameters: [policyId, pathId('workerId', 'Worker id, e.g. wkr_…')],
        requestBody: body('EndEnrolmentRequest'),
        responses: {
          '200': ok('The enrolment as ended.', 'Enrolment'),
          '400': problem('Malformed JSON.'),
          ...common,
          '404': problem('No such policy for this tenant, or the worker is not on its roster.'),
          '422': problem('on before today, outside the policy period, or on no enrolment period of the worker.'),
        },
      },
    },
    '/v1/insurance/subsidy': {
      get: {
        operationId: 'subsidyReport',
        summary:
          'The public premium subsidy of an enterprise for a year (enterprise: own; admin: ?tenantId=): 50% of the premium, at most 15000 fen per worker and year, at most 3 years per worker',
        parameters: queryParameters(schema(SubsidyQuery)).map((p) =>
          p.name === 'year' ? { ...p, required: true } : { ...p, description: 'Admin only (and then required): the enterprise.' },
        ),
        responses: { '200': ok('The report.', 'SubsidyReport'), '400': problem('Invalid query parameters, or an admin without ?tenantId=.'), ...common },
      },
    },
  };
}
