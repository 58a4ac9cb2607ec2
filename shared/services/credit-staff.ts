/**
 * The staff facts of an enterprise's grade (管理能力, and the size in 企业实力): who is
 * employed now, and of them who holds a certificate in force, with a green light, who is
 * trained and who is insured today.
 *
 * Read when a period is first graded, by following the enterprise's current employment
 * links (a Query of its own list, access pattern 29, never a scan). A city's enterprises
 * employ hundreds of thousands of workers between them, so nothing here is read per worker
 * one call at a time: profiles, certificate pointers and certificates are read 100 keys per
 * BatchGetItem, and cover comes from the enterprise's own policies and their rosters (a
 * few Queries per enterprise), not from each worker's enrolments. The counts are then kept
 * beside the grade (store: creditStaffSnapshot), so a recompute reads the same numbers.
 */
import { trafficLight } from '../domain/certificate/light';
import type { Certificate } from '../domain/certificate/certificate';
import type { StaffSnapshot } from '../domain/credit/facts';
import { insuredUntil } from '../domain/insurance/coverage';
import { chinaDate } from '../domain/insurance/days';
import type { Enrolment, Policy } from '../domain/insurance/policy';
import type { WorkerProfile } from '../domain/worker/worker';
import { BATCH_GET_MAX_KEYS, batchGetInOrder } from '../store/batch-get';
import type { StoreContext } from '../store/client';
import { keys } from '../store/keys';
import { policiesRepository } from '../store/policies-repository';
import { currentWorkerIds } from './current-workers';
import { inForce } from '../domain/certificate/lifecycle';

export async function staffSnapshot(store: StoreContext, tenantId: string, now: Date = new Date()): Promise<StaffSnapshot> {
  const [workerIds, coverOf] = await Promise.all([currentWorkerIds(store, tenantId), enterpriseCover(store, tenantId)]);
  const today = chinaDate(now);
  const snapshot: StaffSnapshot = { currentWorkers: workerIds.length, certified: 0, greenLights: 0, trained: 0, insured: 0 };
  for (let i = 0; i < workerIds.length; i += BATCH_GET_MAX_KEYS) {
    const ids = workerIds.slice(i, i + BATCH_GET_MAX_KEYS);
    const [profiles, pointers] = await Promise.all([
      batchGetInOrder(store, ids.map((id) => keys.worker(id))),
      batchGetInOrder(store, ids.map((id) => keys.workerCertificate(id))),
    ]);
    const certNos = pointers.map((p) => (p?.certNo === undefined ? undefined : String(p.certNo)));
    const held = certNos.filter((n): n is string => n !== undefined);
    const certificates = new Map((await batchGetInOrder(store, held.map((n) => keys.certificate(n)))).map((c, j) => [held[j]!, c as unknown as Certificate | undefined]));
    ids.forEach((workerId, j) => {
      const profile = profiles[j] as unknown as WorkerProfile | undefined;
      const certificate = certNos[j] === undefined ? undefined : certificates.get(certNos[j]!);
      const held = certificate !== undefined && inForce(certificate.status);
      if (held) snapshot.certified++;
      // The stored light is as of the certificate's last change; the light today is recomputed.
      if (held && trafficLight(certificate.checks, certificate, now).light === 'green') snapshot.greenLights++;
      if ((profile?.trainedCategories?.length ?? 0) > 0) snapshot.trained++;
      // Insured = covered today; a cover that ended is not insurance (insuredUntil also names a past end).
      const until = coverOf(workerId, today);
      if (until !== undefined && until >= today) snapshot.insured++;
    });
  }
  return snapshot;
}

/**
 * The enterprise's cover, per worker: its policies (its own copies) and their rosters, read
 * once; the decision is the same one the certificate's insurance fact uses (insuredUntil).
 */
async function enterpriseCover(store: StoreContext, tenantId: string): Promise<(workerId: string, today: string) => string | undefined> {
  const repo = policiesRepository(store);
  const held = (await repo.all(tenantId)).filter((p) => p.enterpriseId === tenantId);
  const policies = new Map<string, Policy>(held.map((p) => [p.policyId, p]));
  const byWorker = new Map<string, Enrolment[]>();
  for (const roster of await Promise.all(held.map((p) => repo.roster(p.insurerId, p.policyId)))) {
    for (const e of roster) byWorker.set(e.workerId, [...(byWorker.get(e.workerId) ?? []), e]);
  }
  return (workerId, today) => {
    const enrolments = byWorker.get(workerId);
    return enrolments ? insuredUntil(enrolments, policies, today) : undefined;
  };
}
