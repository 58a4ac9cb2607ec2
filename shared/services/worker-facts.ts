/**
 * The facts the certificate rules need about a worker (domain/certificate/facts.ts),
 * gathered from the registry's records: checks and consents from the profile, passed
 * training from the categories the training consumer marked, the current enterprise's
 * name from its tenant record, insurance from the worker's enrolments with that enterprise
 * (services/insurance-coverage.ts: undefined = "missing").
 */
import type { CertificationFacts } from '../domain/certificate/facts';
import type { StoreContext } from '../store/client';
import { insuranceFact } from './insurance-coverage';
import { tenantsRepository } from '../store/tenants-repository';
import { workersRepository } from '../store/workers-repository';

export class UnknownWorkerError extends Error {
  constructor(readonly workerId: string) {
    super(`no worker ${workerId}`);
  }
}

export async function certificationFacts(store: StoreContext, workerId: string, now: Date = new Date()): Promise<CertificationFacts> {
  const profile = await workersRepository(store).get(workerId, true);
  if (!profile) throw new UnknownWorkerError(workerId);
  const { identity, background, health } = profile.checks;
  const [tenant, insurance] = await Promise.all([
    profile.currentTenantId ? tenantsRepository(store).getTenant(profile.currentTenantId) : undefined,
    insuranceFact(store, workerId, profile.currentTenantId, now),
  ]);
  return {
    workerId,
    identityVerified: identity?.verified === true,
    ...(background ? { backgroundCheck: { result: background.result, date: background.date } } : {}),
    ...(health ? { healthCheck: { examDate: health.examDate, passed: health.passed, validUntil: health.validUntil } } : {}),
    trainingPassed: profile.trainedCategories.length > 0,
    creditConsentSigned: profile.consents['credit-information'] !== undefined,
    ...(insurance ? { insurance } : {}),
    ...(tenant ? { currentEnterprise: { tenantId: tenant.tenantId, name: tenant.name } } : {}),
    serviceCategories: [...profile.trainedCategories],
    maskedName: profile.nameMasked,
  };
}
