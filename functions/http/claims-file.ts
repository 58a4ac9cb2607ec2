/**
 * POST /v1/claims — the enterprise files a claim for an incident on one of its orders.
 * 202 with the claim id (derived from the Idempotency-Key) and the event id; the claims
 * consumer checks coverage and files it (or records it not covered, with the reason on
 * GET /v1/events/{eventId} and on the claim).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { httpHandler, json, parseBody, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { requiredEnv } from '../../shared/lib/env';
import { FileClaimRequest } from '../../shared/schemas/claims';
import { fileClaim } from '../../shared/services/accept-claim-command';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('CLAIMS_QUEUE_URL') };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise');
  const key = requiredIdempotencyKey(event);
  const body = parseBody(event, FileClaimRequest);
  const accepted = await fileClaim(deps, caller, key, body);
  return json(202, accepted, { location: `/v1/claims/${accepted.claimId}` });
});
