/**
 * The certified-worker counts the 15-minute circle shows (docs/stations.md "Certified
 * workers"): for every enterprise stationed at an active station, how many of its current
 * workers hold a certificate in force today, per station service their categories map to.
 *
 * Counted by the nightly station-staff job after the daily certificate review, from scratch
 * each time, by following each enterprise's current employment links (access pattern 29,
 * never a scan) to each worker's certificate (32); the counts are stored with the time they
 * were taken, which the public answer shows. Counting in the certificate transactions
 * instead would have to follow every path that moves a certificate, its validity by date
 * alone, an employment or a category — a nightly recount is exact as of its time, and says so.
 */
import { countByService } from '../domain/station/certified-kinds';
import { VALID_STATUSES } from '../domain/certificate/lifecycle';
import { shanghaiDay } from '../lib/shanghai-day';
import type { StoreContext } from '../store/client';
import { certificatesRepository } from '../store/certificates-repository';
import { stationFiguresRepository, type StaffCounts } from '../store/station-figures-repository';
import { stationsRepository } from '../store/stations-repository';
import { currentWorkerIds } from './current-workers';

/** Workers looked at side by side, and enterprises counted side by side: bounded, so the table is not flooded. */
const WORKER_CONCURRENCY = 16;
const ENTERPRISE_CONCURRENCY = 4;

/** The certificate categories of each of the enterprise's current workers whose certificate is in force today. */
async function certifiedCategories(store: StoreContext, tenantId: string, today: string): Promise<string[][]> {
  const workerIds = await currentWorkerIds(store, tenantId);
  const out: string[][] = [];
  for (let i = 0; i < workerIds.length; i += WORKER_CONCURRENCY) {
    const certificates = await Promise.all(workerIds.slice(i, i + WORKER_CONCURRENCY).map((id) => certificatesRepository(store).getByWorker(id)));
    for (const c of certificates) {
      if (c && VALID_STATUSES.includes(c.status) && c.validFrom <= today && today <= c.validUntil) out.push(c.serviceCategories);
    }
  }
  return out;
}

export async function countEnterpriseStaff(store: StoreContext, tenantId: string, now: Date): Promise<StaffCounts> {
  const counts: StaffCounts = { tenantId, countedAt: now.toISOString(), byService: countByService(await certifiedCategories(store, tenantId, shanghaiDay(now))) };
  await stationFiguresRepository(store).putStaffCounts(counts);
  return counts;
}

export interface StaffRunReport {
  counted: number;
  failed: { tenantId: string; error: string }[];
  countedAt: string;
}

/** Counts every enterprise stationed at an active station (or the ones named). One failure does not stop the others. */
export async function countStationStaff(store: StoreContext, now: Date = new Date(), only?: readonly string[]): Promise<StaffRunReport> {
  const tenantIds = only ?? [...new Set((await stationsRepository(store).inStatus('active')).flatMap((s) => s.enterprises))].sort();
  const report: StaffRunReport = { counted: 0, failed: [], countedAt: now.toISOString() };
  for (let i = 0; i < tenantIds.length; i += ENTERPRISE_CONCURRENCY) {
    await Promise.all(
      tenantIds.slice(i, i + ENTERPRISE_CONCURRENCY).map(async (tenantId) => {
        try {
          await countEnterpriseStaff(store, tenantId, now);
          report.counted++;
        } catch (error) {
          report.failed.push({ tenantId, error: (error as Error).message });
        }
      }),
    );
  }
  return report;
}
