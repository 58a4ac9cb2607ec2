/**
 * The public check (QR code) says only whether to trust the certificate: the light and,
 * when it is not green, one neutral reason that sends the household to the enterprise.
 * What is wrong (a flagged background check, a failed health check…) stays with the
 * employer and the admin, who read the certificate with their keys.
 */
import { describe, expect, it } from 'vitest';
import { issue } from '../../shared/domain/certificate/certificate';
import type { CertificationFacts } from '../../shared/domain/certificate/facts';
import type { StoredCertificate } from '../../shared/store/certificates-repository';
import { certificatePage } from '../../shared/views/certificate-page';
import { certificateView, publicCertificateView } from '../../shared/views/certificate-views';
import { CERT_NOW, validFacts } from '../support/certificates';

const NEUTRAL = '证件状态异常，请联系所属企业';
/** What the public check used to say for each reason. */
const DETAIL_WORDS: Record<string, string> = {
  'background-check-flagged': '背景审查未通过',
  'health-check-failed': '健康体检未通过',
  'identity-not-verified': '身份未通过核验',
  'insurance-missing': '未登记有效的保险',
};

function storedWith(checks: Partial<CertificationFacts>): StoredCertificate {
  const cert = issue({ certNo: 'AX-0000000007', qrToken: 'q'.repeat(22), facts: validFacts(), now: CERT_NOW }).cert;
  return { ...cert, checks: { ...cert.checks, ...checks } as StoredCertificate['checks'], version: 1, traceHead: { seq: 1, hash: 'h' } };
}

const cases: [string, Partial<CertificationFacts>, string][] = [
  ['a flagged background check', { backgroundCheck: { result: 'flagged', date: '2026-01-10' } as CertificationFacts['backgroundCheck'] }, 'background-check-flagged'],
  ['a failed health check', { healthCheck: { examDate: '2026-01-15', passed: false, validUntil: '2027-01-14' } }, 'health-check-failed'],
  ['an unverified identity', { identityVerified: false }, 'identity-not-verified'],
  ['missing insurance', { insurance: undefined }, 'insurance-missing'],
];

describe('the public certificate check', () => {
  it.each(cases)('shows the light and a neutral reason for %s, never the detail', (_what, checks, reason) => {
    const cert = storedWith(checks);
    const view = publicCertificateView(cert, CERT_NOW);
    expect(view.light).not.toBe('green');
    expect(view.reasons).toEqual([{ code: 'see-enterprise', text: NEUTRAL }]);
    const page = certificatePage({ outcome: 'shown', view }).body;
    for (const text of [JSON.stringify(view), page]) {
      expect(text).not.toContain(reason);
      expect(text).not.toContain(DETAIL_WORDS[reason]);
    }
    expect(page).toContain(NEUTRAL);
    // The employer (and the admin) still read what is wrong.
    expect(certificateView(cert, CERT_NOW).lightReasons).toContain(reason);
  });

  it('a green certificate has no reason to show', () => {
    const view = publicCertificateView(storedWith({}), CERT_NOW);
    expect(view).toMatchObject({ light: 'green', reasons: [] });
  });
});
