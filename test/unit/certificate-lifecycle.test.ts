/** The certificate lifecycle: transitions, commands, reissue and QR rotation, review dates. */
import { describe, expect, it } from 'vitest';
import { applyCommand, issue, nextReview, reconcile, validityFrom, type Certificate } from '../../shared/domain/certificate/certificate';
import { CERTIFICATE_COMMANDS, CERTIFICATE_STATUSES, transition } from '../../shared/domain/certificate/lifecycle';
import { CERT_NOW, validFacts } from '../support/certificates';

const later = new Date(CERT_NOW.getTime() + 3_600_000);
const fresh = (): Certificate => issue({ certNo: 'AX-0000000003', qrToken: 'q'.repeat(22), facts: validFacts(), now: CERT_NOW }).cert;
const withStatus = (status: Certificate['status'], extra: Partial<Certificate> = {}): Certificate => ({ ...fresh(), status, ...extra });

describe('transition table', () => {
  const allowed: Record<string, string[]> = {
    issue: ['APPLIED'],
    activate: ['ISSUED', 'REISSUED', 'SUSPENDED'],
    suspend: ['ISSUED', 'ACTIVATED', 'REISSUED'],
    revoke: ['ISSUED', 'ACTIVATED', 'REISSUED', 'SUSPENDED', 'EXPIRED'],
    expire: ['ISSUED', 'ACTIVATED', 'REISSUED', 'SUSPENDED'],
    reissue: ['ISSUED', 'ACTIVATED', 'REISSUED'],
    'rotate-qr': ['ISSUED', 'ACTIVATED', 'SUSPENDED', 'REVOKED', 'EXPIRED', 'REISSUED'],
    renew: ['ISSUED', 'ACTIVATED', 'REISSUED', 'SUSPENDED', 'EXPIRED'],
  };
  for (const command of CERTIFICATE_COMMANDS) {
    for (const from of CERTIFICATE_STATUSES) {
      it(`${command} from ${from}: ${allowed[command]!.includes(from) ? 'allowed' : 'refused'}`, () => {
        expect(transition(from, command).ok).toBe(allowed[command]!.includes(from));
      });
    }
  }
  it('REVOKED is final: nothing but a QR rotation leaves it', () => {
    expect(CERTIFICATE_COMMANDS.filter((c) => transition('REVOKED', c).ok)).toEqual(['rotate-qr']);
  });
});

describe('applyCommand', () => {
  it('issue starts at card 1, valid one year through the day before the anniversary', () => {
    expect(fresh()).toMatchObject({ status: 'ISSUED', cardSeq: 1, validFrom: '2026-03-01', validUntil: '2027-02-28', maskedName: '王**' });
    expect(validityFrom('2028-02-29')).toEqual({ validFrom: '2028-02-29', validUntil: '2029-02-27' });
  });

  it('masks the name again, so a plain name handed over by mistake is never stored', () => {
    expect(issue({ certNo: 'AX-0000000004', qrToken: 'q'.repeat(22), facts: validFacts({ maskedName: '王小明' }), now: CERT_NOW }).cert.maskedName).toBe('王**');
  });

  it('reissue: same number, next card, new QR token, to be activated again', () => {
    const activated = applyCommand(fresh(), { command: 'activate' }, 'enterprise', CERT_NOW);
    expect(activated.ok && activated.cert.status).toBe('ACTIVATED');
    const result = applyCommand(activated.ok ? activated.cert : fresh(), { command: 'reissue', reasonCode: 'lost', qrToken: 'n'.repeat(22) }, 'enterprise', later);
    expect(result).toMatchObject({ ok: true, cert: { certNo: 'AX-0000000003', status: 'REISSUED', cardSeq: 2, qrToken: 'n'.repeat(22) } });
    expect(result.ok && result.cert.activatedAt).toBeUndefined();
    expect(result.ok && result.changes.map((c) => c.type)).toEqual(['certificate.reissued']);
  });

  it('rotate-qr: new token only; status and card stay', () => {
    const result = applyCommand(withStatus('SUSPENDED'), { command: 'rotate-qr', qrToken: 'r'.repeat(22) }, 'admin', later);
    expect(result).toMatchObject({ ok: true, cert: { status: 'SUSPENDED', cardSeq: 1, qrToken: 'r'.repeat(22), certNo: 'AX-0000000003' } });
  });

  it('a suspension the platform imposed is lifted only by the platform', () => {
    const suspended = applyCommand(fresh(), { command: 'suspend', reasonCode: 'misconduct' }, 'admin', CERT_NOW);
    expect(suspended).toMatchObject({ ok: true, cert: { status: 'SUSPENDED', light: 'red', suspension: { byRole: 'admin' } } });
    const cert = suspended.ok ? suspended.cert : fresh();
    expect(applyCommand(cert, { command: 'activate' }, 'enterprise', later)).toMatchObject({ ok: false });
    expect(applyCommand(cert, { command: 'activate' }, 'admin', later)).toMatchObject({ ok: true, cert: { status: 'ACTIVATED' } });
  });

  it('refuses what the state machine refuses, with a reason', () => {
    expect(applyCommand(withStatus('REVOKED'), { command: 'activate' }, 'admin', CERT_NOW)).toEqual({ ok: false, reason: 'cannot activate a certificate that is REVOKED' });
  });

  it('every change payload carries the state it leaves (hashed into the trace entry)', () => {
    const result = applyCommand(fresh(), { command: 'suspend', reasonCode: 'document_review' }, 'enterprise', CERT_NOW);
    expect(result.ok && result.changes[0]!.payload).toEqual({
      reasonCode: 'document_review',
      status: 'SUSPENDED',
      cardSeq: 1,
      validUntil: '2027-02-28',
      light: 'red',
      lightReasons: ['certificate-suspended'],
    });
  });
});

describe('reconcile and review dates', () => {
  it('changes nothing when nothing changed (idempotent)', () => {
    const cert = fresh();
    expect(reconcile(cert, validFacts(), later)).toEqual({ cert, changes: [] });
    expect(reconcile(cert, undefined, later)).toEqual({ cert, changes: [] });
  });

  it('records new details (employer, categories) as one update', () => {
    const { changes, cert } = reconcile(fresh(), validFacts({ currentEnterprise: { tenantId: 'ten_other', name: '另一家家政公司' } }), later);
    expect(changes.map((c) => [c.type, c.payload.changed])).toEqual([['certificate.updated', ['enterprise']]]);
    expect(cert.enterprise).toEqual({ tenantId: 'ten_other', name: '另一家家政公司' });
  });

  it('renews an EXPIRED certificate as ISSUED when the conditions hold again', () => {
    const expired = withStatus('EXPIRED', { validUntil: '2026-02-28', expiredAt: CERT_NOW.toISOString() });
    const { cert, changes } = reconcile(expired, validFacts(), later);
    expect(changes.map((c) => c.type)).toEqual(['certificate.renewed']);
    expect(cert).toMatchObject({ status: 'ISSUED', validFrom: '2026-03-01', validUntil: '2027-02-28' });
    expect(cert.expiredAt).toBeUndefined();
  });

  it('reviews at the earliest of validity end, health check lapse and insurance end; never when final', () => {
    const cert = fresh(); // health valid until 2027-01-14, insurance until 2026-12-31, validity until 2027-02-28
    expect(nextReview(cert, '2026-03-01')).toBe('2027-01-01');
    expect(nextReview({ ...cert, checks: { ...cert.checks, insurance: undefined } }, '2026-03-01')).toBe('2027-01-15');
    expect(nextReview({ ...cert, status: 'REVOKED' }, '2026-03-01')).toBeUndefined();
    expect(nextReview({ ...cert, validUntil: '2026-01-31' }, '2026-03-01')).toBe('2026-02-01'); // overdue: due now
  });
});
