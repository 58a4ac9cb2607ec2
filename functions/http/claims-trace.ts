/** GET /v1/claims/{claimId}/trace — the claim's hash-chained trace and whether it verifies (same readers as the claim). */
import { ActingTenantQuery } from '../../shared/auth/acting-tenant';
import { httpHandler, json, parseQuery, pathParam } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { readableClaim, requireClaimReader } from '../../shared/services/claim-access';
import { claimsRepository } from '../../shared/store/claims-repository';
import { defaultStore } from '../../shared/store/client';
import { verifyChain } from '../../shared/trace/chain';

const store = defaultStore();
const claims = claimsRepository(store);

export const handler = httpHandler(async (event, caller) => {
  requireClaimReader(caller);
  const { tenantId } = parseQuery(event, ActingTenantQuery);
  const claimId = pathParam(event, 'claimId', ID_PATTERNS.claim, 'Claim');
  const claim = await readableClaim(store, caller, claimId, tenantId);
  const entries = await claims.trace(claim.tenantId, claimId);
  return json(200, { claimId, entries, verification: verifyChain(entries, claim.traceHead) });
});
