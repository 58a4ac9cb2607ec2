/**
 * Who may see or change a worker. A worker is global (one person, one identity), but an
 * enterprise only knows the workers it has (or had) an employment link with: any other
 * worker answers 404, exactly like a missing one, so probing worker ids reveals nothing.
 * Changes (checks, consents, ending the link) are for the current employer only.
 * The admin role sees every worker.
 */
import type { Caller } from '../auth/roles';
import type { WorkerProfile } from '../domain/worker/worker';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { employmentRepository, type EmploymentLink } from '../store/employment-repository';
import { workersRepository } from '../store/workers-repository';

export interface VisibleWorker {
  profile: WorkerProfile;
  /** The caller's own link (enterprise); undefined for the admin. */
  link?: EmploymentLink;
}

/** The worker as the caller may see it (enterprise with a link, now or before; admin), else 404. */
export async function visibleWorker(store: StoreContext, caller: Caller, workerId: string, consistent = false): Promise<VisibleWorker> {
  const link = caller.role === 'admin' ? undefined : await employmentRepository(store).get(caller.tenantId, workerId, consistent);
  if (caller.role !== 'admin' && !link) throw problems.notFound('Worker');
  const profile = await workersRepository(store).get(workerId, consistent);
  if (!profile) throw problems.notFound('Worker');
  return { profile, link };
}

/** The worker for a change by the caller's enterprise: it must employ the worker now (409 if the link ended). */
export async function employedWorker(store: StoreContext, caller: Caller, workerId: string): Promise<Required<VisibleWorker>> {
  const { profile, link } = await visibleWorker(store, caller, workerId, true);
  if (!link || link.status !== 'current' || profile.currentTenantId !== caller.tenantId) {
    throw problems.conflict('not-employed', 'Not employed', 'Only the enterprise that currently employs the worker may change its records.');
  }
  return { profile, link };
}
