/**
 * Certificate request and response schemas (zod/mini). Command bodies are strict and carry
 * reason codes, not free text: what goes on the trace is a code anyone can read.
 */
import * as z from 'zod/mini';
import { RatingSummaryView } from './ratings';
import { defineSchema } from '../lib/define-schema';
import { CERTIFICATE_STATUSES } from '../domain/certificate/lifecycle';
import { RED_REASONS, YELLOW_REASONS } from '../domain/certificate/light';

export const SUSPEND_REASONS = ['complaint_investigation', 'document_review', 'health_check_lapsed', 'misconduct', 'other'] as const;
export const REVOKE_REASONS = ['fraudulent_documents', 'identity_mismatch', 'background_flagged', 'serious_misconduct', 'other'] as const;
export const REISSUE_REASONS = ['lost', 'stolen', 'damaged'] as const;
export const ROTATE_REASONS = ['code_leaked', 'e_card_refresh', 'other'] as const;

export const CERTIFICATE_COMMAND_BODIES = /* @__PURE__ */ defineSchema(() => ({
  activate: z.strictObject({}),
  suspend: z.strictObject({ reasonCode: z.enum(SUSPEND_REASONS) }),
  revoke: z.strictObject({ reasonCode: z.enum(REVOKE_REASONS) }),
  reissue: z.strictObject({ reasonCode: z.enum(REISSUE_REASONS) }),
  'rotate-qr': z.strictObject({ reasonCode: z.optional(z.enum(ROTATE_REASONS)) }),
} as const));

export type CertificateRouteCommand = keyof typeof CERTIFICATE_COMMAND_BODIES;
export const CERTIFICATE_ROUTE_COMMANDS = /* @__PURE__ */ defineSchema(() => (Object.keys(CERTIFICATE_COMMAND_BODIES) as CertificateRouteCommand[]));
export type CertificateCommandBody = z.infer<(typeof CERTIFICATE_COMMAND_BODIES)[CertificateRouteCommand]>;

const LightSchema = /* @__PURE__ */ defineSchema(() => z.enum(['green', 'yellow', 'red']));
const ReasonSchema = /* @__PURE__ */ defineSchema(() => z.enum([...RED_REASONS, ...YELLOW_REASONS]));
const date = () => z.iso.date();

export const CertificateView = /* @__PURE__ */ defineSchema(() => z.object({
  certificateNo: z.string(),
  workerId: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  cardSeq: z.int(),
  validFrom: date(),
  validUntil: date(),
  light: LightSchema,
  lightReasons: z.array(ReasonSchema),
  maskedName: z.string(),
  enterprise: z.optional(z.object({ name: z.string() })),
  serviceCategories: z.array(z.string()),
  issuedAt: z.string(),
  activatedAt: z.optional(z.string()),
  suspension: z.optional(z.object({ reasonCode: z.string(), at: z.string(), byRole: z.string() })),
  revocation: z.optional(z.object({ reasonCode: z.string(), at: z.string() })),
  expiredAt: z.optional(z.string()),
  renewedAt: z.optional(z.string()),
  qr: z.object({ token: z.string(), issuedAt: z.string(), lookupUrl: z.string(), pageUrl: z.string() }),
  updatedAt: z.string(),
}));

export const CertificateCommandResponse = /* @__PURE__ */ defineSchema(() => z.object({
  eventId: z.string(),
  status: z.literal('applied'),
  certificate: CertificateView,
}));

export const PublicCertificateView = /* @__PURE__ */ defineSchema(() => z.object({
  certificateNo: z.string(),
  name: z.string(),
  enterprise: z.nullable(z.string()),
  serviceCategories: z.array(z.object({ code: z.string(), label: z.string() })),
  validFrom: date(),
  validUntil: date(),
  light: LightSchema,
  lightText: z.string(),
  /** Empty when green; otherwise one neutral reason (see-enterprise): the detail is the employer's. */
  reasons: z.array(z.object({ code: z.literal('see-enterprise'), text: z.string() })),
  checkedAt: z.string(),
  /** The employer's rating summary (count, average, stars 1–5); null without an employer. */
  enterpriseRating: z.nullable(RatingSummaryView),
  /** The employer's published credit grade (5A–1A) and the month it was graded for; null when it has none. */
  enterpriseCreditGrade: z.optional(z.nullable(z.object({ grade: z.enum(['5A', '4A', '3A', '2A', '1A']), period: z.string() }))),
  /** The worker's credit stars (1–5), stars only: the breakdown is the employer's to see. */
  workerStars: z.optional(z.nullable(z.int().check(z.gte(1), z.lte(5)))),
}));
