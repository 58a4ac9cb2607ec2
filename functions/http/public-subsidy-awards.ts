/**
 * GET /v1/public/subsidies/awards?year= — the year's approved and paid subsidies: each
 * enterprise's or training base's name, the scheme and the amount. Public by design, like
 * the programme's other published lists: no person, no document, no reason.
 */
import { json, parseQuery, publicHttpHandler } from '../../shared/lib/http';
import { AwardsQuery } from '../../shared/schemas/subsidies';
import { publicAwards } from '../../shared/services/subsidy-reads';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = publicHttpHandler(async (event) => {
  const { year } = parseQuery(event, AwardsQuery);
  return json(200, await publicAwards(store, Number(year)), { 'cache-control': 'public, max-age=300' });
});
