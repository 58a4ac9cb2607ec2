/**
 * Group policies: an insurer issues one to an enterprise (POST /v1/policies), reads and
 * cancels its own; the enterprise holding it reads it. Synchronous changes with a trace
 * on the policy (policy-change.ts). Enrolments are in policy-enrolments.ts.
 */
import type { Caller } from '../auth/roles';
import type { CoverType } from '../domain/insurance/cover';
import { chinaDate } from '../domain/insurance/days';
import { checkPolicyPeriod, decideCancellation, POLICY_TRACE_TYPES, type Policy, type PolicyTerms } from '../domain/insurance/policy';
import { canonicalHash } from '../lib/hash';
import { newPolicyId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { policiesRepository } from '../store/policies-repository';
import { tenantsRepository } from '../store/tenants-repository';
import { policyView } from '../views/policy-views';
import { commitPolicyChange, type PolicyAnswer, type PolicyDeps } from './policy-change';

/** The terms as one canonical value: covers sorted and unique, so order and repeats do not make a new request. */
export function normalizedTerms(terms: PolicyTerms): PolicyTerms {
  return { ...terms, covers: [...new Set(terms.covers)].sort() as CoverType[] };
}

/**
 * POST /v1/policies. The policy number is unique per insurer: the same terms again answer
 * 200 with the policy issued first; other terms under a used number are a 409.
 */
export async function issuePolicy(deps: PolicyDeps, caller: Caller, input: PolicyTerms): Promise<PolicyAnswer> {
  const terms = normalizedTerms(input);
  const violations = checkPolicyPeriod(terms.startsOn, terms.endsOn);
  if (violations.length > 0) throw problems.validation(violations);
  const policies = policiesRepository(deps.store);
  const requestHash = canonicalHash(terms);
  const now = () => deps.now?.() ?? new Date();

  const repeat = async (): Promise<PolicyAnswer | undefined> => {
    const claim = await policies.numberClaim(caller.tenantId, terms.policyNumber);
    if (!claim) return undefined;
    if (claim.requestHash !== requestHash) {
      throw problems.conflict('policy-number-taken', 'Policy number taken', 'This insurer has issued a policy with this number and other terms.');
    }
    const existing = await policies.get(caller.tenantId, claim.policyId, true);
    if (!existing) throw new Error('a policy number points at a missing policy');
    return { created: false, body: policyView(existing, now()) };
  };

  return commitPolicyChange(deps, {
    caller,
    naturalKey: `issue:${terms.policyNumber}`,
    plan: async (at) => {
      const again = await repeat();
      if (again) return { kind: 'unchanged', answer: again };
      const enterprise = await tenantsRepository(deps.store).getTenant(terms.enterpriseId);
      if (enterprise?.role !== 'enterprise') throw problems.validation([{ pointer: '/enterpriseId', detail: 'is not an enterprise on the platform' }]);
      const policyId = newPolicyId();
      const after: Omit<Policy, 'version' | 'traceHead'> = { ...terms, policyId, insurerId: caller.tenantId, status: 'active', issuedAt: at };
      return {
        kind: 'change',
        before: undefined,
        after,
        entries: [{ type: POLICY_TRACE_TYPES.issued, payload: { policyId, ...terms } }],
        extra: [policies.numberClaimWrite(caller.tenantId, terms.policyNumber, { policyId, requestHash })],
        answer: (policy) => ({ created: true, body: policyView(policy, now()) }),
        // The number was claimed meanwhile: answer as for a repeat (or 409).
        onExtraConflict: async () => repeat(),
      };
    },
  });
}

/** A policy as the caller sees it: the insurer that issued it or the enterprise holding it; anyone else 404. */
export async function visiblePolicy(store: StoreContext, caller: Caller, policyId: string, consistent = false): Promise<Policy> {
  const policy = await policiesRepository(store).get(caller.tenantId, policyId, consistent);
  if (!policy) throw problems.notFound('Policy');
  return policy;
}

/** POST /v1/policies/{policyId}/cancel: the insurer ends the policy with `effectiveOn` as its last day of cover. */
export async function cancelPolicy(deps: PolicyDeps, caller: Caller, policyId: string, effectiveOn: string): Promise<PolicyAnswer> {
  const policies = policiesRepository(deps.store);
  const now = () => deps.now?.() ?? new Date();
  return commitPolicyChange(deps, {
    caller,
    naturalKey: `cancel:${policyId}:${effectiveOn}`,
    plan: async (at) => {
      const policy = await visiblePolicy(deps.store, caller, policyId, true);
      if (policy.insurerId !== caller.tenantId) throw problems.notFound('Policy');
      const decision = decideCancellation(policy, effectiveOn, chinaDate(new Date(at)));
      // Every worker on the roster may have lost cover: their certificates are brought up to date.
      const workerIds = async () => [...new Set((await policies.roster(policy.insurerId, policyId)).map((e) => e.workerId))];
      switch (decision.kind) {
        case 'unchanged':
          return { kind: 'unchanged', answer: { created: false, body: policyView(policy, now()) }, workerIds: await workerIds() };
        case 'already-cancelled':
          throw problems.conflict('policy-cancelled', 'Policy cancelled', `This policy is cancelled already, effective ${decision.effectiveOn}.`);
        case 'refused':
          throw problems.validation(decision.violations);
        case 'cancel': {
          const { version: _v, traceHead: _h, ...base } = policy;
          return {
            kind: 'change',
            before: policy,
            after: { ...base, status: 'cancelled', cancellation: { effectiveOn, cancelledAt: at } },
            entries: [{ type: POLICY_TRACE_TYPES.cancelled, payload: { policyId, effectiveOn } }],
            answer: (p) => ({ created: false, body: policyView(p, now()) }),
            workerIds: await workerIds(),
          };
        }
      }
    },
  });
}
