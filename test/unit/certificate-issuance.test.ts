/** Issuance (docs/domain.md "Issuance"): each missing or expired condition blocks it, and is named. */
import { describe, expect, it } from 'vitest';
import type { CertificationFacts } from '../../shared/domain/certificate/facts';
import { canIssue, healthCheckValidUntil, type MissingCondition } from '../../shared/domain/certificate/issuance';
import { CERT_NOW, validFacts } from '../support/certificates';

describe('canIssue', () => {
  it('issues when every condition holds', () => {
    expect(canIssue(validFacts(), CERT_NOW)).toEqual({ ok: true });
  });

  const cases: [string, Partial<CertificationFacts>, MissingCondition][] = [
    ['identity not verified', { identityVerified: false }, 'identity-not-verified'],
    ['no health check', { healthCheck: undefined }, 'health-check-missing'],
    ['health check not passed', { healthCheck: { examDate: '2026-01-15', passed: false, validUntil: '2027-01-14' } }, 'health-check-failed'],
    ['health check expired yesterday', { healthCheck: { examDate: '2025-02-28', passed: true, validUntil: '2026-02-28' } }, 'health-check-expired'],
    ['health check valid-until beyond one year after the exam, and that year is over', { healthCheck: { examDate: '2025-02-01', passed: true, validUntil: '2027-02-01' } }, 'health-check-expired'],
    ['training not passed', { trainingPassed: false }, 'training-not-passed'],
    ['no background check', { backgroundCheck: undefined }, 'background-check-missing'],
    ['background check flagged', { backgroundCheck: { result: 'flagged', date: '2026-01-10' } }, 'background-check-flagged'],
    ['credit consent not signed (or revoked)', { creditConsentSigned: false }, 'credit-consent-missing'],
  ];

  it.each(cases)('blocks issuance: %s', (_name, override, missing) => {
    expect(canIssue(validFacts(override), CERT_NOW)).toEqual({ ok: false, missing: [missing] });
  });

  it('names every failing condition at once', () => {
    const facts = validFacts({ identityVerified: false, healthCheck: undefined, trainingPassed: false, backgroundCheck: undefined, creditConsentSigned: false });
    expect(canIssue(facts, CERT_NOW)).toEqual({
      ok: false,
      missing: ['identity-not-verified', 'health-check-missing', 'training-not-passed', 'background-check-missing', 'credit-consent-missing'],
    });
  });

  it('does not need insurance or an employer (they colour the light, they do not block issuance)', () => {
    expect(canIssue(validFacts({ insurance: undefined, currentEnterprise: undefined }), CERT_NOW)).toEqual({ ok: true });
  });

  describe('health check validity, by the calendar day in Guangzhou', () => {
    const facts = validFacts({ healthCheck: { examDate: '2026-01-15', passed: true, validUntil: '2027-01-14' } });
    it.each([
      ['2027-01-14T15:59:59Z', true], // 23:59:59 on the 14th in Guangzhou: the last valid day
      ['2027-01-14T16:00:00Z', false], // 00:00 on the 15th in Guangzhou, still the 14th in UTC
      ['2026-01-15T00:00:00Z', true],
    ])('at %s the check is valid: %s', (now, valid) => {
      expect(canIssue(facts, new Date(now)).ok).toBe(valid);
    });

    it('counts at most one year after the exam, whatever valid-until says', () => {
      expect(healthCheckValidUntil({ examDate: '2026-01-15', passed: true, validUntil: '2028-01-01' })).toBe('2027-01-15');
      expect(healthCheckValidUntil({ examDate: '2026-01-15', passed: true, validUntil: '2026-06-30' })).toBe('2026-06-30');
      expect(healthCheckValidUntil({ examDate: '2024-02-29', passed: true, validUntil: '2026-01-01' })).toBe('2025-02-28');
    });
  });
});
