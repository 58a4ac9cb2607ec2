/**
 * Reads of subsidy applications (docs/subsidies.md "Events and privacy"): the applicant's own
 * (newest first; one with its current evidence snapshot and its trace), the officers' queue
 * by scheme and state, one application for an officer, and the public list of awards —
 * tenants, schemes and amounts of approved and paid awards, never a person.
 */
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { subsidyApplicationsRepository, type StoredApplication } from '../store/subsidy-applications-repository';
import { applicationView } from './subsidy-steps';

/** A list shows the application's summary: no documents, no evidence, no free text, no persons. */
function summary(a: StoredApplication) {
  const { documents: _d, evidenceHash: _e, infoRequest: _i, decisionReason: _r, paymentRef: _p, traceHead: _t, workerIds: _w, ...rest } = applicationView(a);
  return rest;
}

/** A page of the applicant's own applications, newest first. */
export async function ownApplications(store: StoreContext, tenantId: string, page: { limit: number; afterSk?: string }) {
  const { items, nextSk } = await subsidyApplicationsRepository(store).ofTenant(tenantId, page);
  return { items: items.map(summary), nextSk };
}

/** One application with its evidence and trace; another tenant's is not found, like a missing one. */
export async function applicationDetail(store: StoreContext, tenantId: string, applicationId: string) {
  const repo = subsidyApplicationsRepository(store);
  const application = await repo.get(tenantId, applicationId);
  if (!application) throw problems.notFound('The application');
  const [evidence, trace] = await Promise.all([repo.evidence(tenantId, applicationId, application.evidenceSeq), repo.trace(tenantId, applicationId)]);
  return { ...applicationView(application), evidence, trace };
}

export async function applicationForAdmin(store: StoreContext, applicationId: string) {
  const tenantId = await subsidyApplicationsRepository(store).applicantOf(applicationId);
  if (!tenantId) throw problems.notFound('The application');
  return applicationDetail(store, tenantId, applicationId);
}

/** A page of one scheme's applications in one state, newest first. */
export async function applicationQueue(store: StoreContext, schemeId: string, state: string, page: { limit: number; afterSk?: string }) {
  const { items, nextSk } = await subsidyApplicationsRepository(store).inState(schemeId, state, page);
  return { items: items.map(summary), nextSk };
}

/** The year's approved and paid awards, by scheme then name: what the programme publishes. */
export async function publicAwards(store: StoreContext, year: number) {
  const lines = await subsidyApplicationsRepository(store).awards(year);
  return {
    year,
    items: lines
      .map(({ tenantId, name, role, schemeId, amountFen, state, approvedOn, paidOn }) => ({ tenantId, name, role, schemeId, amountFen, state, approvedOn, ...(paidOn !== undefined ? { paidOn } : {}) }))
      .sort((a, b) => a.schemeId.localeCompare(b.schemeId) || a.name.localeCompare(b.name, 'zh') || a.tenantId.localeCompare(b.tenantId)),
  };
}
