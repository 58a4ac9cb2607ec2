/**
 * The staff facts of an enterprise's grade (管理能力, and the size in 企业实力): who is
 * employed now, and of them who holds a certificate in force, with a green light, who is
 * trained and who is insured today.
 *
 * Read when a period is first graded, by following the enterprise's current employment
 * links (a Query of its own list, access pattern 29, never a scan) and each worker's
 * profile, certificate and enrolments. The counts are then kept beside the grade
 * (store: creditStaffSnapshot), so a recompute reads the same numbers the grade did.
 */
import { trafficLight } from '../domain/certificate/light';
import type { StaffSnapshot } from '../domain/credit/facts';
import type { StoreContext } from '../store/client';
import { certificatesRepository } from '../store/certificates-repository';
import { workersRepository } from '../store/workers-repository';
import { currentWorkerIds } from './current-workers';
import { insuranceFact } from './insurance-coverage';

/** Workers looked at side by side: bounded, so one large enterprise does not flood the table. */
const CONCURRENCY = 16;

export async function staffSnapshot(store: StoreContext, tenantId: string, now: Date = new Date()): Promise<StaffSnapshot> {
  const workerIds = await currentWorkerIds(store, tenantId);

  const snapshot: StaffSnapshot = { currentWorkers: workerIds.length, certified: 0, greenLights: 0, trained: 0, insured: 0 };
  for (let i = 0; i < workerIds.length; i += CONCURRENCY) {
    const facts = await Promise.all(workerIds.slice(i, i + CONCURRENCY).map((workerId) => workerStaffFacts(store, tenantId, workerId, now)));
    for (const f of facts) {
      if (f.certified) snapshot.certified++;
      if (f.green) snapshot.greenLights++;
      if (f.trained) snapshot.trained++;
      if (f.insured) snapshot.insured++;
    }
  }
  return snapshot;
}

async function workerStaffFacts(store: StoreContext, tenantId: string, workerId: string, now: Date) {
  const [profile, certificate, insurance] = await Promise.all([
    workersRepository(store).get(workerId),
    certificatesRepository(store).getByWorker(workerId),
    insuranceFact(store, workerId, tenantId, now),
  ]);
  const inForce = certificate !== undefined && certificate.status !== 'REVOKED' && certificate.status !== 'EXPIRED';
  // The stored light is as of the certificate's last change; the light today is recomputed.
  const green = inForce && trafficLight(certificate.checks, certificate, now).light === 'green';
  return {
    certified: inForce,
    green,
    trained: (profile?.trainedCategories.length ?? 0) > 0,
    insured: insurance !== undefined,
  };
}
