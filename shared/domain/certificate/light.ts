/**
 * The traffic light of a certificate (docs/domain.md "Traffic light"): green when
 * everything is valid; yellow when the health check or the insurance is expired or
 * missing; red for an identity or background problem — and red whenever the certificate
 * itself is not valid (suspended, revoked, expired), because a household at the door must
 * not read "yellow, mostly fine" for a card that no longer counts. Every reason that
 * applies is listed, red ones first.
 */
import { chinaDate, dateOf } from './dates';
import type { CertificationFacts } from './facts';
import { healthCheckProblem } from './issuance';
import { VALID_STATUSES, type CertificateStatus } from './lifecycle';

export type Light = 'green' | 'yellow' | 'red';

export const RED_REASONS = [
  'certificate-suspended',
  'certificate-revoked',
  'certificate-expired',
  'identity-not-verified',
  'background-check-missing',
  'background-check-flagged',
] as const;
export const YELLOW_REASONS = [
  'health-check-missing',
  'health-check-failed',
  'health-check-expired',
  'insurance-missing',
  'insurance-expired',
] as const;
export type LightReason = (typeof RED_REASONS)[number] | (typeof YELLOW_REASONS)[number];

/** The facts the light reads; a certificate keeps a snapshot of exactly these (its `checks`). */
export type LightFacts = Pick<CertificationFacts, 'identityVerified' | 'backgroundCheck' | 'healthCheck' | 'insurance'>;

export interface LightResult {
  light: Light;
  reasons: LightReason[];
}

/** The part of a certificate the light depends on; undefined before issuance. */
export interface CertificateValidity {
  status: CertificateStatus;
  validUntil: string;
}

const STATUS_REASONS: Partial<Record<CertificateStatus, LightReason>> = {
  SUSPENDED: 'certificate-suspended',
  REVOKED: 'certificate-revoked',
  EXPIRED: 'certificate-expired',
};

export function trafficLight(facts: LightFacts, cert: CertificateValidity | undefined, now: Date): LightResult {
  const today = chinaDate(now);
  const red: LightReason[] = [];
  const yellow: LightReason[] = [];

  if (cert) {
    const statusReason = STATUS_REASONS[cert.status];
    if (statusReason) red.push(statusReason);
    // Past its validity but not yet expired by the daily job: the day counts, not the job.
    else if (VALID_STATUSES.includes(cert.status) && cert.validUntil < today) red.push('certificate-expired');
  }
  if (!facts.identityVerified) red.push('identity-not-verified');
  if (!facts.backgroundCheck) red.push('background-check-missing');
  else if (facts.backgroundCheck.result !== 'clear') red.push('background-check-flagged');

  const health = healthCheckProblem(facts.healthCheck, today);
  if (health) yellow.push(health);
  const insuredUntil = dateOf(facts.insurance?.activeUntil);
  if (!insuredUntil) yellow.push('insurance-missing');
  else if (insuredUntil < today) yellow.push('insurance-expired');

  const light: Light = red.length > 0 ? 'red' : yellow.length > 0 ? 'yellow' : 'green';
  return { light, reasons: [...red, ...yellow] };
}

/** Only the facts the light reads: what a certificate stores as its `checks` snapshot. */
export function lightFacts(facts: LightFacts): LightFacts {
  return {
    identityVerified: facts.identityVerified,
    ...(facts.backgroundCheck ? { backgroundCheck: { result: facts.backgroundCheck.result, date: facts.backgroundCheck.date } } : {}),
    ...(facts.healthCheck
      ? { healthCheck: { examDate: facts.healthCheck.examDate, passed: facts.healthCheck.passed, validUntil: facts.healthCheck.validUntil } }
      : {}),
    ...(facts.insurance ? { insurance: { activeUntil: facts.insurance.activeUntil } } : {}),
  };
}
