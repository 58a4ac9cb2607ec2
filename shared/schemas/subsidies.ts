/**
 * Subsidies over the API (docs/subsidies.md): the requests of the admin's facts and budgets,
 * of applications and their review, the queries, and the response shapes the OpenAPI
 * document reads.
 */
import * as z from 'zod/mini';
import { APPLICATION_STATES } from '../domain/subsidy/application';
import { EMPLOYMENT_MODELS, PER_ITEM_RECOGNITIONS, RECOGNITION_KINDS } from '../domain/subsidy/facts';
import { RULE_IDS } from '../domain/subsidy/rules';
import { DOCUMENT_KINDS, SCHEME_IDS } from '../domain/subsidy/schemes';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';
import { isCalendarDay } from '../lib/shanghai-day';
import { SUBSIDY_ID_PATTERNS } from '../lib/subsidy-ids';

const day = () => z.string().check(z.refine(isCalendarDay, 'must be a day YYYY-MM-DD'));
/** Free text of a person (a reason, a note) or a reference: bounded, no control characters. */
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'));
const tenantId = () => z.string().check(z.regex(ID_PATTERNS.tenant, 'must be a tenant id'));
const yearNumber = () => z.int().check(z.gte(2000), z.lte(2999));
const yearQuery = () => z.string().check(z.regex(/^2\d{3}$/, 'must be a year YYYY'));
/** Money is integer fen; at most 10^12 fen (10 billion ¥), far above any budget, so no sum loses precision. */
const fen = () => z.int().check(z.gte(0), z.lte(1_000_000_000_000));
const positiveFen = () => z.int().check(z.gte(1), z.lte(1_000_000_000_000));

export const EmploymentModelRequest = /* @__PURE__ */ defineSchema(() =>
  z
    .strictObject({ tenantId: tenantId(), model: z.enum(EMPLOYMENT_MODELS), effectiveOn: day(), until: z.optional(day()), evidenceRef: text(120) })
    .check(z.refine((r) => r.until === undefined || r.until >= r.effectiveOn, { message: 'must not be before effectiveOn', path: ['until'] })),
);

export const RecognitionRequest = /* @__PURE__ */ defineSchema(() =>
  z
    .strictObject({ tenantId: tenantId(), kind: z.enum(RECOGNITION_KINDS), awardedOn: day(), subjectRef: z.optional(text(120)), evidenceRef: text(120) })
    .check(
      z.refine((r) => PER_ITEM_RECOGNITIONS.includes(r.kind) === (r.subjectRef !== undefined), {
        message: 'required for an outlet or a course standard (quality-service-outlet, course-standard), and only for them',
        path: ['subjectRef'],
      }),
    ),
);

export const RevokeRecognitionRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ revokedOn: day() }));
export const SubsidyFactsQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ tenantId: tenantId() }));

export const BudgetRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ allocatedFen: fen() }));
export const BudgetsQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ year: yearQuery() }));
export const SchemePath = /* @__PURE__ */ defineSchema(() => z.enum(SCHEME_IDS));

const DocumentRefSchema = () =>
  z.strictObject({
    kind: z.enum(DOCUMENT_KINDS),
    ref: text(200),
    sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the document, lower-case hex')),
  });
/** Graduates one application may name: a bound on the work of one request, far above an enterprise's graduates in a year. */
export const MAX_NAMED_WORKERS = 200;

const documents = () => z.array(DocumentRefSchema()).check(z.maxLength(20));

export const ApplicationRequest = /* @__PURE__ */ defineSchema(() =>
  z.strictObject({
    scheme: z.enum(SCHEME_IDS),
    year: yearNumber(),
    recognitionId: z.optional(z.string().check(z.regex(SUBSIDY_ID_PATTERNS.fact, 'must be a recognition id'))),
    /** The graduates (graduate-employment only): the applicant's workers, each once. */
    workerIds: z.optional(
      z
        .array(z.string().check(z.regex(ID_PATTERNS.worker, 'must be a worker id')))
        .check(z.minLength(1), z.maxLength(MAX_NAMED_WORKERS), z.refine((ids) => new Set(ids).size === ids.length, 'must not name a worker twice')),
    ),
    documents: documents(),
  }),
);

/** The applicant's answer to a request for information: the full set of documents now referred to. */
export const SupplementRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ documents: documents() }));
export const ApproveRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ amountFen: positiveFen(), reason: z.optional(text(2000)) }));
export const RejectRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ reason: text(2000) }));
export const RequestInfoRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ note: text(2000) }));
export const RecordPaymentRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ amountFen: positiveFen(), paidOn: day(), paymentRef: text(120) }));

/** A page of a list, as GET /v1/orders pages: at most `limit` (1–100), then `nextCursor` to continue. */
const Page = () => ({
  limit: z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'must be an integer from 1 to 100'))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
});
export const OwnApplicationsQuery = /* @__PURE__ */ defineSchema(() => z.strictObject(Page()));
export const AdminApplicationsQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ scheme: z.enum(SCHEME_IDS), state: z.optional(z.enum(APPLICATION_STATES)), ...Page() }));
export const AwardsQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ year: yearQuery() }));

// ---- Responses ------------------------------------------------------------------------

const Recorded = { recordedAt: z.string(), recordedBy: z.string(), version: z.int() };
export const EmploymentModelView = /* @__PURE__ */ defineSchema(() =>
  z.object({ recordId: z.string(), tenantId: z.string(), model: z.enum(EMPLOYMENT_MODELS), effectiveOn: z.string(), until: z.optional(z.string()), evidenceRef: z.string(), ...Recorded }),
);
export const RecognitionView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    recognitionId: z.string(),
    tenantId: z.string(),
    kind: z.enum(RECOGNITION_KINDS),
    awardedOn: z.string(),
    subjectRef: z.optional(z.string()),
    evidenceRef: z.string(),
    revokedOn: z.optional(z.string()),
    ...Recorded,
  }),
);
export const SubsidyFactsView = /* @__PURE__ */ defineSchema(() => z.object({ tenantId: z.string(), models: z.array(EmploymentModelView), recognitions: z.array(RecognitionView) }));

const BudgetLine = () =>
  z.object({ schemeId: z.enum(SCHEME_IDS), year: z.int(), allocatedFen: z.int(), committedFen: z.int(), paidFen: z.int(), remainingFen: z.int(), updatedAt: z.optional(z.string()) });
export const BudgetView = /* @__PURE__ */ defineSchema(() => BudgetLine());
export const BudgetListView = /* @__PURE__ */ defineSchema(() => z.object({ year: z.int(), items: z.array(BudgetLine()) }));

const TraceEntryView = () =>
  z.object({ seq: z.int(), eventId: z.string(), type: z.string(), actor: z.object({ tenantId: z.string(), role: z.string(), keyId: z.string() }), at: z.string(), payloadHash: z.string(), prevHash: z.string(), hash: z.string() });

const Summary = {
  applicationId: z.string(),
  schemeId: z.enum(SCHEME_IDS),
  year: z.int(),
  applicantId: z.string(),
  state: z.enum(APPLICATION_STATES),
  catalogueVersion: z.string(),
  allowedFen: z.int(),
  approvedFen: z.optional(z.int()),
  submittedAt: z.string(),
  submittedOn: z.string(),
  approvedOn: z.optional(z.string()),
  paidOn: z.optional(z.string()),
  recognitionId: z.optional(z.string()),
  version: z.int(),
};
export const ApplicationSummaryView = /* @__PURE__ */ defineSchema(() => z.object(Summary));
export const ApplicationListView = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(z.object(Summary)), nextCursor: z.optional(z.string()) }));
export const ApplicationView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    ...Summary,
    documents: z.array(DocumentRefSchema()),
    workerIds: z.optional(z.array(z.string())),
    evidenceHash: z.string(),
    paymentRef: z.optional(z.string()),
    infoRequest: z.optional(z.string()),
    decisionReason: z.optional(z.string()),
    traceHead: z.object({ seq: z.int(), hash: z.string() }),
    evidence: z.optional(z.record(z.string(), z.unknown())),
    trace: z.optional(z.array(TraceEntryView())),
  }),
);

export const FailedRulesProblem = /* @__PURE__ */ defineSchema(() =>
  // Present on `subsidy-ineligible`; the other 422s of the same routes carry their own members.
  z.object({ failedRules: z.optional(z.array(z.object({ rule: z.enum(RULE_IDS), detail: z.string(), workerId: z.optional(z.string()) }))) }),
);

export const AwardsView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    year: z.int(),
    items: z.array(
      z.object({ tenantId: z.string(), name: z.string(), role: z.string(), schemeId: z.enum(SCHEME_IDS), amountFen: z.int(), state: z.enum(['approved', 'paid']), approvedOn: z.string(), paidOn: z.optional(z.string()) }),
    ),
  }),
);
