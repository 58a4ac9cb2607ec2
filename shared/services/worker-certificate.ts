/**
 * The worker registry's side of the 安心服务证: after a change to a worker's facts
 * (registration, employment end, consent, check, a training exam) the certificate is
 * issued or brought up to date (services/certificates.ts, idempotent: unchanged facts write
 * nothing).
 *
 * At least once, like the orders consumer's event publishing: the routes refresh after the
 * change committed AND when they replay an earlier answer for the same Idempotency-Key; the
 * training consumer on an applied and on a duplicate delivery. So if refreshing fails, the
 * request (500) or the record fails, and its retry refreshes again.
 */
import type { StoreContext } from '../store/client';
import { certificatesRepository } from '../store/certificates-repository';
import { evaluateCertificate, type Evaluation } from './certificates';
import { certificationFacts } from './worker-facts';

export function refreshCertificate(store: StoreContext, workerId: string, now: Date = new Date()): Promise<Evaluation> {
  return evaluateCertificate(store, workerId, (id) => certificationFacts(store, id, now), now);
}

/** What the worker view shows of the certificate (the public facts only: number, status, light, validity). */
export interface CertificateSummary {
  status: string;
  certNo?: string;
  light?: string;
  validUntil?: string;
}

export const CERTIFICATE_NOT_ISSUED = 'not-issued';

export async function certificateSummary(store: StoreContext, workerId: string): Promise<CertificateSummary> {
  const cert = await certificatesRepository(store).getByWorker(workerId);
  if (!cert) return { status: CERTIFICATE_NOT_ISSUED };
  return { status: cert.status, certNo: cert.certNo, light: cert.light, validUntil: cert.validUntil };
}

/** What the registry's change routes run with: their store, and the certificate refreshed after each change. */
export const registryDeps = (store: StoreContext) => ({ store, afterChange: (workerId: string) => refreshCertificate(store, workerId) });
