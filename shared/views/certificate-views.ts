/**
 * What the API shows of a certificate. The light is recomputed for the moment of the
 * request from the certificate's snapshot of the checks, so a health check that lapsed at
 * midnight shows yellow at once, not only after the daily job has run.
 */
import { trafficLight, type Light, type LightReason } from '../domain/certificate/light';
import type { StoredCertificate } from '../store/certificates-repository';
import type { TraceEntry, Verification } from '../trace/chain';
import { LIGHT_WORDS, PUBLIC_REASON, serviceCategoryLabel } from './certificate-wording';

export const publicLookupPath = (token: string) => `/v1/public/certificates/${token}`;
export const publicPagePath = (token: string) => `/v1/public/certificates/${token}/page`;

export function currentLight(cert: StoredCertificate, now: Date): { light: Light; reasons: LightReason[] } {
  return trafficLight(cert.checks, cert, now);
}

/** For the enterprise of the current employment and for admins. */
export function certificateView(cert: StoredCertificate, now: Date) {
  const { light, reasons } = currentLight(cert, now);
  return {
    certificateNo: cert.certNo,
    workerId: cert.workerId,
    status: cert.status,
    cardSeq: cert.cardSeq,
    validFrom: cert.validFrom,
    validUntil: cert.validUntil,
    light,
    lightReasons: reasons,
    maskedName: cert.maskedName,
    ...(cert.enterprise ? { enterprise: { name: cert.enterprise.name } } : {}),
    serviceCategories: cert.serviceCategories,
    issuedAt: cert.issuedAt,
    ...(cert.activatedAt ? { activatedAt: cert.activatedAt } : {}),
    ...(cert.suspension ? { suspension: cert.suspension } : {}),
    ...(cert.revocation ? { revocation: cert.revocation } : {}),
    ...(cert.expiredAt ? { expiredAt: cert.expiredAt } : {}),
    ...(cert.renewedAt ? { renewedAt: cert.renewedAt } : {}),
    // The code to print on the card: the enterprise needs it back, so it is stored, not hashed.
    qr: { token: cert.qrToken, issuedAt: cert.qrIssuedAt, lookupUrl: publicLookupPath(cert.qrToken), pageUrl: publicPagePath(cert.qrToken) },
    updatedAt: cert.updatedAt,
  };
}

export function certificateWithTrace(cert: StoredCertificate, entries: TraceEntry[], verification: Verification, now: Date) {
  return { ...certificateView(cert, now), trace: { entries, verification } };
}

/**
 * The public check: ONLY masked name, number, enterprise, categories, validity and the light,
 * with one neutral reason when it is not green (the detailed reasons are certificateView's).
 */
export function publicCertificateView(cert: StoredCertificate, now: Date) {
  const { light } = currentLight(cert, now);
  const words = LIGHT_WORDS[light];
  return {
    certificateNo: cert.certNo,
    name: cert.maskedName,
    enterprise: cert.enterprise?.name ?? null,
    serviceCategories: cert.serviceCategories.map((code) => ({ code, label: serviceCategoryLabel(code) })),
    validFrom: cert.validFrom,
    validUntil: cert.validUntil,
    light,
    lightText: `${words.label}：${words.headline}`,
    reasons: light === 'green' ? [] : [{ ...PUBLIC_REASON }],
    checkedAt: now.toISOString(),
  };
}

export type PublicCertificateView = ReturnType<typeof publicCertificateView>;
