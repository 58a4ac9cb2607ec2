/**
 * A scheme's budget for one year (docs/subsidies.md "Budgets"): what an admin allocated,
 * what approvals have committed, what has been paid, and what remains. Pure arithmetic in
 * integer fen: whether an approval fits, and the budget after it.
 *
 * Deciding here is not enough under concurrency: two approvals that each fit the remaining
 * budget they read may not both fit. The store therefore keeps `remainingFen` on the budget
 * item and reserves with one conditional update — `remainingFen >= :amount`, then
 * `remainingFen − :amount` and `committedFen + :amount` — in the approval's transaction
 * (a condition expression compares attributes, it cannot subtract them, hence the stored
 * remainder). These functions state what that write must keep true, and let a service
 * refuse early with the right reason.
 */

export interface SubsidyBudget {
  schemeId: string;
  year: number;
  /** Set by an admin. */
  allocatedFen: number;
  /** Approved amounts, paid or not. */
  committedFen: number;
  /** Of the committed, what has been paid. */
  paidFen: number;
}

export type BudgetError =
  | { code: 'budget-not-set' }
  | { code: 'budget-exceeded'; remainingFen: number; amountFen: number }
  | { code: 'allocation-below-committed'; committedFen: number }
  | { code: 'payment-exceeds-committed'; unpaidFen: number }
  | { code: 'invalid-amount'; detail: string };

export type BudgetDecision = { ok: true; budget: SubsidyBudget } | { ok: false; error: BudgetError };

const isFen = (n: number) => Number.isSafeInteger(n) && n >= 0;

/** Refuses a budget that breaks its own invariants: a store or a caller went wrong. */
export function checkBudget(b: SubsidyBudget): void {
  if (![b.allocatedFen, b.committedFen, b.paidFen].every(isFen)) throw new Error('budget amounts must be non-negative integers of fen');
  if (b.committedFen > b.allocatedFen) throw new Error('a budget never commits more than it was allocated');
  if (b.paidFen > b.committedFen) throw new Error('a budget never pays more than it committed');
}

export function remainingFen(b: SubsidyBudget): number {
  checkBudget(b);
  return b.allocatedFen - b.committedFen;
}

/** An approval of `amountFen` fits what remains. */
export const fitsBudget = (b: SubsidyBudget, amountFen: number): boolean => isFen(amountFen) && amountFen <= remainingFen(b);

const positive = (amountFen: number): BudgetError | undefined =>
  Number.isSafeInteger(amountFen) && amountFen > 0 ? undefined : { code: 'invalid-amount', detail: 'must be a positive integer number of fen' };

/** Commit `amountFen` for an approval, or say why not. */
export function reserve(b: SubsidyBudget | undefined, amountFen: number): BudgetDecision {
  if (!b) return { ok: false, error: { code: 'budget-not-set' } };
  const invalid = positive(amountFen);
  if (invalid) return { ok: false, error: invalid };
  const left = remainingFen(b);
  if (amountFen > left) return { ok: false, error: { code: 'budget-exceeded', remainingFen: left, amountFen } };
  return { ok: true, budget: { ...b, committedFen: b.committedFen + amountFen } };
}

/** Record the payment of `amountFen` of what was committed. */
export function recordPaid(b: SubsidyBudget, amountFen: number): BudgetDecision {
  checkBudget(b);
  const invalid = positive(amountFen);
  if (invalid) return { ok: false, error: invalid };
  const unpaid = b.committedFen - b.paidFen;
  if (amountFen > unpaid) return { ok: false, error: { code: 'payment-exceeds-committed', unpaidFen: unpaid } };
  return { ok: true, budget: { ...b, paidFen: b.paidFen + amountFen } };
}

/**
 * An admin sets the year's allocation: the first time, or again (raised or lowered). It may
 * never fall below what is already committed — that money is promised.
 */
export function allocate(current: SubsidyBudget | undefined, schemeId: string, year: number, allocatedFen: number): BudgetDecision {
  if (!isFen(allocatedFen)) return { ok: false, error: { code: 'invalid-amount', detail: 'must be a non-negative integer number of fen' } };
  const b = current ?? { schemeId, year, allocatedFen: 0, committedFen: 0, paidFen: 0 };
  checkBudget(b);
  if (allocatedFen < b.committedFen) return { ok: false, error: { code: 'allocation-below-committed', committedFen: b.committedFen } };
  return { ok: true, budget: { ...b, allocatedFen } };
}

/** What a budget read answers: the four figures. */
export const budgetFigures = (b: SubsidyBudget) => ({
  allocatedFen: b.allocatedFen,
  committedFen: b.committedFen,
  paidFen: b.paidFen,
  remainingFen: remainingFen(b),
});
