/**
 * The rating summaries an enterprise reads: its own, and each of its workers' on its
 * orders. Both are read models the rating's own transaction keeps up to date
 * (store/ratings-repository.ts), so a read is one GetItem, never a scan of ratings.
 */
import type { Caller } from '../auth/roles';
import type { StoreContext } from '../store/client';
import { ratingsRepository, type RatingSummary } from '../store/ratings-repository';
import { problems } from '../lib/problem';
import { employmentRepository } from '../store/employment-repository';

export const enterpriseRatingSummary = async (store: StoreContext, caller: Caller): Promise<RatingSummary & { tenantId: string }> => ({
  tenantId: caller.tenantId,
  ...(await ratingsRepository(store).enterpriseSummary(caller.tenantId)),
});

/**
 * Only orders of the enterprise's own workers are rated, so a worker it never employed
 * (no employment link, now or before) answers 404, exactly like a missing one.
 */
export async function workerRatingSummary(store: StoreContext, caller: Caller, workerId: string): Promise<RatingSummary & { workerId: string }> {
  if (!(await employmentRepository(store).get(caller.tenantId, workerId))) throw problems.notFound('Worker');
  return { workerId, ...(await ratingsRepository(store).workerSummary(caller.tenantId, workerId)) };
}
