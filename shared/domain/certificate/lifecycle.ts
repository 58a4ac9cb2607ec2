/**
 * The certificate lifecycle (docs/domain.md "Lifecycle"): APPLIED → ISSUED → ACTIVATED →
 * SUSPENDED / REVOKED / EXPIRED / REISSUED.
 *
 * - APPLIED is the worker before issuance: the registry holds the application (the facts);
 *   no certificate item exists yet, so APPLIED is never stored. `issue` leaves it.
 * - ACTIVATED: the worker has the card in hand (the enterprise confirms). Validity runs
 *   from issuance; an ISSUED or REISSUED certificate is valid too, activation only records
 *   the hand-over. `activate` on a SUSPENDED certificate lifts the suspension.
 * - REISSUED: a lost, stolen or damaged card was replaced — same certificate number (one
 *   person, one certificate, one code), next card sequence, new QR token (the old card's
 *   code stops working at once). Activated again when the new card is handed over.
 * - `rotate-qr` only replaces the QR token (a leaked code, an e-card refresh): status and
 *   card sequence stay. Allowed in every state, so a REVOKED certificate's code can be
 *   killed too (it then answers 404 like an unknown code).
 * - EXPIRED by the daily job after the validity ends, unless the conditions still hold,
 *   in which case it is `renew`ed instead; an EXPIRED certificate is renewed (→ ISSUED)
 *   when the conditions hold again, keeping its number and QR token.
 * - REVOKED is final. It follows the person to every employer, so only the platform
 *   (admin) revokes; an enterprise suspends.
 */

export const CERTIFICATE_STATUSES = ['APPLIED', 'ISSUED', 'ACTIVATED', 'SUSPENDED', 'REVOKED', 'EXPIRED', 'REISSUED'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export const CERTIFICATE_COMMANDS = ['issue', 'activate', 'suspend', 'revoke', 'expire', 'reissue', 'rotate-qr', 'renew'] as const;
export type CertificateCommand = (typeof CERTIFICATE_COMMANDS)[number];

/** Statuses in which the certificate counts as valid (its light then comes from the checks). */
export const VALID_STATUSES: readonly CertificateStatus[] = ['ISSUED', 'ACTIVATED', 'REISSUED'];

/** In force = not revoked and not expired: a suspended certificate is still held (staff counts, worker stars, the programme's certified workers). */
export const inForce = (status: CertificateStatus | undefined): boolean => status !== undefined && status !== 'REVOKED' && status !== 'EXPIRED';

const STORED = CERTIFICATE_STATUSES.filter((s) => s !== 'APPLIED');

const RULES: Record<CertificateCommand, { from: readonly CertificateStatus[]; to?: CertificateStatus }> = {
  issue: { from: ['APPLIED'], to: 'ISSUED' },
  activate: { from: ['ISSUED', 'REISSUED', 'SUSPENDED'], to: 'ACTIVATED' },
  suspend: { from: ['ISSUED', 'ACTIVATED', 'REISSUED'], to: 'SUSPENDED' },
  revoke: { from: ['ISSUED', 'ACTIVATED', 'REISSUED', 'SUSPENDED', 'EXPIRED'], to: 'REVOKED' },
  expire: { from: ['ISSUED', 'ACTIVATED', 'REISSUED', 'SUSPENDED'], to: 'EXPIRED' },
  reissue: { from: ['ISSUED', 'ACTIVATED', 'REISSUED'], to: 'REISSUED' },
  'rotate-qr': { from: STORED },
  // Renewal keeps the status, except that an EXPIRED certificate comes back as ISSUED.
  renew: { from: ['ISSUED', 'ACTIVATED', 'REISSUED', 'SUSPENDED', 'EXPIRED'] },
};

export type Transition = { ok: true; to: CertificateStatus } | { ok: false; reason: string };

export function transition(from: CertificateStatus, command: CertificateCommand): Transition {
  const rule = RULES[command];
  if (!rule.from.includes(from)) return { ok: false, reason: `cannot ${command} a certificate that is ${from}` };
  const to = rule.to ?? (command === 'renew' && from === 'EXPIRED' ? 'ISSUED' : from);
  return { ok: true, to };
}
