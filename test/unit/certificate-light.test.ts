/** The traffic light: table-driven by facts and status, and over simulated time as checks lapse. */
import { describe, expect, it } from 'vitest';
import { issue, reconcile, type Certificate } from '../../shared/domain/certificate/certificate';
import type { CertificationFacts } from '../../shared/domain/certificate/facts';
import { trafficLight, type Light, type LightReason } from '../../shared/domain/certificate/light';
import type { CertificateStatus } from '../../shared/domain/certificate/lifecycle';
import { CERT_NOW, validFacts } from '../support/certificates';

const valid = { status: 'ACTIVATED' as CertificateStatus, validUntil: '2027-02-28' };

describe('trafficLight', () => {
  const cases: [string, Partial<CertificationFacts>, Light, LightReason[]][] = [
    ['everything valid', {}, 'green', []],
    ['health check expired', { healthCheck: { examDate: '2025-02-01', passed: true, validUntil: '2026-01-31' } }, 'yellow', ['health-check-expired']],
    ['health check missing', { healthCheck: undefined }, 'yellow', ['health-check-missing']],
    ['health check failed', { healthCheck: { examDate: '2026-02-01', passed: false, validUntil: '2027-01-31' } }, 'yellow', ['health-check-failed']],
    ['insurance missing', { insurance: undefined }, 'yellow', ['insurance-missing']],
    ['insurance expired', { insurance: { activeUntil: '2026-02-28' } }, 'yellow', ['insurance-expired']],
    ['insurance as an instant, ended an hour ago', { insurance: { activeUntil: '2026-03-01T03:00:00Z' } }, 'green', []],
    ['identity not verified', { identityVerified: false }, 'red', ['identity-not-verified']],
    ['background check flagged', { backgroundCheck: { result: 'flagged', date: '2026-02-01' } }, 'red', ['background-check-flagged']],
    ['background check missing', { backgroundCheck: undefined }, 'red', ['background-check-missing']],
    ['red and yellow together: red wins, every reason listed', { identityVerified: false, insurance: undefined }, 'red', ['identity-not-verified', 'insurance-missing']],
  ];
  it.each(cases)('%s → %s', (_name, override, light, reasons) => {
    expect(trafficLight(validFacts(override), valid, CERT_NOW)).toEqual({ light, reasons });
  });

  it.each([
    ['SUSPENDED', 'certificate-suspended'],
    ['REVOKED', 'certificate-revoked'],
    ['EXPIRED', 'certificate-expired'],
  ] as const)('a %s certificate is red whatever the checks say', (status, reason) => {
    expect(trafficLight(validFacts(), { status, validUntil: '2027-02-28' }, CERT_NOW)).toEqual({ light: 'red', reasons: [reason] });
  });

  it.each(['ISSUED', 'ACTIVATED', 'REISSUED'] as const)('an %s certificate takes its light from the checks', (status) => {
    expect(trafficLight(validFacts(), { status, validUntil: '2027-02-28' }, CERT_NOW).light).toBe('green');
  });

  it('is red from the day after the validity, before the daily job has expired it', () => {
    expect(trafficLight(validFacts(), { status: 'ACTIVATED', validUntil: '2026-02-28' }, CERT_NOW)).toEqual({ light: 'red', reasons: ['certificate-expired'] });
  });
});

describe('the light over simulated time (the daily job reconciling each day)', () => {
  it('turns yellow when the health check lapses, back to green with a new one, red when the certificate expires', () => {
    const facts = validFacts({
      healthCheck: { examDate: '2025-06-01', passed: true, validUntil: '2026-05-31' },
      insurance: { activeUntil: '2026-12-31' },
    });
    let { cert } = issue({ certNo: 'AX-0000000001', qrToken: 'a'.repeat(22), facts, now: CERT_NOW });
    expect(cert).toMatchObject({ light: 'green', validFrom: '2026-03-01', validUntil: '2027-02-28', reviewOn: '2026-06-01' });

    // Day by day at 02:00 Guangzhou time (18:00 UTC the day before), snapshot only (no fresh facts).
    const seen: { date: string; light: Light; status: string; changes: string[] }[] = [];
    let current: Certificate = cert;
    for (let d = 1; d <= 400; d++) {
      const now = new Date(CERT_NOW.getTime() + d * 86_400_000 - 10 * 3_600_000);
      // A new health check is recorded on 2026-06-15 (the registry would call evaluateCertificate).
      const fresh = d === 106 ? validFacts({ healthCheck: { examDate: '2026-06-14', passed: true, validUntil: '2027-06-13' }, insurance: facts.insurance }) : undefined;
      const { cert: next, changes } = reconcile(current, fresh, now);
      if (changes.length > 0) seen.push({ date: now.toISOString().slice(0, 10), light: next.light, status: next.status, changes: changes.map((c) => c.type) });
      current = next;
    }
    expect(seen).toEqual([
      { date: '2026-05-31', light: 'yellow', status: 'ISSUED', changes: ['certificate.light-changed'] }, // 02:00 on 1 June in Guangzhou
      { date: '2026-06-14', light: 'green', status: 'ISSUED', changes: ['certificate.updated'] },
      { date: '2026-12-31', light: 'yellow', status: 'ISSUED', changes: ['certificate.light-changed'] }, // insurance ended
      { date: '2027-02-28', light: 'red', status: 'EXPIRED', changes: ['certificate.expired'] }, // 1 March in Guangzhou
    ]);
    expect(current.reviewOn).toBeUndefined();
  });

  it('renews instead of expiring when the registry confirms every condition still holds', () => {
    const { cert } = issue({ certNo: 'AX-0000000002', qrToken: 'b'.repeat(22), facts: validFacts(), now: CERT_NOW });
    const dayAfter = new Date('2027-03-01T01:00:00Z');
    const renewed = reconcile(cert, validFacts({ healthCheck: { examDate: '2027-02-01', passed: true, validUntil: '2028-01-31' }, insurance: { activeUntil: '2027-12-31' } }), dayAfter);
    expect(renewed.changes.map((c) => c.type)).toEqual(['certificate.updated', 'certificate.renewed']);
    expect(renewed.cert).toMatchObject({ status: 'ISSUED', validFrom: '2027-03-01', validUntil: '2028-02-29', light: 'green', certNo: 'AX-0000000002' });
  });
});
