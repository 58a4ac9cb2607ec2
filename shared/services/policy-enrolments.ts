/**
 * The roster of a group policy: the enterprise holding the policy enrols its workers
 * (POST /v1/policies/{policyId}/enrolments) and ends their enrolments
 * (POST …/enrolments/{workerId}/end); insurer and enterprise read the roster. Each change
 * is a trace entry on the policy (policy-change.ts) and refreshes the worker's certificate,
 * whose light shows whether the worker is insured.
 *
 * Who may be enrolled: a worker the enterprise employs now (employment link `current`)
 * who has given the `insurance-roster` consent (their data goes to the insurer). A worker
 * the enterprise does not know gets the same 422 as one it no longer employs, so probing
 * worker ids reveals nothing.
 */
import type { Caller } from '../auth/roles';
import { chinaDate } from '../domain/insurance/days';
import { decideEnrolment, decideEnrolmentEnd, POLICY_TRACE_TYPES, type Enrolment } from '../domain/insurance/policy';
import { problems } from '../lib/problem';
import { employmentRepository } from '../store/employment-repository';
import { policiesRepository } from '../store/policies-repository';
import { workersRepository } from '../store/workers-repository';
import { enrolmentView } from '../views/policy-views';
import { commitPolicyChange, type PolicyAnswer, type PolicyDeps } from './policy-change';
import { visiblePolicy } from './policies';

export interface EnrolRequest {
  workerId: string;
  from: string;
  until?: string;
}

export async function enrolWorker(deps: PolicyDeps, caller: Caller, policyId: string, request: EnrolRequest): Promise<PolicyAnswer> {
  const { store } = deps;
  const policies = policiesRepository(store);
  const { workerId, from, until } = request;
  return commitPolicyChange(deps, {
    caller,
    naturalKey: `enrol:${policyId}:${workerId}:${from}`,
    plan: async (at) => {
      const policy = await visiblePolicy(store, caller, policyId, true);
      // Only the enterprise holding the policy changes its roster (an insurer reaching its own policy here gets 404 too).
      if (policy.enterpriseId !== caller.tenantId) throw problems.notFound('Policy');
      const [existing, employed, profile] = await Promise.all([
        policies.workerOnRoster(policy.insurerId, policyId, workerId),
        employmentRepository(store).isCurrent(caller.tenantId, workerId),
        workersRepository(store).get(workerId, true),
      ]);
      const rosterConsent = profile?.consents['insurance-roster'] !== undefined;
      const decision = decideEnrolment(policy, existing, { from, until, employed, rosterConsent }, chinaDate(new Date(at)));
      switch (decision.kind) {
        case 'existing':
          return { kind: 'unchanged', answer: { created: false, body: enrolmentView(decision.enrolment) }, workerIds: [workerId] };
        case 'refused':
          throw problems.validation(decision.violations);
        case 'overlap':
          throw problems.conflict(
            'enrolment-overlap',
            'Enrolment overlaps',
            `The worker is on this policy's roster from ${decision.other.from}${decision.other.until ? ` until ${decision.other.until}` : ''} already.`,
          );
        case 'enrol': {
          const enrolment: Enrolment = {
            policyId,
            insurerId: policy.insurerId,
            enterpriseId: policy.enterpriseId,
            workerId,
            from,
            ...(until !== undefined ? { until } : {}),
            enrolledAt: at,
          };
          const { version: _v, traceHead: _h, ...base } = policy;
          return {
            kind: 'change',
            before: policy,
            after: base,
            entries: [{ type: POLICY_TRACE_TYPES.workerEnrolled, payload: { policyId, workerId, from, ...(until !== undefined ? { until } : {}) } }],
            extra: policies.enrolmentPuts(enrolment),
            answer: () => ({ created: true, body: enrolmentView(enrolment) }),
            workerIds: [workerId],
          };
        }
      }
    },
  });
}

/** Ends the worker's enrolment with `on` as its last day on the roster. */
export async function endEnrolment(deps: PolicyDeps, caller: Caller, policyId: string, workerId: string, on: string): Promise<PolicyAnswer> {
  const { store } = deps;
  const policies = policiesRepository(store);
  return commitPolicyChange(deps, {
    caller,
    naturalKey: `end:${policyId}:${workerId}:${on}`,
    plan: async (at) => {
      const policy = await visiblePolicy(store, caller, policyId, true);
      if (policy.enterpriseId !== caller.tenantId) throw problems.notFound('Policy');
      const existing = await policies.workerOnRoster(policy.insurerId, policyId, workerId);
      const decision = decideEnrolmentEnd(policy, existing, on, chinaDate(new Date(at)));
      switch (decision.kind) {
        case 'not-enrolled':
          throw problems.notFound('Enrolment');
        case 'unchanged':
          return { kind: 'unchanged', answer: { created: false, body: enrolmentView(decision.enrolment) }, workerIds: [workerId] };
        case 'refused':
          throw problems.validation(decision.violations);
        case 'end': {
          const ended: Enrolment = { ...decision.enrolment, until: on, endedAt: at };
          const { version: _v, traceHead: _h, ...base } = policy;
          return {
            kind: 'change',
            before: policy,
            after: base,
            entries: [{ type: POLICY_TRACE_TYPES.enrolmentEnded, payload: { policyId, workerId, from: decision.enrolment.from, until: on } }],
            extra: policies.enrolmentEndWrites(decision.enrolment, on, at),
            answer: () => ({ created: false, body: enrolmentView(ended) }),
            workerIds: [workerId],
          };
        }
      }
    },
  });
}
