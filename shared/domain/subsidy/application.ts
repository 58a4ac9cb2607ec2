/**
 * The life of a subsidy application (docs/subsidies.md "Applications"): the one place that
 * says who may do what to an application in which state, and what each step must satisfy.
 * Pure: the service reads the application, the eligibility and the budget, asks here, and
 * writes what this answers (the application, its trace entry, its event, the budget and
 * the payment keys) in one transaction.
 *
 *   (none) ─submit─► submitted ─approve─► approved ─record-payment─► paid
 *                    │   ▲     ─reject──► rejected
 *                    │   └─supplement─┐
 *                    └─request-info─► more-info-requested ─reject─► rejected
 *   submitted and more-info-requested ─withdraw─► withdrawn
 *
 * An ineligible submission is refused with every failed rule and nothing is stored; an
 * application only ever exists eligible as of its last evaluation.
 */
import type { Role } from '../../auth/roles';
import { isCalendarDay } from '../../lib/shanghai-day';
import { recordPaid, reserve, type BudgetError, type SubsidyBudget } from './budget';
import type { EligibilityResult } from './eligibility';
import type { RuleId, RuleResult } from './rules';
import type { SchemeId } from './schemes';

export const APPLICATION_STATES = ['submitted', 'more-info-requested', 'approved', 'rejected', 'paid', 'withdrawn'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_COMMANDS = ['submit', 'request-info', 'supplement', 'approve', 'reject', 'record-payment', 'withdraw'] as const;
export type ApplicationCommandType = (typeof APPLICATION_COMMANDS)[number];

/** Who gives each command: the applying tenant, or the programme's admin. */
export const COMMAND_ACTORS: Readonly<Record<ApplicationCommandType, 'applicant' | 'admin'>> = {
  submit: 'applicant',
  'request-info': 'admin',
  supplement: 'applicant',
  approve: 'admin',
  reject: 'admin',
  'record-payment': 'admin',
  withdraw: 'applicant',
};

/** from state → command → to state. Anything not listed is refused. `submit` creates. */
export const TRANSITIONS: Readonly<Record<ApplicationState, Partial<Record<ApplicationCommandType, ApplicationState>>>> = {
  submitted: { 'request-info': 'more-info-requested', approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' },
  'more-info-requested': { supplement: 'submitted', reject: 'rejected', withdraw: 'withdrawn' },
  // Approved money is promised: the approval is not taken back here, only paid.
  approved: { 'record-payment': 'paid' },
  rejected: {},
  paid: {},
  withdrawn: {},
};

/** What each step is called on the trace (`subsidy.<name>`) and in events (`cn.anxin.subsidy.<name>.v1`). */
export const STEP_NAMES: Readonly<Record<ApplicationCommandType, string>> = {
  submit: 'submitted',
  'request-info': 'info-requested',
  supplement: 'supplemented',
  approve: 'approved',
  reject: 'rejected',
  'record-payment': 'paid',
  withdraw: 'withdrawn',
};

export const traceTypeOf = (command: ApplicationCommandType): string => `subsidy.${STEP_NAMES[command]}`;

/** The step a trace entry type names (`subsidy.approved` → `approve`); undefined for any other type. */
export const commandOfTraceType = (type: string): ApplicationCommandType | undefined => APPLICATION_COMMANDS.find((c) => traceTypeOf(c) === type);

/** The state a step leaves the application in: each command has exactly one (TRANSITIONS). */
export function stateAfter(command: ApplicationCommandType): ApplicationState {
  if (command === 'submit') return 'submitted';
  for (const from of APPLICATION_STATES) {
    const to = TRANSITIONS[from][command];
    if (to) return to;
  }
  throw new Error(`no transition by ${command}`);
}

export const isTerminalState = (state: ApplicationState): boolean => Object.keys(TRANSITIONS[state]).length === 0;

/** A subsidy application as the service keeps it (ids, dates, amounts: no personal data). */
export interface SubsidyApplication {
  applicationId: string;
  schemeId: SchemeId;
  year: number;
  applicantId: string;
  state: ApplicationState;
  catalogueVersion: string;
  /** The most the rules allow, from the latest evaluation. */
  allowedFen: number;
  /** The latest evidence snapshot's hash. */
  evidenceHash: string;
  submittedOn: string;
  approvedFen?: number;
  approvedOn?: string;
  paidOn?: string;
  paymentRef?: string;
  version: number;
  traceHead: { seq: number; hash: string };
}

export interface Actor {
  tenantId: string;
  role: Role;
}

export type ApplicationCommand =
  | { type: 'submit'; eligibility: EligibilityResult }
  | { type: 'request-info'; message: string }
  /** The applicant answers: the facts are read and the rules checked again. */
  | { type: 'supplement'; eligibility: EligibilityResult }
  /** `reason` is required when less than the rules allow is approved. */
  | { type: 'approve'; amountFen: number; on: string; budget: SubsidyBudget | undefined; reason?: string }
  | { type: 'reject'; reason: string }
  | { type: 'record-payment'; amountFen: number; paidOn: string; paymentRef: string; budget: SubsidyBudget }
  | { type: 'withdraw' };

export type ApplicationError =
  /** No such application — or another tenant's, which is answered the same way. */
  | { code: 'not-found' }
  | { code: 'not-permitted'; detail: string }
  | { code: 'not-allowed-in-state'; state: ApplicationState | 'exists'; command: ApplicationCommandType }
  | { code: 'ineligible'; failedRules: RuleId[]; failed: RuleResult[] }
  | { code: 'amount-above-allowed'; allowedFen: number; amountFen: number }
  | { code: 'text-required'; field: 'message' | 'reason' | 'paymentRef' }
  | { code: 'payment-differs-from-approval'; approvedFen: number; amountFen: number }
  | { code: 'invalid-day'; field: 'on' | 'paidOn'; detail: string }
  | BudgetError;

export type ApplicationDecision =
  | {
      ok: true;
      to: ApplicationState;
      /** The budget after the step (approve, record-payment): what the conditional write stores. */
      budget?: SubsidyBudget;
      /** The allowed amount after a submit or supplement. */
      allowedFen?: number;
    }
  | { ok: false; error: ApplicationError };

const refuse = (error: ApplicationError): ApplicationDecision => ({ ok: false, error });
const blank = (text: string | undefined) => text === undefined || text.trim() === '';

function eligibleOrRefused(eligibility: EligibilityResult, to: ApplicationState): ApplicationDecision {
  if (!eligibility.eligible) return refuse({ code: 'ineligible', failedRules: eligibility.failedRules, failed: eligibility.rules.filter((r) => !r.passed) });
  return { ok: true, to, allowedFen: eligibility.amount.allowedFen };
}

/** Decide one step. `application` is the stored application, undefined before a submit. */
export function decideApplication(application: SubsidyApplication | undefined, actor: Actor, command: ApplicationCommand): ApplicationDecision {
  if (!application) {
    if (command.type !== 'submit') return refuse({ code: 'not-found' });
    if (actor.role !== 'enterprise' && actor.role !== 'training-base') return refuse({ code: 'not-permitted', detail: 'only an enterprise or a training base applies' });
    // The facts must be the caller's own: the tenant comes from the caller, never the request.
    if (command.eligibility.applicantId !== actor.tenantId) throw new Error('eligibility evaluated for another tenant');
    return eligibleOrRefused(command.eligibility, 'submitted');
  }
  const isAdmin = actor.role === 'admin';
  if (!isAdmin && actor.tenantId !== application.applicantId) return refuse({ code: 'not-found' });
  if (command.type === 'submit') return refuse({ code: 'not-allowed-in-state', state: 'exists', command: 'submit' });

  const who = COMMAND_ACTORS[command.type];
  if (who === 'admin' && !isAdmin) return refuse({ code: 'not-permitted', detail: `only an admin may ${command.type}` });
  if (who === 'applicant' && actor.tenantId !== application.applicantId) return refuse({ code: 'not-permitted', detail: `only the applicant may ${command.type}` });

  const to = TRANSITIONS[application.state][command.type];
  if (!to) return refuse({ code: 'not-allowed-in-state', state: application.state, command: command.type });

  switch (command.type) {
    case 'request-info':
      return blank(command.message) ? refuse({ code: 'text-required', field: 'message' }) : { ok: true, to };

    case 'supplement': {
      const e = command.eligibility;
      if (e.schemeId !== application.schemeId || e.year !== application.year || e.applicantId !== application.applicantId) {
        throw new Error('eligibility evaluated for another application');
      }
      return eligibleOrRefused(e, to);
    }

    case 'approve': {
      const { amountFen, budget } = command;
      if (!isCalendarDay(command.on)) return refuse({ code: 'invalid-day', field: 'on', detail: 'must be a YYYY-MM-DD day' });
      if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return refuse({ code: 'invalid-amount', detail: 'must be a positive integer number of fen' });
      if (amountFen > application.allowedFen) {
        return refuse({ code: 'amount-above-allowed', allowedFen: application.allowedFen, amountFen });
      }
      // Approving less than the rules allow is an officer's judgement: it is written down.
      if (amountFen < application.allowedFen && blank(command.reason)) return refuse({ code: 'text-required', field: 'reason' });
      if (budget && (budget.schemeId !== application.schemeId || budget.year !== application.year)) throw new Error("another scheme's or year's budget");
      const reserved = reserve(budget, amountFen);
      return reserved.ok ? { ok: true, to, budget: reserved.budget } : refuse(reserved.error);
    }

    case 'reject':
      return blank(command.reason) ? refuse({ code: 'text-required', field: 'reason' }) : { ok: true, to };

    case 'record-payment': {
      const approvedFen = application.approvedFen!;
      if (command.amountFen !== approvedFen) return refuse({ code: 'payment-differs-from-approval', approvedFen, amountFen: command.amountFen });
      if (blank(command.paymentRef)) return refuse({ code: 'text-required', field: 'paymentRef' });
      if (!isCalendarDay(command.paidOn)) return refuse({ code: 'invalid-day', field: 'paidOn', detail: 'must be a YYYY-MM-DD day' });
      if (application.approvedOn !== undefined && command.paidOn < application.approvedOn) {
        return refuse({ code: 'invalid-day', field: 'paidOn', detail: `must not be before the approval (${application.approvedOn})` });
      }
      const { budget } = command;
      if (budget.schemeId !== application.schemeId || budget.year !== application.year) throw new Error("another scheme's or year's budget");
      const paid = recordPaid(budget, command.amountFen);
      return paid.ok ? { ok: true, to, budget: paid.budget } : refuse(paid.error);
    }

    case 'withdraw':
      return { ok: true, to };
  }
}
