/**
 * POST /v1/claims/{claimId}/decision and /payment — the claim's insurer records its
 * decision or the payment. 202: queued on the claim's message group and applied by the
 * claims consumer; a command the claim's state does not allow ends `rejected` with the
 * reason on GET /v1/events/{eventId}. Another insurer's claim is not found (404).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { requiredEnv } from '../../shared/lib/env';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { DecisionRequest, PaymentRequest } from '../../shared/schemas/claims';
import { decideClaimCommand, recordPaymentCommand } from '../../shared/services/accept-claim-command';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('CLAIMS_QUEUE_URL') };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'insurer');
  const claimId = pathParam(event, 'claimId', ID_PATTERNS.claim, 'Claim');
  const key = requiredIdempotencyKey(event);
  // The route key says which command: one function serves both (infra/stacks/api-stack.ts).
  const accepted = event.routeKey.endsWith('/payment')
    ? await recordPaymentCommand(deps, caller, key, claimId, parseBody(event, PaymentRequest))
    : await decideClaimCommand(deps, caller, key, claimId, parseBody(event, DecisionRequest));
  return json(202, accepted, { location: `/v1/events/${accepted.eventId}` });
});
