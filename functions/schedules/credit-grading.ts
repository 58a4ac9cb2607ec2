/**
 * Monthly credit grading: every enterprise graded for the month that ended (Asia/Shanghai),
 * run a few days into the next month so that events of the month's last hours have been
 * counted. Invoked with `{ "period": "YYYY-MM" }` (e.g. `aws lambda invoke`), it grades that
 * period instead: an admin's re-run after a failure, or a period the schedule missed.
 *
 * Enterprises graded already are skipped, so a re-run finishes what a failed one left. A
 * run in which some enterprise failed throws after grading the others: the function's
 * error alarm fires and the failures are in the log (tenant ids and messages only).
 */
import type { ScheduledEvent } from 'aws-lambda';
import { publishEvents } from '../../shared/events/publisher';
import { logger } from '../../shared/lib/logger';
import { previousShanghaiMonth } from '../../shared/lib/shanghai-day';
import { PERIOD_PATTERN } from '../../shared/schemas/credit-grades';
import { runGrading } from '../../shared/services/credit-grading';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), publish: (events: Parameters<typeof publishEvents>[0]) => publishEvents(events), stage: process.env.STAGE ?? 'dev' };

export const handler = async (event: Partial<ScheduledEvent> & { period?: unknown }) => {
  const period = typeof event.period === 'string' ? event.period : previousShanghaiMonth(event.time ? new Date(event.time) : new Date());
  if (!PERIOD_PATTERN.test(period)) throw new Error(`period ${JSON.stringify(period)} is not YYYY-MM`);
  const report = await runGrading(deps, period);
  logger.info('credit grading run', { ...report, failed: report.failed.length });
  for (const failure of report.failed) logger.error('enterprise not graded', failure);
  if (report.failed.length > 0) throw new Error(`${report.failed.length} enterprise(s) not graded for ${period}; run again to finish`);
  return report;
};
