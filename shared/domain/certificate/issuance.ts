/**
 * When a 安心服务证 may be issued (docs/domain.md "Issuance"): identity verified, a valid
 * health check, training passed, background check clear and the credit-information
 * consent signed. Every condition that fails is named, so an enterprise sees all that is
 * missing at once rather than one problem per attempt.
 */
import { addYears, chinaDate, dateOf, minDate } from './dates';
import type { CertificationFacts } from './facts';

export const MISSING_CONDITIONS = [
  'identity-not-verified',
  'health-check-missing',
  'health-check-failed',
  'health-check-expired',
  'training-not-passed',
  'background-check-missing',
  'background-check-flagged',
  'credit-consent-missing',
] as const;
export type MissingCondition = (typeof MISSING_CONDITIONS)[number];

export type IssuanceCheck = { ok: true } | { ok: false; missing: MissingCondition[] };

/**
 * The last day a health check counts: its own valid-until, but never more than one year
 * after the exam (docs/domain.md "Workers") — a record that claims longer is held to
 * the rule rather than trusted.
 */
export function healthCheckValidUntil(check: NonNullable<CertificationFacts['healthCheck']>): string {
  return minDate(dateOf(check.validUntil), addYears(dateOf(check.examDate)!, 1))!;
}

/** What is wrong with the health check on `today`, if anything. */
export function healthCheckProblem(
  check: CertificationFacts['healthCheck'],
  today: string,
): 'health-check-missing' | 'health-check-failed' | 'health-check-expired' | undefined {
  if (!check) return 'health-check-missing';
  if (!check.passed) return 'health-check-failed';
  if (healthCheckValidUntil(check) < today) return 'health-check-expired';
  return undefined;
}

export function canIssue(facts: CertificationFacts, now: Date): IssuanceCheck {
  const today = chinaDate(now);
  const missing: MissingCondition[] = [];
  if (!facts.identityVerified) missing.push('identity-not-verified');
  const health = healthCheckProblem(facts.healthCheck, today);
  if (health) missing.push(health);
  if (!facts.trainingPassed) missing.push('training-not-passed');
  if (!facts.backgroundCheck) missing.push('background-check-missing');
  else if (facts.backgroundCheck.result !== 'clear') missing.push('background-check-flagged');
  if (!facts.creditConsentSigned) missing.push('credit-consent-missing');
  return missing.length === 0 ? { ok: true } : { ok: false, missing };
}
