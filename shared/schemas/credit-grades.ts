/**
 * Credit grades over the API (docs/credit-grading.md): requests of the objection and
 * public-credit routes, the queries, and the response shapes the OpenAPI document and the
 * conformance tests read.
 */
import * as z from 'zod/mini';
import { PUBLIC_RECORD_KINDS } from '../domain/credit/facts';
import { OBJECTION_OUTCOMES } from '../domain/credit/grade-record';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';
import { isCalendarDay } from '../lib/shanghai-day';

export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const GRADE_VALUES = ['5A', '4A', '3A', '2A', '1A'] as const;

const period = () => z.string().check(z.regex(PERIOD_PATTERN, 'must be a month YYYY-MM'));
const day = () => z.string().check(z.refine(isCalendarDay, 'must be a day YYYY-MM-DD'));
/** Free text of a person (a reason, a note): bounded, no control characters. */
const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max), z.regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'));

export const ObjectionRequest = /* @__PURE__ */ defineSchema(() =>
  z.strictObject({
    indicatorId: z.string().check(z.regex(/^[a-z][a-z0-9-]{1,63}$/, 'must be an indicator id of the grade')),
    reason: text(2000),
  }),
);

export const ObjectionDecisionRequest = /* @__PURE__ */ defineSchema(() => z.strictObject({ outcome: z.enum(OBJECTION_OUTCOMES), note: z.optional(text(2000)) }));

/** Points a record may carry: a reward or penalty moves the public-credit dimension (15 points) by at most its size. */
export const MAX_RECORD_POINTS = 15;

export const PublicRecordRequest = /* @__PURE__ */ defineSchema(() =>
  z
    .strictObject({
      tenantId: z.string().check(z.regex(ID_PATTERNS.tenant)),
      kind: z.enum(PUBLIC_RECORD_KINDS),
      points: z.int().check(z.gte(0), z.lte(MAX_RECORD_POINTS)),
      effectiveOn: day(),
      until: z.optional(day()),
      evidenceRef: text(120),
    })
    .check(
      z.refine((r) => (r.kind === 'blacklist' ? r.points === 0 : r.points > 0), {
        message: 'a black-list entry carries 0 points; a reward or penalty at least 1',
        path: ['points'],
      }),
      z.refine((r) => r.until === undefined || r.until >= r.effectiveOn, { message: 'must not be before effectiveOn', path: ['until'] }),
    ),
);

export const PeriodPath = /* @__PURE__ */ defineSchema(() => period());
export const AdminGradesQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ period: period() }));
export const PreviewQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ tenantId: z.string().check(z.regex(ID_PATTERNS.tenant)), period: period() }));
export const TenantQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ tenantId: z.string().check(z.regex(ID_PATTERNS.tenant)) }));
export const PublicGradesQuery = /* @__PURE__ */ defineSchema(() =>
  z.strictObject({
    year: z.string().check(z.regex(/^\d{4}$/, 'must be a year YYYY')),
    grade: z.optional(z.enum(GRADE_VALUES)),
  }),
);

// ---- Responses ------------------------------------------------------------------------

const Indicator = () =>
  z.object({
    id: z.string(),
    label: z.string(),
    value: z.nullable(z.number()),
    normalized: z.number(),
    weight: z.number(),
    points: z.number(),
    direction: z.string(),
  });

const Result = () =>
  z.object({
    modelVersion: z.string(),
    window: z.object({ from: z.string(), to: z.string() }),
    eligible: z.boolean(),
    notGradedReasons: z.array(z.string()),
    score: z.number(),
    grade: z.nullable(z.enum(GRADE_VALUES)),
    cappedAt: z.optional(z.enum(GRADE_VALUES)),
    dimensions: z.array(z.object({ id: z.string(), label: z.string(), weight: z.number(), points: z.number(), indicators: z.array(Indicator()) })),
  });

const ObjectionShape = () => ({
  objectionId: z.string().check(z.regex(ID_PATTERNS.objection)),
  period: z.string(),
  indicatorId: z.string(),
  reason: z.string(),
  status: z.enum(['open', ...OBJECTION_OUTCOMES]),
  filedAt: z.string(),
  decidedAt: z.optional(z.string()),
  note: z.optional(z.string()),
});

export const ObjectionView = /* @__PURE__ */ defineSchema(() => z.object(ObjectionShape()));

const SummaryShape = () => ({
  tenantId: z.string(),
  period: z.string(),
  modelVersion: z.string(),
  revision: z.int(),
  grade: z.nullable(z.enum(GRADE_VALUES)),
  score: z.number(),
  eligible: z.boolean(),
  notGradedReasons: z.array(z.string()),
  gradedAt: z.string(),
});

export const GradeSummaryView = /* @__PURE__ */ defineSchema(() => z.object(SummaryShape()));
export const ObjectionAnswerView = /* @__PURE__ */ defineSchema(() => z.object({ objection: z.object(ObjectionShape()), grade: z.object(SummaryShape()) }));

/** A grade with its breakdown, inputs and hash (the enterprise's own, or any for an admin). */
export const GradeView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    ...SummaryShape(),
    enterpriseName: z.string(),
    inputsHash: z.string(),
    result: Result(),
    inputs: z.record(z.string(), z.unknown()),
    objections: z.array(z.object(ObjectionShape())),
    trace: z.array(z.record(z.string(), z.unknown())),
  }),
);

export const GradeListView = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(z.object(SummaryShape())) }));
export const PreviewView = /* @__PURE__ */ defineSchema(() => z.object({ tenantId: z.string(), period: z.string(), inputsHash: z.string(), result: Result(), inputs: z.record(z.string(), z.unknown()) }));

export const PublishedGradeView = /* @__PURE__ */ defineSchema(() =>
  z.object({ tenantId: z.string(), enterpriseName: z.string(), period: z.string(), grade: z.enum(GRADE_VALUES), score: z.number(), modelVersion: z.string() }),
);
export const PublishedGradeListView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    year: z.string(),
    distribution: z.object({ '5A': z.int(), '4A': z.int(), '3A': z.int(), '2A': z.int(), '1A': z.int() }),
    items: z.array(z.object({ tenantId: z.string(), enterpriseName: z.string(), period: z.string(), grade: z.enum(GRADE_VALUES), score: z.number(), modelVersion: z.string() })),
  }),
);

export const PublicRecordView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    recordId: z.string().check(z.regex(ID_PATTERNS.creditRecord)),
    tenantId: z.string(),
    kind: z.enum(PUBLIC_RECORD_KINDS),
    points: z.int(),
    effectiveOn: z.string(),
    until: z.optional(z.string()),
    evidenceRef: z.string(),
    recordedAt: z.string(),
    revokedAt: z.optional(z.string()),
  }),
);
export const PublicRecordListView = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(PublicRecordView) }));
