/**
 * The certificate aggregate and the pure functions that change it. The service layer
 * (shared/services/certificates.ts) supplies time, random tokens and facts, calls these,
 * and stores the result with one trace entry per change.
 *
 * Validity: one year from issuance (or renewal), through the day before the anniversary —
 * issued 2026-03-01, valid until 2027-02-28. It is deliberately not tied to the health
 * check: a health check that lapses turns the light yellow (and back to green when a new
 * one is recorded) instead of expiring the certificate, so a worker keeps one certificate
 * and one code for as long as they qualify; at the end of the year the daily job renews
 * it when every issuance condition still holds and expires it otherwise.
 */
import { addDays, addYears, chinaDate, dateOf, minDate } from './dates';
import type { CertificationFacts } from './facts';
import { canIssue, healthCheckValidUntil } from './issuance';
import { lightFacts, trafficLight, type Light, type LightFacts, type LightReason } from './light';
import { transition, type CertificateStatus } from './lifecycle';
import { maskName } from '../worker/masking';

export const VALIDITY_YEARS = 1;

export type StoredStatus = Exclude<CertificateStatus, 'APPLIED'>;

export interface Certificate {
  certNo: string;
  workerId: string;
  status: StoredStatus;
  /** 1 for the first card; +1 for every reissued (replacement) card. */
  cardSeq: number;
  /** The opaque code in the QR (rotatable; the number stays). */
  qrToken: string;
  qrIssuedAt: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string;
  /** What the public check shows (never the plain name). */
  maskedName: string;
  enterprise?: { tenantId: string; name: string };
  serviceCategories: string[];
  /** Snapshot of the facts the light reads, so the light can be recomputed at any time. */
  checks: LightFacts;
  /** The light as of the last change (stored for lists and events; lookups recompute it). */
  light: Light;
  lightReasons: LightReason[];
  activatedAt?: string;
  suspension?: { reasonCode: string; at: string; byRole: string };
  revocation?: { reasonCode: string; at: string };
  expiredAt?: string;
  renewedAt?: string;
  /** The next date on which time alone changes something (daily job index); none when final. */
  reviewOn?: string;
  version: number;
  updatedAt: string;
}

/** One change = one trace entry: its type and the payload the entry's hash covers. */
export interface CertificateChange {
  type: string;
  payload: Record<string, unknown>;
}

export type ChangeResult = { ok: true; cert: Certificate; changes: CertificateChange[] } | { ok: false; reason: string };

export function validityFrom(today: string): { validFrom: string; validUntil: string } {
  return { validFrom: today, validUntil: addDays(addYears(today, VALIDITY_YEARS), -1) };
}

/** The next date the daily job must look at this certificate: validity end, a check lapsing. */
export function nextReview(cert: Pick<Certificate, 'status' | 'validUntil' | 'checks'>, today: string): string | undefined {
  if (cert.status === 'REVOKED' || cert.status === 'EXPIRED') return undefined;
  const after = (date: string | undefined) => {
    const next = date === undefined ? undefined : addDays(date, 1);
    return next !== undefined && next > today ? next : undefined;
  };
  const health = cert.checks.healthCheck?.passed ? healthCheckValidUntil(cert.checks.healthCheck) : undefined;
  // The validity end is always a candidate, even when overdue: an overdue one is due now.
  return minDate(addDays(cert.validUntil, 1), minDate(after(health), after(dateOf(cert.checks.insurance?.activeUntil))));
}

const details = (facts: CertificationFacts) => ({
  maskedName: maskName(facts.maskedName ?? ''),
  ...(facts.currentEnterprise ? { enterprise: { tenantId: facts.currentEnterprise.tenantId, name: facts.currentEnterprise.name } } : {}),
  serviceCategories: [...new Set(facts.serviceCategories)].sort(),
});

/** The state a change leaves, hashed into its trace entry. */
const outcome = (c: Certificate) => ({ status: c.status, cardSeq: c.cardSeq, validUntil: c.validUntil, light: c.light, lightReasons: c.lightReasons });

/** Recomputes the light and the review date; the stored light is what `now` says. */
function settle(cert: Certificate, now: Date): Certificate {
  const { light, reasons } = trafficLight(cert.checks, cert, now);
  const next = { ...cert, light, lightReasons: reasons, updatedAt: now.toISOString() };
  const reviewOn = nextReview(next, chinaDate(now));
  if (reviewOn === undefined) delete next.reviewOn;
  else next.reviewOn = reviewOn;
  return next;
}

const withOutcome = (cert: Certificate, changes: CertificateChange[]): CertificateChange[] =>
  changes.map((c) => ({ type: c.type, payload: { ...c.payload, ...outcome(cert) } }));

/** A new certificate (APPLIED → ISSUED); the caller has checked canIssue. */
export function issue(input: { certNo: string; qrToken: string; facts: CertificationFacts; now: Date }): { cert: Certificate; change: CertificateChange } {
  const at = input.now.toISOString();
  const cert = settle(
    {
      certNo: input.certNo,
      workerId: input.facts.workerId,
      status: 'ISSUED',
      cardSeq: 1,
      qrToken: input.qrToken,
      qrIssuedAt: at,
      issuedAt: at,
      ...validityFrom(chinaDate(input.now)),
      ...details(input.facts),
      checks: lightFacts(input.facts),
      light: 'green',
      lightReasons: [],
      version: 0,
      updatedAt: at,
    },
    input.now,
  );
  return { cert, change: withOutcome(cert, [{ type: 'certificate.issued', payload: {} }])[0]! };
}

/** Deep equality of JSON values whatever their key order (DynamoDB returns maps in any order). */
const stable = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(stable)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, stable((value as Record<string, unknown>)[k])]))
      : value;
const sameJson = (a: unknown, b: unknown) => JSON.stringify(stable(a)) === JSON.stringify(stable(b));

/**
 * Brings a certificate up to date with fresh facts (when the registry has them) and with
 * the date: details and checks refreshed, renewed or expired at the end of its validity,
 * renewed from EXPIRED when the conditions hold again, the light recomputed. No change
 * when nothing changed, so calling it again is harmless.
 */
export function reconcile(cert: Certificate, facts: CertificationFacts | undefined, now: Date): { cert: Certificate; changes: CertificateChange[] } {
  const at = now.toISOString();
  const today = chinaDate(now);
  let next: Certificate = { ...cert };
  const changes: CertificateChange[] = [];

  if (facts) {
    const fresh = details(facts);
    const checks = lightFacts(facts);
    const changed = [
      ...(fresh.maskedName !== cert.maskedName ? ['name'] : []),
      ...(!sameJson(fresh.enterprise, cert.enterprise) ? ['enterprise'] : []),
      ...(!sameJson(fresh.serviceCategories, cert.serviceCategories) ? ['serviceCategories'] : []),
      ...(!sameJson(checks, cert.checks) ? ['checks'] : []),
    ];
    if (changed.length > 0) {
      next = { ...next, ...fresh, checks };
      if (!fresh.enterprise) delete next.enterprise;
      changes.push({ type: 'certificate.updated', payload: { changed } });
    }
  }

  const eligible = facts !== undefined && canIssue(facts, now).ok;
  const renew = () => {
    const t = transition(next.status, 'renew');
    if (!t.ok) return;
    next = { ...next, status: t.to as StoredStatus, ...validityFrom(today), renewedAt: at };
    delete next.expiredAt;
    changes.push({ type: 'certificate.renewed', payload: {} });
  };
  if (next.status !== 'EXPIRED' && next.status !== 'REVOKED' && next.validUntil < today) {
    if (eligible) renew();
    else {
      next = { ...next, status: 'EXPIRED', expiredAt: at };
      changes.push({ type: 'certificate.expired', payload: {} });
    }
  } else if (next.status === 'EXPIRED' && eligible) {
    renew();
  }

  next = settle(next, now);
  const lightChanged = next.light !== cert.light || !sameJson(next.lightReasons, cert.lightReasons);
  if (lightChanged && changes.length === 0) changes.push({ type: 'certificate.light-changed', payload: { from: cert.light } });
  if (changes.length === 0) {
    // Nothing to record; the review date may still move on (a check lapsed without changing the light).
    return { cert: next.reviewOn === cert.reviewOn ? cert : { ...cert, ...(next.reviewOn ? { reviewOn: next.reviewOn } : {}) }, changes };
  }
  return { cert: next, changes: withOutcome(next, changes) };
}

/** What an enterprise or admin asks for over the API. */
export type CertificateCommandInput =
  | { command: 'activate' }
  | { command: 'suspend'; reasonCode: string }
  | { command: 'revoke'; reasonCode: string }
  | { command: 'reissue'; reasonCode: string; qrToken: string }
  | { command: 'rotate-qr'; reasonCode?: string; qrToken: string };

export function applyCommand(cert: Certificate, input: CertificateCommandInput, byRole: string, now: Date): ChangeResult {
  const t = transition(cert.status, input.command);
  if (!t.ok) return t;
  const at = now.toISOString();
  const to = t.to as StoredStatus;
  let next: Certificate;
  let change: CertificateChange;
  switch (input.command) {
    case 'activate':
      // A suspension the platform imposed is lifted by the platform, not by the enterprise.
      if (cert.status === 'SUSPENDED' && cert.suspension?.byRole === 'admin' && byRole !== 'admin') {
        return { ok: false, reason: 'the platform suspended this certificate; only an admin may lift the suspension' };
      }
      next = { ...cert, status: to, activatedAt: at };
      delete next.suspension;
      change = { type: 'certificate.activated', payload: { resumed: cert.status === 'SUSPENDED' } };
      break;
    case 'suspend':
      next = { ...cert, status: to, suspension: { reasonCode: input.reasonCode, at, byRole } };
      change = { type: 'certificate.suspended', payload: { reasonCode: input.reasonCode } };
      break;
    case 'revoke':
      next = { ...cert, status: to, revocation: { reasonCode: input.reasonCode, at } };
      delete next.suspension;
      change = { type: 'certificate.revoked', payload: { reasonCode: input.reasonCode } };
      break;
    case 'reissue':
      next = { ...cert, status: to, cardSeq: cert.cardSeq + 1, qrToken: input.qrToken, qrIssuedAt: at };
      delete next.activatedAt;
      change = { type: 'certificate.reissued', payload: { reasonCode: input.reasonCode } };
      break;
    case 'rotate-qr':
      next = { ...cert, qrToken: input.qrToken, qrIssuedAt: at };
      change = { type: 'certificate.qr-rotated', payload: input.reasonCode ? { reasonCode: input.reasonCode } : {} };
      break;
  }
  next = settle(next, now);
  return { ok: true, cert: next, changes: withOutcome(next, [change]) };
}
