/**
 * Claim requests, queries and views (HTTP). Strict zod/mini objects: unknown
 * fields are refused. Money is an integer number of fen.
 *
 * The filing's place, description and document references are the enterprise's words and
 * URIs (they may hold personal data): they ride the queue to the consumer and are stored
 * on the claim only — events carry document kinds and hashes, never the text or refs.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { CLAIM_STATUSES, DECISION_OUTCOMES } from '../domain/insurance/claim-state-machine';
import { CLAIM_TYPES } from '../domain/insurance/cover';
import { ID_PATTERNS } from '../lib/ids';

/** 1,000,000 yuan: far above any domestic-service claim, low enough that a typo is caught. */
export const MAX_CLAIM_FEN = 100_000_000;
export const MAX_CLAIM_DOCUMENTS = 20;

export const DOCUMENT_KINDS = ['medical-record', 'invoice', 'photo', 'police-report', 'repair-quote', 'other'] as const;

const dateTime = () => z.iso.datetime({ offset: true });
const fen = () => z.int().check(z.gte(0), z.lte(MAX_CLAIM_FEN));
const positiveFen = () => z.int().check(z.positive(), z.lte(MAX_CLAIM_FEN));
/** Free text: at least one visible character. */
const text = (max: number) => z.string().check(z.maxLength(max), z.refine((s) => s.trim().length > 0, 'must not be blank'));

export const ClaimDocument = /* @__PURE__ */ defineSchema(() => z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  /** The enterprise's own reference or URI of the document (Anxin stores no files). */
  ref: z.string().check(z.minLength(1), z.maxLength(512), z.regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces (a reference or URI)')),
  /** SHA-256 of the document's bytes, lower-case hex: what the insurer checks the file it receives against. */
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits')),
}));
export type ClaimDocument = z.infer<typeof ClaimDocument>;

/** POST /v1/claims (enterprise). The whole body is at most 16 KiB like every request. */
export const FileClaimRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({
  orderId: z.string().check(z.regex(ID_PATTERNS.order, 'is not an order id')),
  type: z.enum(CLAIM_TYPES),
  /** When the incident happened; in the future is refused, more than 48 h ago ends not covered. */
  occurredAt: dateTime(),
  place: text(200),
  description: text(4000),
  amountClaimedFen: positiveFen(),
  documents: z.array(ClaimDocument).check(z.minLength(1), z.maxLength(MAX_CLAIM_DOCUMENTS)),
}));
export type FileClaimRequest = z.infer<typeof FileClaimRequest>;

/** POST /v1/claims/{claimId}/decision (the claim's insurer). Amount rules that need the claim are the consumer's. */
export const DecisionRequest = /* @__PURE__ */ defineSchema(() => z
  .strictObject({
    outcome: z.enum(DECISION_OUTCOMES),
    amountApprovedFen: fen(),
    reason: text(1000),
  })
  .check(
    z.refine((d) => (d.outcome === 'rejected') === (d.amountApprovedFen === 0), {
      message: 'is 0 exactly when the outcome is rejected',
      path: ['amountApprovedFen'],
    }),
  ));
export type DecisionRequest = z.infer<typeof DecisionRequest>;

/** POST /v1/claims/{claimId}/payment (the claim's insurer). */
export const PaymentRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({
  amountPaidFen: positiveFen(),
  /** The date the money was paid (Asia/Shanghai calendar day). */
  paidOn: z.iso.date(),
  /** The insurer's payment reference (bank transfer number). */
  reference: z.string().check(z.minLength(1), z.maxLength(100), z.regex(/^[\x20-\x7e]+$/, 'must be printable ASCII')),
}));
export type PaymentRequest = z.infer<typeof PaymentRequest>;

export const ListClaimsQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({
  status: z.optional(z.enum(CLAIM_STATUSES)),
  /** Admin only (and then required): the enterprise whose claims to read. */
  tenantId: z.optional(z.string().check(z.regex(ID_PATTERNS.tenant))),
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'must be an integer from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
}));
export type ListClaimsQuery = z.infer<typeof ListClaimsQuery>;

// ---- Views ------------------------------------------------------------------------------

const Evidence = /* @__PURE__ */ defineSchema(() => z.union([
  z.object({ basis: z.literal('check-in-out'), checkInAt: z.string(), checkOutAt: z.optional(z.string()) }),
  z.object({ basis: z.literal('attendance-day'), date: z.string() }),
]));

/** A claim in a list: ids, amounts and states, no free text (open one claim to read it). */
export const ClaimSummary = /* @__PURE__ */ defineSchema(() => z.object({
  claimId: z.string(),
  enterpriseId: z.string(),
  orderId: z.string(),
  type: z.enum(CLAIM_TYPES),
  status: z.enum(CLAIM_STATUSES),
  occurredAt: z.string(),
  filedAt: z.string(),
  amountClaimedFen: z.int(),
  insurerId: z.optional(z.string()),
  policyId: z.optional(z.string()),
  policyNumber: z.optional(z.string()),
  workerId: z.optional(z.string()),
  /** not-covered: the reason code (see docs) and why. */
  notCovered: z.optional(z.object({ reason: z.string(), detail: z.string() })),
  outcome: z.optional(z.enum(DECISION_OUTCOMES)),
  amountApprovedFen: z.optional(z.int()),
  amountPaidFen: z.optional(z.int()),
  version: z.int(),
  updatedAt: z.string(),
}));

/** GET /v1/claims/{claimId}: the summary plus the filing's text, documents, evidence, decision and payment. */
export const ClaimView = /* @__PURE__ */ defineSchema(() => z.extend(ClaimSummary, {
  place: z.string(),
  description: z.string(),
  documents: z.array(z.object({ kind: z.enum(DOCUMENT_KINDS), ref: z.string(), sha256: z.string() })),
  evidence: z.optional(Evidence),
  decision: z.optional(
    z.object({ outcome: z.enum(DECISION_OUTCOMES), amountApprovedFen: z.int(), reason: z.string(), decidedAt: z.string() }),
  ),
  payment: z.optional(z.object({ amountPaidFen: z.int(), paidOn: z.string(), reference: z.string(), recordedAt: z.string() })),
}));

export const ClaimPage = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(ClaimSummary), nextCursor: z.optional(z.string()) }));

/**
 * GET /v1/claims/{claimId} before the claims consumer has applied the filing: the filing
 * enterprise sees it `accepted` (or `rejected` with the reason), with the event to follow.
 */
export const ClaimFilingView = /* @__PURE__ */ defineSchema(() => z.object({
  claimId: z.string(),
  enterpriseId: z.string(),
  status: z.enum(['accepted', 'rejected']),
  eventId: z.string(),
  filedAt: z.string(),
  reason: z.optional(z.string()),
}));

export const ClaimAcceptedResponse = /* @__PURE__ */ defineSchema(() => z.object({ claimId: z.string(), eventId: z.string(), status: z.literal('accepted') }));
