/**
 * OpenAPI paths and schemas of the complaint routes and the admin trace verification, kept
 * apart from openapi.ts so that file stays a readable table of the order routes. The
 * helpers come from openapi.ts (one way to write a response or a parameter).
 */
import { type OpenApiHelpers, queryParameters } from './openapi-helpers';
import {
  ComplaintAcceptedResponse,
  ComplaintPage,
  PublicComplaintAcceptedResponse,
  ComplaintView,
  ListComplaintsQuery,
  OpenComplaintRequest,
  PublicComplaintRequest,
  ResolveComplaintRequest,
} from './complaints';
import { TraceVerificationQuery, TraceVerificationReport } from './trace-verification';

type Helpers = OpenApiHelpers;


const tenantParameter = {
  name: 'tenantId',
  in: 'query',
  required: false,
  description: 'Admin only (and then required): the tenant to act for. An enterprise acts on its own tenant; naming another is 403.',
  schema: { type: 'string' },
};

export function complaintSchemas(schema: Helpers['schema']) {
  return {
    OpenComplaintRequest: schema(OpenComplaintRequest),
    PublicComplaintRequest: schema(PublicComplaintRequest),
    ResolveComplaintRequest: schema(ResolveComplaintRequest),
    ComplaintAccepted: schema(ComplaintAcceptedResponse),
    PublicComplaintAccepted: schema(PublicComplaintAcceptedResponse),
    Complaint: schema(ComplaintView),
    ComplaintPage: schema(ComplaintPage),
    TraceVerificationReport: schema(TraceVerificationReport),
  };
}

export function complaintPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }: Helpers) {
  const accepted = {
    ...ok('Accepted; the orders consumer opens/resolves it — GET the event in Location for "applied" or "rejected" with a reason.', 'ComplaintAccepted'),
    headers: { Location: { description: 'The event to poll', schema: { type: 'string' } } },
  };
  const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
  return {
    '/v1/orders/{orderId}/complaints': {
      post: {
        operationId: 'openComplaint',
        summary: 'Record a complaint about an order (enterprise); appends order.complaint-opened to its trace, status unchanged; not on CANCELLED orders',
        parameters: [pathId('orderId', 'Order id'), idempotencyKeyHeader],
        requestBody: body('OpenComplaintRequest'),
        responses: {
          '202': accepted,
          '400': problem('Missing Idempotency-Key or malformed JSON.'),
          ...common,
          '404': problem('No such order for this tenant.'),
          '422': problem('Invalid fields (description at most 1000 characters), or Idempotency-Key reused.'),
        },
      },
    },
    '/v1/public/complaints': {
      post: {
        operationId: 'submitComplaint',
        summary: "A household complains with the order's rating token (no API key), whether or not it rated; one complaint per token",
        security: [],
        requestBody: body('PublicComplaintRequest'),
        responses: {
          '202': ok('Accepted; the orders consumer opens the complaint on the order. The complaint id is the household\'s reference.', 'PublicComplaintAccepted'),
          '401': problem('The token is forged, unknown or expired (indistinguishable on purpose).'),
          '409': problem('A complaint was filed with this token already.'),
          '422': problem('Invalid fields.'),
        },
      },
    },
    '/v1/complaints/{complaintId}/resolve': {
      post: {
        operationId: 'resolveComplaint',
        summary: 'Resolve a complaint (enterprise, or admin with ?tenantId=); appends order.complaint-resolved to the order trace',
        parameters: [pathId('complaintId', 'Complaint id, e.g. cmp_…'), tenantParameter, idempotencyKeyHeader],
        requestBody: body('ResolveComplaintRequest'),
        responses: {
          '202': accepted,
          '400': problem('Missing Idempotency-Key, malformed JSON, or an admin without ?tenantId=.'),
          ...common,
          '404': problem('No such complaint for this tenant.'),
          '422': problem('Invalid fields, or Idempotency-Key reused.'),
        },
      },
    },
    '/v1/complaints': {
      get: {
        operationId: 'listComplaints',
        summary: 'Complaints newest first, all or by status (enterprise: own; admin: ?tenantId=); no free text in lists',
        parameters: queryParameters(schema(ListComplaintsQuery)),
        responses: { '200': ok('A page of complaints.', 'ComplaintPage'), '400': problem('Invalid query parameters.'), ...common },
      },
    },
    '/v1/complaints/{complaintId}': {
      get: {
        operationId: 'getComplaint',
        summary: 'One complaint with its description (enterprise: own; admin: ?tenantId=)',
        parameters: [pathId('complaintId', 'Complaint id'), tenantParameter],
        responses: { '200': ok('The complaint.', 'Complaint'), ...common, '404': problem('No such complaint for this tenant.') },
      },
    },
    '/v1/admin/trace-verification': {
      get: {
        operationId: 'verifyTraces',
        summary: "Verify one order's trace or a tenant's orders page by page (admin): which entry breaks each broken chain, and totals",
        parameters: queryParameters(schema(TraceVerificationQuery)).map((p) => (p.name === 'tenantId' ? { ...p, required: true } : p)),
        responses: {
          '200': ok('The verification report of this page (or order).', 'TraceVerificationReport'),
          '400': problem('Invalid query parameters.'),
          ...common,
          '404': problem('No such tenant, or no such order for it.'),
        },
      },
    },
  };
}
