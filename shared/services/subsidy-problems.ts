/**
 * The problems a subsidy step answers with (docs/problems.md): each refusal of the domain
 * (shared/domain/subsidy/application.ts, budget.ts) as the status and type a client reads.
 */
import type { ApplicationError } from '../domain/subsidy/application';
import type { RuleResult } from '../domain/subsidy/rules';
import { Problem, problems } from '../lib/problem';

/** Every failed rule, by id, with what it found (and the worker, for a person rule). */
export const ineligible = (failed: RuleResult[], what = 'The application'): Problem =>
  new Problem(422, 'subsidy-ineligible', 'Not eligible', `${what} fails ${failed.length} rule(s) of the scheme (docs/subsidies.md "Rules"); nothing was stored.`, {
    failedRules: failed.map((r) => ({ rule: r.rule, detail: r.detail, ...(r.workerId !== undefined ? { workerId: r.workerId } : {}) })),
  });

export const schemeNotOpen = (schemeId: string): Problem =>
  new Problem(
    422,
    'subsidy-scheme-not-open',
    'Scheme not open for applications',
    `${schemeId} is not open for applications yet: the worker facts it is decided on are not recorded on the platform yet (docs/subsidies.md "What is built").`,
  );

export const budgetExceeded = (remainingFen: number | undefined, amountFen: number): Problem =>
  problems.conflict(
    'subsidy-budget-exceeded',
    'Budget exceeded',
    `The scheme's budget for the year does not cover ${amountFen} fen${remainingFen === undefined ? '' : ` (${remainingFen} fen remain)`}; nothing was approved.`,
  );

export const alreadyAwarded = (): Problem =>
  problems.conflict('subsidy-already-awarded', 'Already awarded', 'This award (or this applicant and year) was approved before under another application: it is paid once.');

/** A counted person was paid under the scheme and year by another application (whose is not said). */
export const personAlreadyPaid = (workerIds: string[]): Problem =>
  new Problem(
    409,
    'subsidy-person-already-paid',
    'Person already paid',
    `${workerIds.length} person(s) this application counts were paid under this scheme for this year by another application: a person is paid once. Nothing was approved.`,
    { workerIds },
  );

export function problemOf(error: ApplicationError): Problem {
  switch (error.code) {
    case 'not-found':
      return problems.notFound('The application');
    case 'not-permitted':
      return problems.forbidden(error.detail);
    case 'not-allowed-in-state':
      return problems.conflict(
        'subsidy-transition-not-allowed',
        'Not allowed in this state',
        error.state === 'exists' ? 'The application exists already.' : `An application that is ${error.state} cannot be given ${error.command}.`,
      );
    case 'ineligible':
      return ineligible(error.failed);
    case 'amount-above-allowed':
      return new Problem(422, 'subsidy-amount-above-allowed', 'Amount above what the rules allow', `${error.amountFen} fen is more than the ${error.allowedFen} fen the rules allow.`, {
        allowedFen: error.allowedFen,
      });
    case 'text-required':
      return problems.validation([{ pointer: `/${error.field === 'message' ? 'note' : error.field}`, detail: 'is required (an amount below what the rules allow is approved with a reason)' }]);
    case 'payment-differs-from-approval':
      return new Problem(422, 'subsidy-payment-differs', 'Payment differs from the approval', `A payment is exactly the approved ${error.approvedFen} fen.`, { approvedFen: error.approvedFen });
    case 'invalid-day':
      return problems.validation([{ pointer: `/${error.field}`, detail: error.detail }]);
    case 'invalid-amount':
      return problems.validation([{ pointer: '/amountFen', detail: error.detail }]);
    case 'budget-not-set':
      return problems.conflict('subsidy-budget-not-set', 'No budget', "The scheme's budget for the year is not set: an admin sets it first (PUT /v1/admin/subsidy-budgets/{scheme}/{year}).");
    case 'budget-exceeded':
      return budgetExceeded(error.remainingFen, error.amountFen);
    case 'allocation-below-committed':
      return problems.conflict('subsidy-budget-below-committed', 'Below what is committed', `Approvals have committed ${error.committedFen} fen of this budget; it cannot be set lower.`);
    case 'payment-exceeds-committed':
      return problems.conflict('subsidy-budget-exceeded', 'Payment exceeds what is committed', `Only ${error.unpaidFen} fen of the budget are committed and unpaid.`);
  }
}
