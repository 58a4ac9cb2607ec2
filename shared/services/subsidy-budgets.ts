/**
 * Subsidy budgets (docs/subsidies.md "Budgets"): an admin sets each scheme's allocation for a
 * year — the first time, raised or lowered later, never below what approvals committed — and
 * reads the four figures of every scheme. The allocation is one conditional update
 * (store/subsidy-budgets-repository.ts), so it cannot race an approval into a negative
 * remainder.
 */
import { budgetFigures } from '../domain/subsidy/budget';
import { SCHEME_IDS, type SchemeId } from '../domain/subsidy/schemes';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { subsidyBudgetsRepository, type StoredBudget } from '../store/subsidy-budgets-repository';
import { problemOf } from './subsidy-problems';

const view = (b: StoredBudget) => ({ schemeId: b.schemeId as SchemeId, year: b.year, ...budgetFigures(b), updatedAt: b.updatedAt });

export async function setBudget(store: StoreContext, schemeId: SchemeId, year: number, allocatedFen: number, now: Date = new Date()) {
  const repo = subsidyBudgetsRepository(store);
  if (!(await repo.allocate(year, schemeId, allocatedFen, now.toISOString()))) {
    const current = await repo.get(year, schemeId);
    throw problemOf({ code: 'allocation-below-committed', committedFen: current?.committedFen ?? 0 });
  }
  const stored = await repo.get(year, schemeId);
  if (!stored) throw problems.internal();
  return view(stored);
}

/** Every scheme's budget of the year; a scheme with none set shows zeros (nothing can be approved under it). */
export async function budgetsOfYear(store: StoreContext, year: number) {
  const stored = new Map((await subsidyBudgetsRepository(store).ofYear(year)).map((b) => [b.schemeId, b]));
  return {
    year,
    items: SCHEME_IDS.map((schemeId) => {
      const b = stored.get(schemeId);
      return b ? view(b) : { schemeId, year, allocatedFen: 0, committedFen: 0, paidFen: 0, remainingFen: 0 };
    }),
  };
}
