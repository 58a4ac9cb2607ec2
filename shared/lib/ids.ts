import { createHash } from 'node:crypto';
import { ulid } from 'ulid';

/** Crockford base32, the alphabet ULIDs use, so every id in Anxin reads the same way. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export const newOrderId = (): string => `ord_${ulid()}`;
export const newTenantId = (): string => `ten_${ulid()}`;
export const newKeyId = (): string => `key_${ulid()}`.toLowerCase();
/** One id per person (one person, one identity), shared by every enterprise that employs them. */
export const newWorkerId = (): string => `wkr_${ulid()}`;

/**
 * The event id of a command is derived from (tenant, Idempotency-Key): a retried request
 * lands on the same event record and the same SQS deduplication id without any lookup
 * table, which is what makes "same key, same answer" hold through crashes.
 */
export function commandEventId(tenantId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${tenantId}\n${idempotencyKey}`).digest();
  return `evt_${base32(digest, 26)}`;
}

/**
 * A complaint's id is derived like an event id (from the tenant and the idempotency key of
 * the command that opens it), so a retried request carries the same complaint id and
 * still counts as the same request; the label keeps it distinct from the event id.
 */
export function complaintIdFor(tenantId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`complaint\n${tenantId}\n${idempotencyKey}`).digest();
  return `cmp_${base32(digest, 26)}`;
}

/** Group insurance policies. */
export const newPolicyId = (): string => `pol_${ulid()}`;

/**
 * A claim's id is its filing event's id under another prefix (both from tenant +
 * Idempotency-Key), so a retried filing names the same claim, and the claim's Location
 * resolves before the consumer has applied the filing: GET /v1/claims/{claimId} finds the
 * accepted filing event from the claim id alone (filingEventIdOf), without a lookup item.
 */
export function claimIdFor(tenantId: string, idempotencyKey: string): string {
  return `clm_${commandEventId(tenantId, idempotencyKey).slice('evt_'.length)}`;
}

/** The id of the event that filed a claim. */
export const filingEventIdOf = (claimId: string): string => `evt_${claimId.slice('clm_'.length)}`;

/**
 * The event id of a credit grade's computation: derived from (tenant, period, revision), so
 * a grading run that is repeated after a crash publishes the same event id again.
 */
export function creditGradeEventId(tenantId: string, period: string, revision: number): string {
  const digest = createHash('sha256').update(`credit-graded\n${tenantId}\n${period}\n${revision}`).digest();
  return `evt_${base32(digest, 26)}`;
}

/** An objection's id, from the enterprise and its Idempotency-Key (a retry names the same objection). */
export function objectionIdFor(tenantId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`credit-objection\n${tenantId}\n${idempotencyKey}`).digest();
  return `obj_${base32(digest, 26)}`;
}

/** A public-credit record's id, from the admin's tenant and Idempotency-Key. */
export function creditRecordIdFor(tenantId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`credit-record\n${tenantId}\n${idempotencyKey}`).digest();
  return `rec_${base32(digest, 26)}`;
}

/** A pay report's id (wage survey), from the enterprise and its Idempotency-Key (a retry names the same report). */
export function wageReportIdFor(tenantId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`wage-report\n${tenantId}\n${idempotencyKey}`).digest();
  return `wgr_${base32(digest, 26)}`;
}

export const ID_PATTERNS = {
  order: /^ord_[0-9A-HJKMNP-TV-Z]{26}$/,
  event: /^evt_[0-9A-HJKMNP-TV-Z]{26}$/,
  tenant: /^ten_[0-9A-HJKMNP-TV-Z]{26}$/,
  key: /^key_[0-9a-hjkmnp-tv-z]{26}$/,
  complaint: /^cmp_[0-9A-HJKMNP-TV-Z]{26}$/,
  objection: /^obj_[0-9A-HJKMNP-TV-Z]{26}$/,
  creditRecord: /^rec_[0-9A-HJKMNP-TV-Z]{26}$/,
  worker: /^wkr_[0-9A-HJKMNP-TV-Z]{26}$/,
  policy: /^pol_[0-9A-HJKMNP-TV-Z]{26}$/,
  claim: /^clm_[0-9A-HJKMNP-TV-Z]{26}$/,
  wageReport: /^wgr_[0-9A-HJKMNP-TV-Z]{26}$/,
};
