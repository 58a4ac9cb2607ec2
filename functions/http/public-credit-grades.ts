/**
 * GET /v1/public/credit-grades?year=&grade= — the year's published grades: each graded
 * enterprise's latest grade that year (name, grade, score, period, model version), best
 * first, and how many enterprises hold each grade. Public by design, like the programme's
 * own published lists: no breakdown, no personal data, no enterprise that was not graded.
 */
import { json, parseQuery, publicHttpHandler } from '../../shared/lib/http';
import { PublicGradesQuery } from '../../shared/schemas/credit-grades';
import { publishedGrades } from '../../shared/services/credit-views';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = publicHttpHandler(async (event) => {
  const { year, grade } = parseQuery(event, PublicGradesQuery);
  return json(200, await publishedGrades(store, year, grade), { 'cache-control': 'public, max-age=300' });
});
