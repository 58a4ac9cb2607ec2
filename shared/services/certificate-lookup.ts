/**
 * The public check behind a worker's QR code (no API key): throttled, audited, and showing
 * only the public view (views/certificate-views.ts).
 *
 * Limits (fixed one-minute windows, counters in DynamoDB with a TTL of a few minutes):
 * - per source address: 60 lookups a minute. Generous, because mobile carriers put many
 *   phones behind one address (CGNAT); it stops one machine from sweeping codes or
 *   flooding the audit.
 * - per certificate: 20 lookups a minute. A household scans a card once or twice; twenty
 *   in a minute is someone watching a worker, and that is refused whatever the address.
 * Above a limit: 429 with Retry-After (the end of the minute). API Gateway's stage
 * throttling stays the coarse outer guard.
 *
 * Privacy: no address is stored. The per-source counter is keyed by an HMAC of the
 * address with a random pepper that changes every day (and expires with it), so counters
 * cannot be reversed with a table of all IPv4 addresses once the day's pepper is gone, and
 * cannot be linked across days. The audit says which code was looked up, when, what was
 * shown and how it was answered — not who looked: a household checking a worker at the
 * door is not a suspect, and keeping its address for a year would be personal data
 * collected without need (PIPL Art. 6, minimisation).
 *
 * Audit: every lookup that gets past the per-source limit is audited (shown, not-found,
 * throttled per certificate); of the lookups a source makes above its limit, only the
 * first of each minute is, so a flood cannot turn into a flood of audit writes.
 * Unknown and rotated-away codes answer the same not-found after the same work (their
 * lookup item simply is not there), so a guesser cannot tell a dead code from one that
 * never existed; a malformed code gets that answer too, without the lookup.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { chinaDate } from '../domain/certificate/dates';
import { QR_TOKEN_PATTERN } from '../lib/certificate-ids';
import { sha256Hex } from '../lib/hash';
import type { StoreContext } from '../store/client';
import { certificateLookupsRepository, type LookupAudit } from '../store/certificate-lookups-repository';
import { certificatesRepository } from '../store/certificates-repository';
import { ratingsRepository, type RatingSummary } from '../store/ratings-repository';
import { shanghaiDay } from '../lib/shanghai-day';
import { employerGrade } from './credit-views';
import { workerCredit } from './worker-credit';
import { publicCertificateView, type PublicCertificateView } from '../views/certificate-views';

export const LOOKUP_LIMITS = { perSourcePerMinute: 60, perCertificatePerMinute: 20 } as const;

export interface LookupDeps {
  store: StoreContext;
  now?: () => Date;
  limits?: { perSourcePerMinute: number; perCertificatePerMinute: number };
}

export type LookupResult =
  | {
      outcome: 'shown';
      view: PublicCertificateView & { enterpriseRating?: RatingSummary | null; enterpriseCreditGrade?: { grade: string; period: string } | null; workerStars?: number | null };
    }
  | { outcome: 'not-found' }
  | { outcome: 'throttled'; retryAfterSeconds: number };

const WINDOW_MS = 60_000;
const peppers = new Map<string, string>();

async function sourceKey(store: StoreContext, sourceIp: string | undefined, now: Date): Promise<string> {
  const day = chinaDate(now);
  let pepper = peppers.get(day);
  if (!pepper) {
    const expiresAt = Math.floor(now.getTime() / 1000) + 2 * 86_400;
    pepper = await certificateLookupsRepository(store).pepper(day, randomBytes(32).toString('base64url'), expiresAt);
    peppers.clear(); // yesterday's pepper is of no use any more
    peppers.set(day, pepper);
  }
  return createHmac('sha256', pepper).update(sourceIp ?? 'unknown').digest('hex').slice(0, 32);
}

export async function lookupCertificate(deps: LookupDeps, token: string, sourceIp: string | undefined, via: 'json' | 'page'): Promise<LookupResult> {
  const now = deps.now?.() ?? new Date();
  const limits = deps.limits ?? LOOKUP_LIMITS;
  const lookups = certificateLookupsRepository(deps.store);
  const at = now.toISOString();
  const window = Math.floor(now.getTime() / WINDOW_MS);
  const expiresAt = Math.floor(((window + 2) * WINDOW_MS) / 1000);
  const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now.getTime()) / 1000));
  const tokenHashPrefix = sha256Hex(token).slice(0, 12);
  const audit = (entry: Omit<LookupAudit, 'at' | 'tokenHashPrefix' | 'via'>) => lookups.audit({ at, tokenHashPrefix, via, ...entry }, ulid());

  const fromSource = await lookups.count('source', await sourceKey(deps.store, sourceIp, now), window, expiresAt);
  if (fromSource > limits.perSourcePerMinute) {
    if (fromSource === limits.perSourcePerMinute + 1) await audit({ outcome: 'throttled', throttledBy: 'source' });
    return { outcome: 'throttled', retryAfterSeconds };
  }

  const repo = certificatesRepository(deps.store);
  const certNo = QR_TOKEN_PATTERN.test(token) ? await repo.certNoOfQrToken(token) : undefined;
  const cert = certNo ? await repo.get(certNo) : undefined;
  if (!cert) {
    await audit({ outcome: 'not-found' });
    return { outcome: 'not-found' };
  }

  const forCert = await lookups.count('cert', cert.certNo, window, expiresAt);
  if (forCert > limits.perCertificatePerMinute) {
    await audit({ outcome: 'throttled', throttledBy: 'cert', certNo: cert.certNo });
    return { outcome: 'throttled', retryAfterSeconds };
  }

  // The employer's rating summary helps the household judge the enterprise behind the card;
  // a read model (one GetItem), and only figures: no order, household or comment.
  // So are its published credit grade and the worker's stars (no breakdown).
  const [enterpriseRating, enterpriseCreditGrade, worker] = await Promise.all([
    cert.enterprise ? ratingsRepository(deps.store).enterpriseSummary(cert.enterprise.tenantId) : null,
    cert.enterprise ? employerGrade(deps.store, cert.enterprise.tenantId, shanghaiDay(now)) : undefined,
    workerCredit(deps.store, cert.workerId, now, { certificate: cert }),
  ]);
  const view = { ...publicCertificateView(cert, now), enterpriseRating, enterpriseCreditGrade: enterpriseCreditGrade ?? null, workerStars: worker?.stars ?? null };
  await audit({ outcome: 'shown', certNo: cert.certNo, light: view.light });
  return { outcome: 'shown', view };
}
