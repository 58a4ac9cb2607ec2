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
import { keysToClaim } from '../domain/subsidy/payment-keys';
import { SCHEMES } from '../domain/subsidy/schemes';
import { shanghaiDay } from '../lib/shanghai-day';
import { subsidyApplicationsRepository, type AwardLine, type StoredApplication } from '../store/subsidy-applications-repository';
import { subsidyBudgetsRepository } from '../store/subsidy-budgets-repository';
import { tenantsRepository } from '../store/tenants-repository';
import { alreadyAwarded, budgetExceeded, problemOf } from './subsidy-problems';
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

export async function approveApplication(deps: SubsidyDeps, admin: Caller, applicationId: string, input: { amountFen: number; reason?: string }) {
  const repo = subsidyApplicationsRepository(deps.store);
  const budgets = subsidyBudgetsRepository(deps.store);
  const stored = await commitStep(deps, {
    actor: admin,
    applicationId,
    command: 'approve',
    plan: async (application, now) => {
      const today = shanghaiDay(now);
      const at = now.toISOString();
      const budget = await budgets.get(application.year, application.schemeId);
      const decision = decideApplication(application, adminActor(admin), { type: 'approve', amountFen: input.amountFen, on: today, budget, ...(input.reason !== undefined ? { reason: input.reason } : {}) });
      if (!decision.ok) throw problemOf(decision.error);
      // The keys follow from the facts the application was decided on (its current evidence).
      const evidence = await repo.evidence(application.applicantId, applicationId, application.evidenceSeq);
      if (!evidence) throw new Error(`application ${applicationId} has no evidence snapshot at ${application.evidenceSeq}`);
      const claims = keysToClaim(SCHEMES[application.schemeId], evidence.facts, evidence.amount);
      for (const claim of claims) {
        const holder = await repo.paymentKeyHolder(claim.key);
        if (holder !== undefined && holder !== applicationId) throw alreadyAwarded();
      }
      const line = await awardLine(deps, application, { amountFen: input.amountFen, state: 'approved', approvedOn: today });
      return {
        next: { ...application, state: decision.to, approvedFen: input.amountFen, approvedOn: today, ...(input.reason !== undefined ? { decisionReason: input.reason } : {}) },
        attested: { state: decision.to, approvedFen: input.amountFen, approvedOn: today, keys: claims.map((c) => c.key) },
        side: () => [
          budgets.reserveUpdate(application.year, application.schemeId, input.amountFen, at),
          ...claims.map((c) => repo.paymentKeyPut(c.key, { applicationId, tenantId: application.applicantId, at })),
          repo.awardPut(line),
        ],
        // The budget (index 0) no longer covers it: answered at once, from the budget as it is
        // now. A payment key (index ≥ 1): decided again, and the read above refuses it.
        onSideConflict: async (index) => {
          if (index !== 0) return;
          const now = await budgets.get(application.year, application.schemeId);
          if (!now || now.remainingFen < input.amountFen) throw budgetExceeded(now?.remainingFen, input.amountFen);
        },
      };
    },
  });
  return applicationView(stored);
}

export async function rejectApplication(deps: SubsidyDeps, admin: Caller, applicationId: string, input: { reason: string }) {
  const repo = subsidyApplicationsRepository(deps.store);
  const stored = await commitStep(deps, {
    actor: admin,
    applicationId,
    command: 'reject',
    plan: async (application) => {
      const decision = decideApplication(application, adminActor(admin), { type: 'reject', reason: input.reason });
      if (!decision.ok) throw problemOf(decision.error);
      // The reason is free text: kept with the application, never hashed into the trace.
      return { next: { ...application, state: decision.to, decisionReason: input.reason }, attested: { state: decision.to }, side: () => [repo.liveDelete(application)] };
    },
  });
  return applicationView(stored);
}

export async function requestInformation(deps: SubsidyDeps, admin: Caller, applicationId: string, input: { note: string }) {
  const stored = await commitStep(deps, {
    actor: admin,
    applicationId,
    command: 'request-info',
    plan: async (application) => {
      const decision = decideApplication(application, adminActor(admin), { type: 'request-info', message: input.note });
      if (!decision.ok) throw problemOf(decision.error);
      return { next: { ...application, state: decision.to, infoRequest: input.note }, attested: { state: decision.to } };
    },
  });
  return applicationView(stored);
}

export async function recordPayment(deps: SubsidyDeps, admin: Caller, applicationId: string, input: { amountFen: number; paidOn: string; paymentRef: string }) {
  const repo = subsidyApplicationsRepository(deps.store);
  const budgets = subsidyBudgetsRepository(deps.store);
  const stored = await commitStep(deps, {
    actor: admin,
    applicationId,
    command: 'record-payment',
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
