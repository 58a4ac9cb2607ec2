/**
 * GET /v1/public/wage-survey?year= — the year's wage survey (工资价位): low, median and high
 * pay per post, experience band and pay type, and order prices per service type and mode,
 * each cell withheld as "insufficient data" below 30 values from 5 enterprises. Public by
 * design; it reads the one item the nightly job stored (docs/wage-survey.md).
 */
import { json, parseQuery, publicHttpHandler } from '../../shared/lib/http';
import { PublicWageSurveyQuery } from '../../shared/schemas/wage-survey';
import { publishedWageSurvey } from '../../shared/services/wage-survey-view';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = publicHttpHandler(async (event) => {
  const { year } = parseQuery(event, PublicWageSurveyQuery);
  return json(200, await publishedWageSurvey(store, year), { 'cache-control': 'public, max-age=300' });
});
