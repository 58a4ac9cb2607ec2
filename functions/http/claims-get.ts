/**
 * GET /v1/claims/{claimId} — one claim with its filing text, documents, evidence, decision
 * and payment: for the filing enterprise and the claim's insurer (an admin names the
 * enterprise with ?tenantId=). Anyone else's claim is not found.
 */
import { ActingTenantQuery } from '../../shared/auth/acting-tenant';
import { httpHandler, json, parseQuery, pathParam } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { readableClaim, requireClaimReader } from '../../shared/services/claim-access';
import { defaultStore } from '../../shared/store/client';
import { claimView } from '../../shared/views/claim-views';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireClaimReader(caller);
  const { tenantId } = parseQuery(event, ActingTenantQuery);
  const claimId = pathParam(event, 'claimId', ID_PATTERNS.claim, 'Claim');
  return json(200, claimView(await readableClaim(store, caller, claimId, tenantId)));
});
