/**
 * GET /v1/credit/facts: an enterprise's monthly credit counters over a range of months,
 * every month present (all counters 0 where no event was counted): the items a grade reads.
 */
import { ENTERPRISE_MONTH_COUNTERS, type EnterpriseMonthFacts, type Period } from '../domain/credit/facts';
import { addMonths } from '../domain/credit/period';
import type { StoreContext } from '../store/client';
import { creditFactsRepository } from '../store/credit-facts-repository';

export interface CreditFactsReport {
  tenantId: string;
  from: Period;
  to: Period;
  months: EnterpriseMonthFacts[];
}

/** `from` … `to`, both included (the query schema bounds the range). */
function monthsOf(from: Period, to: Period): Period[] {
  const periods: Period[] = [];
  for (let p = from; p <= to; p = addMonths(p, 1)) periods.push(p);
  return periods;
}

const noFacts = (period: Period): EnterpriseMonthFacts => ({ period, ...(Object.fromEntries(ENTERPRISE_MONTH_COUNTERS.map((c) => [c, 0])) as Omit<EnterpriseMonthFacts, 'period'>) });

export async function enterpriseCreditFacts(store: StoreContext, tenantId: string, from: Period, to: Period): Promise<CreditFactsReport> {
  // The repository gives the months that have an item, each with every counter.
  const stored = new Map((await creditFactsRepository(store).enterpriseMonths(tenantId, from, to)).map((m) => [m.period, m]));
  return { tenantId, from, to, months: monthsOf(from, to).map((period) => stored.get(period) ?? noFacts(period)) };
}
