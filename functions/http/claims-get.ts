/**
 * GET /v1/claims/{claimId} — one claim with its filing text, documents, evidence, decision
 * and payment: for the filing enterprise and the claim's insurer (an admin names the
 * enterprise with ?tenantId=). Until the consumer has applied the filing, the filing
 * enterprise sees it `accepted` (the 202's Location). Anyone else's claim is not found.
 */
import { ActingTenantQuery } from '../../shared/auth/acting-tenant';
import { httpHandler, json, parseQuery, pathParam } from '../../shared/lib/http';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { claimOrFiling, requireClaimReader } from '../../shared/services/claim-access';
import { defaultStore } from '../../shared/store/client';
import { claimFilingView, claimView } from '../../shared/views/claim-views';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireClaimReader(caller);
  const { tenantId } = parseQuery(event, ActingTenantQuery);
  const claimId = pathParam(event, 'claimId', ID_PATTERNS.claim, 'Claim');
  const found = await claimOrFiling(store, caller, claimId, tenantId);
  return json(200, found.kind === 'claim' ? claimView(found.claim) : claimFilingView(found.event));
});
