/**
 * Insurance fixtures for tests against DynamoDB Local: a policy issued and workers enrolled
 * through the real services (services/policies.ts, policy-enrolments.ts), so every rule,
 * key and trace entry is the one production writes — only the clock is set where a test
 * needs a past enrolment (the services refuse to backdate cover "today").
 *
 *   const policy = await givePolicy(store, { insurerId, enterpriseId });
 *   await enrolWorker(store, { policyId: policy.policyId, enterpriseId, workerId });
 *   await findCoverage(store, { enterpriseId, workerId, at: new Date().toISOString(), claimType: 'worker-accident' });
 *
 * Tenants that do not exist yet are created with the needed role. A worker that is not
 * ready for the roster is made ready first (unless `prepare: false`): an employment link
 * with the enterprise, and — through the worker registry's own change path — a minimal
 * profile with the insurance-roster consent (no personal data: placeholder ciphertexts).
 */
import type { Caller } from '../../shared/auth/roles';
import { createTenant } from '../../shared/admin/onboarding';
import type { CoverType } from '../../shared/domain/insurance/cover';
import { addDays, addYears, chinaDate } from '../../shared/domain/insurance/days';
import type { Enrolment, Policy } from '../../shared/domain/insurance/policy';
import { WORKER_TRACE_TYPES } from '../../shared/domain/worker/worker';
import type { Role } from '../../shared/auth/roles';
import { Problem } from '../../shared/lib/problem';
import { cancelPolicy as cancelPolicyService, issuePolicy } from '../../shared/services/policies';
import { endEnrolment as endEnrolmentService, enrolWorker as enrolWorkerService } from '../../shared/services/policy-enrolments';
import type { PolicyDeps } from '../../shared/services/policy-change';
import { commitWorkerChange } from '../../shared/services/worker-change';
import { refreshCertificate } from '../../shared/services/worker-certificate';
import { consentsAfter, consentStep, recordConsent } from '../../shared/services/worker-consents';
import type { StoreContext } from '../../shared/store/client';
import { employmentRepository } from '../../shared/store/employment-repository';
import { policiesRepository } from '../../shared/store/policies-repository';
import { tenantsRepository } from '../../shared/store/tenants-repository';
import { workersRepository } from '../../shared/store/workers-repository';

export const ROSTER_CONSENT_VERSION = 'insurance-roster-v1';

let counter = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${++counter}`;

const insurerCaller = (tenantId: string): Caller => ({ tenantId, role: 'insurer', keyId: 'test-support' });
const enterpriseCaller = (tenantId: string): Caller => ({ tenantId, role: 'enterprise', keyId: 'test-support' });

/** Noon in Guangzhou on `date`: a clock at which `date` is "today". */
const noonOf = (date: string) => new Date(`${date}T04:00:00Z`);

/** The deps routes use (certificate refreshed after each change), with the clock at `today` if given. */
function deps(store: StoreContext, today?: string): PolicyDeps {
  return {
    store,
    ...(today ? { now: () => noonOf(today) } : {}),
    // The certificate reflects the real today, whatever clock the change was made at.
    afterChange: (workerId) => refreshCertificate(store, workerId),
  };
}

function unwrap<T>(answer: { created: boolean; body: Record<string, unknown> }): T {
  return answer.body as T;
}

async function rethrowProblem<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Problem) throw new Error(`${what} refused: ${error.status} ${error.slug} ${error.detail ?? ''} ${JSON.stringify(error.extensions)}`);
    throw error;
  }
}

/** Creates the tenant with `role` if it does not exist; fails if it exists with another role. */
export async function ensureTenant(store: StoreContext, tenantId: string, role: Role): Promise<void> {
  const existing = await tenantsRepository(store).getTenant(tenantId);
  if (existing) {
    if (existing.role !== role) throw new Error(`tenant ${tenantId} is a ${existing.role}, not a(n) ${role}`);
    return;
  }
  await createTenant(store, { tenantId, role, name: role === 'insurer' ? '测试保险公司' : '测试家政企业' });
}

export interface GivePolicy {
  insurerId: string;
  enterpriseId: string;
  covers?: CoverType[];
  /** Default: 30 days ago (China date), so "now" is covered. */
  startsOn?: string;
  /** Default: the longest term allowed less one day (one year from startsOn, exclusive). */
  endsOn?: string;
  /** Default 30000 fen (300 yuan). */
  premiumPerWorkerFen?: number;
  policyNumber?: string;
}

/** Issues a policy through the insurer's service; returns it as stored. */
export async function givePolicy(store: StoreContext, input: GivePolicy): Promise<Policy> {
  await ensureTenant(store, input.insurerId, 'insurer');
  await ensureTenant(store, input.enterpriseId, 'enterprise');
  const startsOn = input.startsOn ?? addDays(chinaDate(new Date()), -30);
  const body = await rethrowProblem('issuing the policy', async () =>
    unwrap<{ policyId: string }>(
      await issuePolicy(deps(store), insurerCaller(input.insurerId), {
        enterpriseId: input.enterpriseId,
        policyNumber: input.policyNumber ?? `TEST-${unique()}`,
        covers: input.covers ?? ['worker-accident', 'third-party-liability'],
        startsOn,
        endsOn: input.endsOn ?? addDays(addYears(startsOn, 1), -1),
        premiumPerWorkerFen: input.premiumPerWorkerFen ?? 30_000,
      }),
    ),
  );
  return (await policiesRepository(store).get(input.insurerId, body.policyId, true))!;
}

/**
 * Makes a worker eligible for an enterprise's roster: a current employment link, and a
 * profile with the insurance-roster consent (a minimal one is created if the worker has
 * none; an existing profile gets the consent through the registry's consent service).
 */
export async function makeRosterReady(store: StoreContext, input: { enterpriseId: string; workerId: string }): Promise<void> {
  const { enterpriseId, workerId } = input;
  await ensureTenant(store, enterpriseId, 'enterprise');
  const employment = employmentRepository(store);
  const today = chinaDate(new Date());
  if (!(await employment.isCurrent(enterpriseId, workerId))) {
    await employment.link({ tenantId: enterpriseId, workerId, status: 'current', since: today });
  }
  const caller = enterpriseCaller(enterpriseId);
  const request = { scope: 'insurance-roster' as const, version: ROSTER_CONSENT_VERSION, granted: true };
  const profile = await workersRepository(store).get(workerId, true);
  if (profile?.consents['insurance-roster']) return;
  if (profile) {
    await rethrowProblem('recording the consent', () => recordConsent({ store }, caller, `test-roster-consent-${unique()}`, workerId, request));
    return;
  }
  await commitWorkerChange(
    { store },
    {
      caller,
      idempotencyKey: `test-roster-worker-${unique()}`,
      type: 'worker.register',
      requestHash: `test-support:${workerId}`,
      plan: async (at) => {
        const step = consentStep(store, workerId, {}, request, at);
        const base = {
          workerId,
          registeredAt: at,
          idNumberCiphertext: 'test-placeholder',
          nameCiphertext: 'test-placeholder',
          idNumberMasked: '440***********0000',
          nameMasked: '测**',
          currentTenantId: enterpriseId,
          checks: {},
          consents: {},
          trainedCategories: [],
        };
        return {
          workerId,
          before: undefined,
          after: (seqs) => ({ ...base, consents: consentsAfter({}, [step], seqs.slice(1)) }),
          entries: [{ type: WORKER_TRACE_TYPES.registered, payload: { workerId } }, step.entry],
          answer: () => ({ created: true, body: { status: 'registered' } }),
        };
      },
    },
  );
}

export interface EnrolWorker {
  policyId: string;
  enterpriseId: string;
  workerId: string;
  /** Default: today (China date). A past day is allowed here: the clock is set to it for the enrolment. */
  from?: string;
  until?: string;
  /** Make the worker roster-ready first (default true). */
  prepare?: boolean;
}

/** Enrols a worker through the enterprise's service; returns the roster period as stored. */
export async function enrolWorker(store: StoreContext, input: EnrolWorker): Promise<Enrolment> {
  if (input.prepare !== false) await makeRosterReady(store, input);
  const today = chinaDate(new Date());
  const from = input.from ?? today;
  await rethrowProblem('enrolling the worker', async () =>
    unwrap(
      await enrolWorkerService(deps(store, from < today ? from : undefined), enterpriseCaller(input.enterpriseId), input.policyId, {
        workerId: input.workerId,
        from,
        ...(input.until !== undefined ? { until: input.until } : {}),
      }),
    ),
  );
  const periods = await policiesRepository(store).enrolmentsOfWorker(input.workerId, input.enterpriseId);
  return periods.find((e) => e.policyId === input.policyId && e.from === from)!;
}

/** Ends a worker's enrolment on `on` (a past day allowed: the clock is set to it). */
export async function endEnrolment(store: StoreContext, input: { policyId: string; enterpriseId: string; workerId: string; on: string }): Promise<void> {
  const today = chinaDate(new Date());
  await rethrowProblem('ending the enrolment', async () =>
    unwrap(await endEnrolmentService(deps(store, input.on < today ? input.on : undefined), enterpriseCaller(input.enterpriseId), input.policyId, input.workerId, input.on)),
  );
}

/** Cancels a policy with `effectiveOn` as its last day of cover (a past day allowed: the clock is set to it). */
export async function cancelPolicy(store: StoreContext, input: { policyId: string; insurerId: string; effectiveOn: string }): Promise<Policy> {
  const today = chinaDate(new Date());
  await rethrowProblem('cancelling the policy', async () =>
    unwrap(await cancelPolicyService(deps(store, input.effectiveOn < today ? input.effectiveOn : undefined), insurerCaller(input.insurerId), input.policyId, input.effectiveOn)),
  );
  return (await policiesRepository(store).get(input.insurerId, input.policyId, true))!;
}
