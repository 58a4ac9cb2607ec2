/**
 * Nightly count of the certified workers the 15-minute circle shows (services/station-staff.ts),
 * after the daily certificate review so that the day's expiries are counted. Invoked with
 * `{ "tenantIds": [...] }` it counts those enterprises only: an officer who stationed a new
 * enterprise need not wait for the night. A run in which some enterprise failed throws
 * after counting the others (the error alarm fires; the next run counts afresh).
 */
import type { ScheduledEvent } from 'aws-lambda';
import { ID_PATTERNS } from '../../shared/lib/ids';
import { logger } from '../../shared/lib/logger';
import { countStationStaff } from '../../shared/services/station-staff';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = async (event: Partial<ScheduledEvent> & { tenantIds?: unknown }) => {
  const only = event.tenantIds;
  if (only !== undefined && !(Array.isArray(only) && only.every((id) => typeof id === 'string' && ID_PATTERNS.tenant.test(id)))) {
    throw new Error('tenantIds must be a list of tenant ids');
  }
  const report = await countStationStaff(store, new Date(), only as string[] | undefined);
  logger.info('station staff counted', { counted: report.counted, failed: report.failed.length });
  for (const failure of report.failed) logger.error('enterprise not counted', failure);
  if (report.failed.length > 0) throw new Error(`${report.failed.length} enterprise(s) not counted; the next run counts again`);
  return report;
};
