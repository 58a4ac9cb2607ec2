/**
 * Who may read a claim, decided in one place for the claim routes:
 * - the filing enterprise, through its own partition;
 * - the claim's insurer, through the pointer under its own tenant (only covered claims
 *   have one, so a not-covered claim is never visible to any insurer);
 * - an admin, for an enterprise named with `?tenantId=` (auth/acting-tenant.ts).
 * Anyone else's claim is not found (404), never forbidden; other roles get 403.
 */
import { actingTenant } from '../auth/acting-tenant';
import type { Caller } from '../auth/roles';
import { filingEventIdOf } from '../lib/ids';
import { Problem, problems } from '../lib/problem';
import { claimsRepository, type StoredClaim } from '../store/claims-repository';
import type { StoreContext } from '../store/client';
import { eventsRepository, type EventRecord } from '../store/events-repository';

export function requireClaimReader(caller: Caller): void {
  if (caller.role !== 'enterprise' && caller.role !== 'insurer' && caller.role !== 'admin') {
    throw problems.forbidden(`Claims are not available to the ${caller.role} role.`);
  }
}

/** The claim `caller` may read, read strongly consistent (a trace is verified against its head). */
export async function readableClaim(store: StoreContext, caller: Caller, claimId: string, requestedTenant: string | undefined): Promise<StoredClaim> {
  requireClaimReader(caller);
  const claims = claimsRepository(store);
  let claim: StoredClaim | undefined;
  if (caller.role === 'insurer') {
    if (requestedTenant !== undefined) throw problems.forbidden('Only the admin role may act for another tenant.');
    const pointer = await claims.pointer(caller.tenantId, claimId, true);
    claim = pointer && (await claims.get(pointer.enterpriseId, claimId, true));
  } else {
    claim = await claims.get(actingTenant(caller, requestedTenant), claimId, true);
  }
  if (!claim) throw problems.notFound('Claim');
  return claim;
}

/**
 * What GET /v1/claims/{claimId} answers: the claim, or — until the claims consumer has
 * applied the filing — the filing's event, so the Location of a 202 always resolves. Only
 * the filing enterprise (or an admin acting for it) sees a pending filing: an insurer
 * reaches claims through its pointer, which a covered claim gets when it is applied.
 */
export type ClaimOrFiling = { kind: 'claim'; claim: StoredClaim } | { kind: 'filing'; event: EventRecord };

export async function claimOrFiling(store: StoreContext, caller: Caller, claimId: string, requestedTenant: string | undefined): Promise<ClaimOrFiling> {
  // The claim, or undefined where it is not found (any other refusal stands).
  const claimIfStored = () =>
    readableClaim(store, caller, claimId, requestedTenant).catch((error: unknown) => {
      if (error instanceof Problem && error.status === 404) return undefined;
      throw error;
    });
  const claim = await claimIfStored();
  if (claim) return { kind: 'claim', claim };
  if (caller.role === 'insurer') throw problems.notFound('Claim');
  const event = await eventsRepository(store).get(actingTenant(caller, requestedTenant), filingEventIdOf(claimId), true);
  if (!event || event.type !== 'claim.file' || event.subjectId !== claimId) throw problems.notFound('Claim');
  // Settled in between the two reads: an applied filing is a claim now, and so is a
  // not-covered one (stored, its event ending `rejected` with the reason, in the same
  // transaction). Only a filing refused before a claim was stored stays a filing.
  const settled = event.status === 'accepted' ? undefined : await claimIfStored();
  return settled ? { kind: 'claim', claim: settled } : { kind: 'filing', event };
}
