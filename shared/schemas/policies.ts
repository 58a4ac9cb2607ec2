/**
 * Group policy, roster and subsidy requests, queries and views (HTTP). Money is integer fen;
 * dates are `YYYY-MM-DD` (China calendar days) and every period includes both ends.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { COVER_TYPES } from '../domain/insurance/cover';
import { ID_PATTERNS } from '../lib/ids';

const date = () => z.iso.date();
const limit = () => z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'must be an integer from 1 to 100')));
const cursor = () => z.optional(z.string().check(z.maxLength(512)));

/** The insurer's own number for a policy: unique per insurer; letters, digits and - _ / . only. */
export const POLICY_NUMBER = /* @__PURE__ */ defineSchema(() => z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'must be letters, digits and . _ / - only')));

/** 1 fen to 1,000,000 yuan per worker and term. */
const premium = () => z.int().check(z.minimum(1), z.maximum(100_000_000));

/** POST /v1/policies (insurer) */
export const IssuePolicyRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({
  enterpriseId: z.string().check(z.regex(ID_PATTERNS.tenant, 'must be a tenant id (ten_…)')),
  policyNumber: POLICY_NUMBER,
  covers: z.array(z.enum(COVER_TYPES)).check(z.minLength(1), z.maxLength(COVER_TYPES.length)),
  startsOn: date(),
  /** The last day of cover (included). */
  endsOn: date(),
  premiumPerWorkerFen: premium(),
}));

/** POST /v1/policies/{policyId}/cancel (insurer): `effectiveOn` becomes the last day of cover. */
export const CancelPolicyRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ effectiveOn: date() }));

/** POST /v1/policies/{policyId}/enrolments (enterprise) */
export const EnrolWorkerRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({
  workerId: z.string().check(z.regex(ID_PATTERNS.worker, 'must be a worker id (wkr_…)')),
  /** First day on the roster: today or later, inside the policy period. */
  from: date(),
  /** Last day on the roster; absent = until the policy ends. */
  until: z.optional(date()),
}));

/** POST /v1/policies/{policyId}/enrolments/{workerId}/end (enterprise): `on` is the last day on the roster. */
export const EndEnrolmentRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ on: date() }));

export const ListPoliciesQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ limit: limit(), cursor: cursor() }));
export type ListPoliciesQuery = z.infer<typeof ListPoliciesQuery>;
export const RosterQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ limit: limit(), cursor: cursor() }));

/** GET /v1/insurance/subsidy?year=YYYY[&tenantId=] */
export const SubsidyQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({
  year: z.string().check(z.regex(/^(?:19|20|21)\d{2}$/, 'must be a year, e.g. 2026')),
  tenantId: z.optional(z.string().check(z.regex(ID_PATTERNS.tenant))),
}));

export const PolicyViewSchema = /* @__PURE__ */ defineSchema(() => z.object({
  policyId: z.string(),
  policyNumber: z.string(),
  insurerId: z.string(),
  enterpriseId: z.string(),
  covers: z.array(z.enum(COVER_TYPES)),
  startsOn: z.string(),
  endsOn: z.string(),
  premiumPerWorkerFen: z.int(),
  status: z.enum(['active', 'cancelled']),
  state: z.enum(['not-started', 'in-force', 'lapsed', 'cancelled']),
  coverEndsOn: z.string(),
  issuedAt: z.string(),
  cancellation: z.optional(z.object({ effectiveOn: z.string(), cancelledAt: z.string() })),
}));

export const PolicyPageSchema = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(PolicyViewSchema), nextCursor: z.optional(z.string()) }));

export const EnrolmentViewSchema = /* @__PURE__ */ defineSchema(() => z.object({
  policyId: z.string(),
  workerId: z.string(),
  from: z.string(),
  until: z.optional(z.string()),
  enrolledAt: z.string(),
  endedAt: z.optional(z.string()),
}));

export const RosterPageSchema = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(EnrolmentViewSchema), nextCursor: z.optional(z.string()) }));

export const SubsidyReportSchema = /* @__PURE__ */ defineSchema(() => z.object({
  enterpriseId: z.string(),
  year: z.int(),
  workersEnrolled: z.int(),
  workersSubsidised: z.int(),
  premiumFen: z.int(),
  subsidyFen: z.int(),
  workersAtAnnualCap: z.int(),
  workersAtYearLimit: z.int(),
  policies: z.array(
    z.object({
      policyId: z.string(),
      policyNumber: z.string(),
      insurerId: z.string(),
      workers: z.int(),
      enrolledDays: z.int(),
      premiumFen: z.int(),
      subsidyFen: z.int(),
    }),
  ),
  rules: z.object({ ratePercent: z.int(), capPerWorkerYearFen: z.int(), maxYearsPerWorker: z.int() }),
}));
