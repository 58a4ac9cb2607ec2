/**
 * Accepting a claim command (the synchronous half): record it once under its
 * Idempotency-Key, put it on the claims FIFO queue (group = claim id), answer 202. The
 * claims consumer applies it (services/apply-claim-command.ts) — coverage, decision and
 * payment rules are its business, so their outcome is on GET /v1/events/{eventId}.
 *
 * Recording, the 422 on a reused key and the crash-safe send are shared with the other
 * queued commands (services/accept-queued-command.ts).
 */
import type { Caller } from '../auth/roles';
import { CLAIM_MESSAGE_VERSION, claimCommandHash, type ClaimCommandRequest } from '../events/claim-command';
import { claimIdFor, commandEventId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { DecisionRequest, FileClaimRequest, PaymentRequest } from '../schemas/claims';
import { claimsRepository } from '../store/claims-repository';
import { acceptQueuedCommand, type QueuedCommandDeps } from './accept-queued-command';

export type ClaimDeps = QueuedCommandDeps;

export interface ClaimAccepted {
  claimId: string;
  eventId: string;
  status: 'accepted';
}

async function acceptClaimCommand(deps: ClaimDeps, caller: Caller, idempotencyKey: string, request: ClaimCommandRequest, acceptedAt: Date): Promise<ClaimAccepted> {
  const eventId = commandEventId(caller.tenantId, idempotencyKey);
  const requestHash = claimCommandHash(request);
  const record = await acceptQueuedCommand(deps, {
    eventId,
    tenantId: caller.tenantId,
    type: request.type,
    subjectId: request.claimId,
    actor: { tenantId: caller.tenantId, role: caller.role, keyId: caller.keyId },
    requestHash,
    payload: request.payload,
    v: CLAIM_MESSAGE_VERSION,
    subjectField: 'claimId',
    acceptedAt,
  });
  return { claimId: record.subjectId, eventId, status: 'accepted' };
}

/**
 * POST /v1/claims: the enterprise files a claim. The claim id is derived from the key, so a
 * retried filing names the same claim. An incident in the future is refused at once (422);
 * everything else about coverage is the consumer's call.
 */
export async function fileClaim(deps: ClaimDeps, caller: Caller, idempotencyKey: string, body: FileClaimRequest): Promise<ClaimAccepted> {
  const now = deps.now?.() ?? new Date();
  if (Date.parse(body.occurredAt) > now.getTime()) {
    throw problems.validation([{ pointer: '/occurredAt', detail: 'is in the future' }]);
  }
  const claimId = claimIdFor(caller.tenantId, idempotencyKey);
  return acceptClaimCommand(deps, caller, idempotencyKey, { type: 'claim.file', claimId, payload: body }, now);
}

/**
 * The insurer's commands on a claim addressed to it. Another insurer's claim (or one that
 * does not exist, or is not covered) has no pointer under the caller: 404, indistinguishable.
 */
async function acceptInsurerCommand(deps: ClaimDeps, caller: Caller, idempotencyKey: string, request: ClaimCommandRequest): Promise<ClaimAccepted> {
  if (!(await claimsRepository(deps.store).pointer(caller.tenantId, request.claimId, true))) throw problems.notFound('Claim');
  return acceptClaimCommand(deps, caller, idempotencyKey, request, deps.now?.() ?? new Date());
}

/** POST /v1/claims/{claimId}/decision */
export const decideClaimCommand = (deps: ClaimDeps, caller: Caller, idempotencyKey: string, claimId: string, payload: DecisionRequest) =>
  acceptInsurerCommand(deps, caller, idempotencyKey, { type: 'claim.decide', claimId, payload });

/** POST /v1/claims/{claimId}/payment */
export const recordPaymentCommand = (deps: ClaimDeps, caller: Caller, idempotencyKey: string, claimId: string, payload: PaymentRequest) =>
  acceptInsurerCommand(deps, caller, idempotencyKey, { type: 'claim.pay', claimId, payload });
