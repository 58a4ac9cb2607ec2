/**
 * POST /v1/admin/wage-survey/{year}/publish — an officer publishes the year's wage survey at
 * once, by the nightly job's own computation (services/wage-survey-publication.ts), and gets
 * the table as the public will read it (docs/wage-survey.md "Publication and freshness").
 * Only the current and the previous year (422 otherwise).
 */
import { httpHandler, json, requireRole } from '../../shared/lib/http';
import { logger } from '../../shared/lib/logger';
import { publishOpenYear } from '../../shared/services/wage-survey-publication';
import { wageSurveyView } from '../../shared/services/wage-survey-view';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'admin');
  const { table, samplesRead } = await publishOpenYear(store, event.pathParameters?.year ?? '');
  // Counts and who asked only, as the job logs: no figure of the table.
  logger.info('wage survey published on demand', { year: table.year, samplesRead, keyId: caller.keyId });
  return json(200, wageSurveyView(table));
});
