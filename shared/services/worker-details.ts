/** GET /v1/workers/{workerId}: the worker as the caller may see it (services/worker-access.ts). */
import type { Caller } from '../auth/roles';
import type { StoreContext } from '../store/client';
import { employmentRepository } from '../store/employment-repository';
import { workersRepository } from '../store/workers-repository';
import type { WorkerDetails } from '../views/worker-views';
import { visibleWorker } from './worker-access';
import { certificateSummary } from './worker-certificate';

export async function workerDetails(store: StoreContext, caller: Caller, workerId: string): Promise<WorkerDetails> {
  const { profile, link } = await visibleWorker(store, caller, workerId);
  const workers = workersRepository(store);
  const [consents, training, periods, certificate, graduationRecorded] = await Promise.all([
    workers.consents(workerId),
    workers.trainingRecords(workerId),
    link ? employmentRepository(store).periods(caller.tenantId, workerId) : Promise.resolve(undefined),
    certificateSummary(store, workerId),
    // A graduation exists only while the subsidy-graduate consent is open (recorded with it, deleted with its revocation).
    profile.consents['subsidy-graduate'] ? workers.graduationRecorded(workerId) : Promise.resolve(false),
  ]);
  return { profile, link, periods, consents, training, certificate, graduationRecorded, admin: caller.role === 'admin' };
}
