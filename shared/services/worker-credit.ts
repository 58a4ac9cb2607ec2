/**
 * A worker's credit stars (docs/credit-grading.md "Worker stars"), computed when asked from
 * the worker's own record: the profile (registration, trained categories), the certificate
 * in force, and the worker's monthly counters across every enterprise served (the
 * credit-facts consumer). Shown to an employer with the breakdown, and on the public
 * certificate check as stars only.
 */
import type { Certificate } from '../domain/certificate/certificate';
import type { WorkerProfile } from '../domain/worker/worker';
import { rateWorker, type WorkerCreditResult } from '../domain/credit/worker-stars';
import { dayOf, shanghaiDay } from '../lib/shanghai-day';
import type { StoreContext } from '../store/client';
import { certificatesRepository } from '../store/certificates-repository';
import { creditFactsRepository } from '../store/credit-facts-repository';
import { workersRepository } from '../store/workers-repository';
import { inForce } from '../domain/certificate/lifecycle';

/** `known`: what the caller has read already (the route its profile, the public check its certificate), not read again. */
export async function workerCredit(
  store: StoreContext,
  workerId: string,
  now: Date = new Date(),
  known?: { profile?: WorkerProfile; certificate?: Pick<Certificate, 'status' | 'issuedAt'> },
): Promise<WorkerCreditResult | undefined> {
  const [profile, certificate, months] = await Promise.all([
    known?.profile ?? workersRepository(store).get(workerId),
    known?.certificate ?? certificatesRepository(store).getByWorker(workerId),
    creditFactsRepository(store).workerMonths(workerId),
  ]);
  if (!profile) return undefined;
  const certified = inForce(certificate?.status);
  return rateWorker({
    workerId,
    asOf: shanghaiDay(now),
    registeredOn: dayOf(profile.registeredAt)!,
    trainedCategories: profile.trainedCategories.length,
    ...(certified ? { certifiedSince: dayOf(certificate!.issuedAt)! } : {}),
    months,
  });
}
