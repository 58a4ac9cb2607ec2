/**
 * Nightly publication of the wage survey: the current and the previous survey year (the
 * years pay may still be reported for) are computed from their samples and stored
 * (services/wage-survey-publication.ts). Invoked with `{ "year": "YYYY" }` (e.g. `aws lambda
 * invoke`) it computes that year only, at once: an officer's refresh before the night.
 */
import type { ScheduledEvent } from 'aws-lambda';
import { reportableYears, YEAR_PATTERN } from '../../shared/domain/wage-survey/survey-year';
import { logger } from '../../shared/lib/logger';
import { publishWageSurvey } from '../../shared/services/wage-survey-publication';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = async (event: Partial<ScheduledEvent> & { year?: unknown }) => {
  if (event.year !== undefined && (typeof event.year !== 'string' || !YEAR_PATTERN.test(event.year))) throw new Error(`year ${JSON.stringify(event.year)} is not YYYY`);
  const years = typeof event.year === 'string' ? [event.year] : reportableYears(event.time ? new Date(event.time) : new Date());
  const published = [];
  for (const year of years) {
    const { table, samplesRead } = await publishWageSurvey(store, year);
    const withheld = [...table.wages, ...table.prices].filter((cell) => typeof cell.figures === 'string').length;
    // Counts only: no figure of the table is logged.
    logger.info('wage survey published', { year, samplesRead, cells: table.wages.length + table.prices.length, withheld });
    published.push({ year, computedAt: table.computedAt, samplesRead, withheld });
  }
  return { published };
};
