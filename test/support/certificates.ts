/**
 * Certificate fixtures: facts that satisfy every issuance condition (override any), a
 * FactsOf over a map (standing in for the worker registry), and `certifyWorker`, which
 * gives a worker a certificate the way the registry will (evaluateCertificate).
 */
import type { CertificationFacts } from '../../shared/domain/certificate/facts';
import { evaluateCertificate, type Evaluation, type FactsOf } from '../../shared/services/certificates';
import type { StoreContext } from '../../shared/store/client';

/** 2026-03-01 12:00 in Guangzhou. */
export const CERT_NOW = new Date('2026-03-01T04:00:00Z');

export function validFacts(overrides: Partial<CertificationFacts> = {}): CertificationFacts {
  return {
    workerId: 'wk-fixture',
    identityVerified: true,
    backgroundCheck: { result: 'clear', date: '2026-01-10' },
    healthCheck: { examDate: '2026-01-15', passed: true, validUntil: '2027-01-14' },
    trainingPassed: true,
    creditConsentSigned: true,
    insurance: { activeUntil: '2026-12-31' },
    currentEnterprise: { tenantId: 'ten_fixture', name: '广州安心家政服务有限公司' },
    serviceCategories: ['nanny', 'maternity_matron'],
    maskedName: '王**',
    ...overrides,
  };
}

/** A registry stand-in: facts per worker id, changeable during a test. */
export function factsRegistry(initial: CertificationFacts[] = []) {
  const facts = new Map(initial.map((f) => [f.workerId, f]));
  const factsOf: FactsOf = async (workerId) => facts.get(workerId);
  return { facts, factsOf, set: (f: CertificationFacts) => facts.set(f.workerId, f) };
}

/** Issues a (green) certificate to a worker employed by `tenantId`. */
export async function certifyWorker(
  store: StoreContext,
  workerId: string,
  tenantId: string,
  overrides: Partial<CertificationFacts> = {},
  now: Date = new Date(),
): Promise<Extract<Evaluation, { outcome: 'issued' }>> {
  const facts = validFacts({
    workerId,
    currentEnterprise: { tenantId, name: '广州安心家政服务有限公司' },
    // Valid around `now`, whatever the date the test runs on.
    healthCheck: { examDate: day(now, -30), passed: true, validUntil: day(now, 300) },
    insurance: { activeUntil: day(now, 300) },
    ...overrides,
  });
  const result = await evaluateCertificate(store, workerId, async () => facts, now);
  if (result.outcome !== 'issued') throw new Error(`expected a certificate for ${workerId}, got ${JSON.stringify(result)}`);
  return result;
}

export const day = (from: Date, days: number): string => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
