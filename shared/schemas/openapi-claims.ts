/**
 * OpenAPI paths and schemas of the claim routes: enterprises file claims,
 * insurers list the claims addressed to them, decide and record payments. Built with the
 * helpers openapi.ts hands every area (openapi-helpers.ts).
 */
import { type OpenApiHelpers, queryParameters } from './openapi-helpers';
import { ClaimAcceptedResponse, ClaimFilingView, ClaimPage, ClaimView, DecisionRequest, FileClaimRequest, ListClaimsQuery, PaymentRequest } from './claims';
import { TraceResponse } from './responses';
import * as z from 'zod/mini';
import { CLAIM_TYPES, COVER_FOR_CLAIM } from '../domain/insurance/cover';

const ClaimTrace = z.extend(z.omit(TraceResponse, { orderId: true }), { claimId: z.string() });

/** Which policy cover each claim type needs, as the coverage check applies it. */
const COVER_RULE = `The cover a claim of each type needs on the worker's policy: ${CLAIM_TYPES.map((t) => `${t} → ${COVER_FOR_CLAIM[t]}`).join(', ')}.`;

/** The filing request, its `type` described with the cover rule (kept out of the runtime schema, which handlers bundle). */
function fileClaimRequest(schema: OpenApiHelpers['schema']) {
  const json = schema(FileClaimRequest) as { properties: Record<string, Record<string, unknown>> };
  json.properties.type = { ...json.properties.type, description: COVER_RULE };
  return json;
}

export function claimSchemas(schema: OpenApiHelpers['schema']) {
  return {
    FileClaimRequest: fileClaimRequest(schema),
    ClaimDecisionRequest: schema(DecisionRequest),
    ClaimPaymentRequest: schema(PaymentRequest),
    ClaimAccepted: schema(ClaimAcceptedResponse),
    Claim: schema(ClaimView),
    ClaimFiling: schema(ClaimFilingView),
    ClaimPage: schema(ClaimPage),
    ClaimTrace: schema(ClaimTrace),
  };
}

const tenantParameter = {
  name: 'tenantId',
  in: 'query',
  required: false,
  description: 'Admin only (and then required): the enterprise whose claim to read. Any other role naming a tenant gets 403.',
  schema: { type: 'string' },
};

export function claimPaths({ schema, ref, ok, problem, common, pathId, idempotencyKeyHeader }: OpenApiHelpers) {
  const body = (name: string) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });
  const claimId = pathId('claimId', 'Claim id, e.g. clm_…');
  const insurerCommand = (operationId: string, summary: string, request: string) => ({
    post: {
      operationId,
      summary,
      parameters: [claimId, idempotencyKeyHeader],
      requestBody: body(request),
      responses: {
        '202': {
          ...ok('Accepted; the claims consumer applies it — GET the event in Location for "applied", or "rejected" with the reason (e.g. the claim is not in a state that allows it).', 'ClaimAccepted'),
          headers: { Location: { description: 'The event to poll (/v1/events/{eventId})', schema: { type: 'string' } } },
        },
        '400': problem('Missing Idempotency-Key or malformed JSON.'),
        ...common,
        '404': problem('No such claim addressed to this insurer (another insurer’s claim is indistinguishable from a missing one).'),
        '413': problem('Body larger than 16 KiB.'),
        '415': problem('Body is not application/json.'),
        '422': problem('Invalid fields, or Idempotency-Key reused with another body.'),
      },
    },
  });
  return {
    '/v1/claims': {
      post: {
        operationId: 'fileClaim',
        summary:
          'File a claim for an incident on an order (enterprise). The claims consumer checks the order, the 48 h reporting window, the service time and the coverage; a covered claim goes to its insurer (cn.anxin.claim.filed.v1), an uncovered one is stored `not-covered` with the reason and never sent',
        description: `Covered means: the worker was on the roster of a policy in force on the incident's day (a calendar day in Asia/Shanghai) with the cover the claim's type needs. ${COVER_RULE}`,
        parameters: [idempotencyKeyHeader],
        requestBody: body('FileClaimRequest'),
        responses: {
          '202': {
            ...ok('Accepted; `claimId` is derived from the Idempotency-Key. GET the event (eventId) for "applied" or "rejected" with the reason. Location answers at once: the filing `accepted` until it is applied, then the claim.', 'ClaimAccepted'),
            headers: { Location: { description: 'The claim (/v1/claims/{claimId})', schema: { type: 'string' } } },
          },
          '400': problem('Missing Idempotency-Key or malformed JSON.'),
          ...common,
          '413': problem('Body larger than 16 KiB.'),
          '415': problem('Body is not application/json.'),
          '422': problem('Invalid fields (occurredAt in the future included), or Idempotency-Key reused with another body.'),
        },
      },
      get: {
        operationId: 'listClaims',
        summary: 'Claims newest filing first, all or by status (enterprise: the claims it filed; insurer: the claims addressed to it; admin: ?tenantId=); no free text in lists',
        parameters: queryParameters(schema(ListClaimsQuery)),
        responses: { '200': ok('A page of claims.', 'ClaimPage'), '400': problem('Invalid query parameters or cursor.'), ...common },
      },
    },
    '/v1/claims/{claimId}': {
      get: {
        operationId: 'getClaim',
        summary: 'One claim with its filing, documents, evidence, decision and payment (the filing enterprise or the claim’s insurer; admin: ?tenantId=)',
        parameters: [claimId, tenantParameter],
        responses: {
          '200': {
            description:
              'The claim; until the claims consumer has applied the filing, the filing enterprise (and an admin acting for it) gets the filing instead: `accepted`, or `rejected` with the reason, with its event.',
            content: { 'application/json': { schema: { oneOf: [ref('Claim'), ref('ClaimFiling')] } } },
          },
          ...common,
          '404': problem('No such claim for this caller.'),
        },
      },
    },
    '/v1/claims/{claimId}/trace': {
      get: {
        operationId: 'getClaimTrace',
        summary: "A claim's hash-chained trace and its verification (same readers as the claim)",
        parameters: [claimId, tenantParameter],
        responses: { '200': ok('The trace.', 'ClaimTrace'), ...common, '404': problem('No such claim for this caller.') },
      },
    },
    '/v1/claims/{claimId}/decision': insurerCommand(
      'decideClaim',
      "Record the insurer's decision on a filed claim (insurer of the claim): approved (= the amount claimed), partly-approved (0 < amount < claimed) or rejected (0); publishes cn.anxin.claim.decided.v1 to the enterprise",
      'ClaimDecisionRequest',
    ),
    '/v1/claims/{claimId}/payment': insurerCommand(
      'recordClaimPayment',
      'Record the payment of an approved or partly approved claim (insurer of the claim): at most the approved amount, paid on or after the decision; publishes cn.anxin.claim.paid.v1',
      'ClaimPaymentRequest',
    ),
  };
}
