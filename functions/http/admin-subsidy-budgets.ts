/**
 * Subsidy budgets (docs/subsidies.md "Budgets"), admin:
 *   PUT /v1/admin/subsidy-budgets/{scheme}/{year}   sets the allocation (never below what approvals committed: 409)
 *   GET /v1/admin/subsidy-budgets?year=             every scheme's allocated, committed, paid and remaining fen
 */
import { httpHandler, json, parseBody, parseQuery, pathParam, requireRole } from '../../shared/lib/http';
import { SCHEME_IDS, type SchemeId } from '../../shared/domain/subsidy/schemes';
import { BudgetRequest, BudgetsQuery } from '../../shared/schemas/subsidies';
import { budgetsOfYear, setBudget } from '../../shared/services/subsidy-budgets';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();
const SCHEME_PATTERN = new RegExp(`^(${SCHEME_IDS.join('|')})$`);

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  if (event.routeKey === 'GET /v1/admin/subsidy-budgets') return json(200, await budgetsOfYear(store, Number(parseQuery(event, BudgetsQuery).year)));
  const scheme = pathParam(event, 'scheme', SCHEME_PATTERN, 'Scheme') as SchemeId;
  const year = Number(pathParam(event, 'year', /^2\d{3}$/, 'Budget year'));
  return json(200, await setBudget(store, scheme, year, parseBody(event, BudgetRequest).allocatedFen));
});
