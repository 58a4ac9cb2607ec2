/**
 * The programme officer's steps on a subsidy application (docs/subsidies.md "The state
 * machine"): request information, approve, reject, record the payment.
 *
 * An approval is one transaction (docs/subsidies.md "Budgets", "No double payment"): the
 * application under its version guard, its trace entry, the budget's reservation
 * (`remainingFen >= :amount`, then subtracted), every payment key the application needs
 * (`attribute_not_exists`: an award is paid once per subject, ever; a yearly scheme once per
 * applicant and year) and the public award line. The budget and the keys are read first only
 * to refuse early with the right problem; the transaction's conditions are the guard, so of
 * any number of concurrent approvals exactly those that fit succeed.
 */
import type { Caller } from '../auth/roles';
import { decideApplication } from '../domain/subsidy/application';
import { keysToClaim, personYearKey } from '../domain/subsidy/payment-keys';
import { SCHEMES } from '../domain/subsidy/schemes';
import { problems } from '../lib/problem';
import { shanghaiDay } from '../lib/shanghai-day';
import { subsidyApplicationsRepository, type AwardLine, type StoredApplication } from '../store/subsidy-applications-repository';
import { subsidyBudgetsRepository } from '../store/subsidy-budgets-repository';
import { tenantsRepository } from '../store/tenants-repository';
import { countedWorkers, PERSON_KEYS_PER_TRANSACTION, finishReleaseAfterRefusal, planPersonKeyRelease, releaseAfterStep } from './subsidy-person-keys';
import { subsidyPersonHashes } from './subsidy-persons';
import { alreadyAwarded, budgetExceeded, personAlreadyPaid, problemOf } from './subsidy-problems';
import { applicationView, commitStep, type SubsidyDeps } from './subsidy-steps';

const adminActor = (admin: Caller) => ({ tenantId: admin.tenantId, role: admin.role });

async function awardLine(deps: SubsidyDeps, application: StoredApplication, extra: Pick<AwardLine, 'amountFen' | 'state' | 'approvedOn' | 'paidOn'>): Promise<AwardLine> {
  const tenant = await tenantsRepository(deps.store).getTenant(application.applicantId);
  return {
    applicationId: application.applicationId,
    year: application.year,
    schemeId: application.schemeId,
    tenantId: application.applicantId,
    name: tenant?.name ?? '',
    role: tenant?.role ?? 'enterprise',
    ...extra,
    ...(extra.paidOn === undefined ? {} : { paidOn: extra.paidOn }),
  };
}

/** Keys claimed ahead per transaction: DynamoDB's limit. */
const CLAIM_CHUNK = 100;

export async function approveApplication(deps: SubsidyDeps, admin: Caller, applicationId: string, idempotencyKey: string, input: { amountFen: number; reason?: string }) {
  const repo = subsidyApplicationsRepository(deps.store);
  const budgets = subsidyBudgetsRepository(deps.store);
  const perTransaction = deps.personKeysPerTransaction ?? PERSON_KEYS_PER_TRANSACTION;
  // Keys claimed ahead by this call: given back if the approval does not commit.
  const claimedAhead = new Set<string>();
  try {
    const stored = await commitStep(deps, {
      actor: admin,
      applicationId,
      command: 'approve',
      idempotencyKey,
      body: input,
      plan: async (application, now) => {
        const today = shanghaiDay(now);
        const at = now.toISOString();
        const budget = await budgets.get(application.year, application.schemeId);
        const decision = decideApplication(application, adminActor(admin), { type: 'approve', amountFen: input.amountFen, on: today, budget, ...(input.reason !== undefined ? { reason: input.reason } : {}) });
        if (!decision.ok) throw problemOf(decision.error);
        // The keys follow from the facts the application was decided on (its current evidence).
        const evidence = await repo.evidence(application.applicantId, applicationId, application.evidenceSeq);
        if (!evidence) throw new Error(`application ${applicationId} has no evidence snapshot at ${application.evidenceSeq}`);
        const scheme = SCHEMES[application.schemeId];
        const counted = countedWorkers(evidence);
        const hashes = scheme.limits.personLimitsBy === 'ledger' ? await subsidyPersonHashes(deps.store, counted) : {};
        const claims = keysToClaim(scheme, evidence.facts, evidence.amount, hashes);
        const workerOfKey = new Map(counted.map((w) => [personYearKey(scheme.id, application.year, hashes[w]!), w]));
        const personClaims = claims.filter((c) => c.kind === 'person-year');
        const otherClaims = claims.filter((c) => c.kind !== 'person-year');
        for (const claim of otherClaims) {
          const holder = await repo.paymentKeyHolder(claim.key);
          if (holder !== undefined && holder !== applicationId) throw alreadyAwarded();
        }
        const holders = await Promise.all(personClaims.map((c) => repo.paymentKeyHolder(c.key)));
        const paidElsewhere = personClaims.filter((_, i) => holders[i] !== undefined && holders[i] !== applicationId).map((c) => workerOfKey.get(c.key)!);
        if (paidElsewhere.length > 0) throw personAlreadyPaid(paidElsewhere);
        const owner = { applicationId, tenantId: application.applicantId, at };
        const ahead = personClaims.length > perTransaction;
        if (ahead) {
          // Too many for one transaction: claimed first, owned by this application, given back below if the approval fails.
          personClaims.forEach((c) => claimedAhead.add(c.key));
          const claimed = await repo.claimPaymentKeys(personClaims.map((c) => repo.paymentKeyClaim(c.key, owner)), CLAIM_CHUNK);
          // Conflicts outlasted the retries: nothing is approved, the keys are given back below; safe to retry.
          if (claimed === 'busy') throw problems.unavailable();
          if (claimed === 'taken') {
            // Another application claimed one of them meanwhile: answered from the ledger as it is now.
            const now = await Promise.all(personClaims.map((c) => repo.paymentKeyHolder(c.key)));
            throw personAlreadyPaid(personClaims.filter((_, i) => now[i] !== undefined && now[i] !== applicationId).map((c) => workerOfKey.get(c.key)!));
          }
        }
        const inTransaction = ahead ? otherClaims : claims;
        const line = await awardLine(deps, application, { amountFen: input.amountFen, state: 'approved', approvedOn: today });
        return {
          next: { ...application, state: decision.to, approvedFen: input.amountFen, approvedOn: today, ...(input.reason !== undefined ? { decisionReason: input.reason } : {}) },
          attested: { state: decision.to, approvedFen: input.amountFen, approvedOn: today, keys: claims.map((c) => c.key) },
          side: () => [budgets.reserveUpdate(application.year, application.schemeId, input.amountFen, at), ...inTransaction.map((c) => repo.paymentKeyPut(c.key, owner)), repo.awardPut(line)],
          // The budget (index 0) no longer covers it: answered at once, from the budget as it is
          // now. A payment key (index ≥ 1): decided again, and the reads above refuse it.
          onSideConflict: async (index) => {
            if (index !== 0) return;
            const now = await budgets.get(application.year, application.schemeId);
            if (!now || now.remainingFen < input.amountFen) throw budgetExceeded(now?.remainingFen, input.amountFen);
          },
        };
      },
    });
    return applicationView(stored);
  } catch (error) {
    if (claimedAhead.size > 0) await giveBack(deps, applicationId, [...claimedAhead]);
    throw error;
  }
}

/**
 * Gives back the keys an approval claimed ahead when it did not commit. Not when the
 * application is approved after all (an answer lost after the commit, or a concurrent
 * approval of the same application that committed): then the keys are its payment's.
 */
async function giveBack(deps: SubsidyDeps, applicationId: string, keys: string[]): Promise<void> {
  const repo = subsidyApplicationsRepository(deps.store);
  const tenantId = await repo.applicantOf(applicationId);
  const application = tenantId === undefined ? undefined : await repo.get(tenantId, applicationId);
  if (application && (application.state === 'approved' || application.state === 'paid')) return;
  for (const key of keys) await repo.releasePaymentKey(key, applicationId);
}

/**
 * A rejection frees the live place and gives back the person keys the application holds (an
 * approval that stopped after claiming them ahead): in its transaction when they fit, else
 * once it committed (subsidy-person-keys.ts says why that is safe). A repeated rejection that
 * is refused finishes a release a stop left midway.
 */
export async function rejectApplication(deps: SubsidyDeps, admin: Caller, applicationId: string, idempotencyKey: string, input: { reason: string }) {
  const repo = subsidyApplicationsRepository(deps.store);
  let after: string[] = [];
  try {
    const stored = await commitStep(deps, {
      actor: admin,
      applicationId,
      command: 'reject',
      idempotencyKey,
      body: input,
      plan: async (application) => {
        const decision = decideApplication(application, adminActor(admin), { type: 'reject', reason: input.reason });
        if (!decision.ok) throw problemOf(decision.error);
        const release = await planPersonKeyRelease(deps.store, application, deps.personKeysPerTransaction);
        after = release.after;
        // The reason is free text: kept with the application, never hashed into the trace.
        return { next: { ...application, state: decision.to, decisionReason: input.reason }, attested: { state: decision.to }, side: () => [repo.liveDelete(application), ...release.inStep] };
      },
      afterCommit: (repeated) => releaseAfterStep(deps.store, applicationId, repeated, after),
    });
    return applicationView(stored);
  } catch (error) {
    await finishReleaseAfterRefusal(deps.store, applicationId, error);
    throw error;
  }
}

export async function requestInformation(deps: SubsidyDeps, admin: Caller, applicationId: string, idempotencyKey: string, input: { note: string }) {
  const stored = await commitStep(deps, {
    actor: admin,
    applicationId,
    command: 'request-info',
    idempotencyKey,
    body: input,
    plan: async (application) => {
      const decision = decideApplication(application, adminActor(admin), { type: 'request-info', message: input.note });
      if (!decision.ok) throw problemOf(decision.error);
      return { next: { ...application, state: decision.to, infoRequest: input.note }, attested: { state: decision.to } };
    },
  });
  return applicationView(stored);
}

export async function recordPayment(deps: SubsidyDeps, admin: Caller, applicationId: string, idempotencyKey: string, input: { amountFen: number; paidOn: string; paymentRef: string }) {
  const repo = subsidyApplicationsRepository(deps.store);
  const budgets = subsidyBudgetsRepository(deps.store);
  const stored = await commitStep(deps, {
    actor: admin,
    applicationId,
    command: 'record-payment',
    idempotencyKey,
    body: input,
    plan: async (application, now) => {
      if (application.state !== 'approved') throw problemOf({ code: 'not-allowed-in-state', state: application.state, command: 'record-payment' });
      // An approved application reserved from this budget: it exists.
      const budget = await budgets.get(application.year, application.schemeId);
      if (!budget) throw new Error(`approved application ${applicationId} has no budget`);
      const decision = decideApplication(application, adminActor(admin), { type: 'record-payment', ...input, budget });
      if (!decision.ok) throw problemOf(decision.error);
      const line = await awardLine(deps, application, { amountFen: application.approvedFen!, state: 'paid', approvedOn: application.approvedOn!, paidOn: input.paidOn });
      return {
        next: { ...application, state: decision.to, paidOn: input.paidOn, paymentRef: input.paymentRef },
        attested: { state: decision.to, paidFen: input.amountFen, paidOn: input.paidOn },
        side: () => [budgets.paidUpdate(application.year, application.schemeId, input.amountFen, now.toISOString()), repo.awardPut(line)],
      };
    },
  });
  return applicationView(stored);
}
