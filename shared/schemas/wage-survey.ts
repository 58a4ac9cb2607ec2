/**
 * The wage survey over the API (docs/wage-survey.md): a pay report, the enterprise's list of
 * its reports, and the published table. Amounts are integer fen; a pay report outside the
 * plausibility bounds of its pay type is refused with 422.
 */
import * as z from 'zod/mini';
import { EXPERIENCE_BANDS, isPlausiblePay, PAY_BOUNDS_FEN, PAY_TYPES, POSTS } from '../domain/wage-survey/catalogue';
import { SERVICE_MODES, SERVICE_TYPES } from './order';
import { INSUFFICIENT } from '../domain/wage-survey/publication';
import { YEAR_PATTERN } from '../domain/wage-survey/survey-year';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';

const year = () => z.string().check(z.regex(YEAR_PATTERN, 'must be a year YYYY'));
const yuan = (fen: number) => (fen / 100).toLocaleString('en-US');
const boundsText = (payType: (typeof PAY_TYPES)[number]) =>
  `${payType} pay ${PAY_BOUNDS_FEN[payType].min}–${PAY_BOUNDS_FEN[payType].max} fen (${yuan(PAY_BOUNDS_FEN[payType].min)}–${yuan(PAY_BOUNDS_FEN[payType].max)} yuan)`;

/** POST /v1/wage-reports: one worker's pay for one survey year. */
export const WageReportRequest = /* @__PURE__ */ defineSchema(() =>
  z
    .strictObject({
      /** The worker by id, never by name. */
      workerId: z.string().check(z.regex(ID_PATTERNS.worker, 'must be a worker id')),
      year: year(),
      post: z.enum(POSTS),
      experienceBand: z.enum(EXPERIENCE_BANDS),
      payType: z.enum(PAY_TYPES),
      /** Monthly pay, or pay per hour, before tax, integer fen. */
      amountFen: z.int().check(z.positive()),
    })
    .check(z.refine((r) => isPlausiblePay(r.payType, r.amountFen), { message: `outside the plausible range: ${boundsText('monthly')}, ${boundsText('hourly')}`, path: ['amountFen'] })),
);
export type WageReportRequest = z.infer<typeof WageReportRequest>;

/**
 * PUT /v1/wage-reports/{reportId}: the report's cell and amount as they should have been, at
 * the version read. The worker and the year are the report's identity: another worker or
 * year is a withdrawal and a new report.
 */
export const WageReportCorrection = /* @__PURE__ */ defineSchema(() =>
  z
    .strictObject({
      /** The version the correction was decided on (the report as listed or answered): a stale one is refused (409). */
      version: z.int().check(z.gte(1)),
      post: z.enum(POSTS),
      experienceBand: z.enum(EXPERIENCE_BANDS),
      payType: z.enum(PAY_TYPES),
      amountFen: z.int().check(z.positive()),
    })
    .check(z.refine((r) => isPlausiblePay(r.payType, r.amountFen), { message: `outside the plausible range: ${boundsText('monthly')}, ${boundsText('hourly')}`, path: ['amountFen'] })),
);
export type WageReportCorrection = z.infer<typeof WageReportCorrection>;

export const WageReportsQuery = /* @__PURE__ */ defineSchema(() =>
  z.strictObject({
    year: year(),
    /** Admin only: the enterprise to read. */
    tenantId: z.optional(z.string().check(z.regex(ID_PATTERNS.tenant))),
    limit: z.optional(z.string().check(z.regex(/^(?:[1-9]\d?|100)$/, 'must be an integer from 1 to 100'))),
    cursor: z.optional(z.string().check(z.maxLength(512))),
  }),
);

export const PublicWageSurveyQuery = /* @__PURE__ */ defineSchema(() => z.strictObject({ year: year() }));

// ---- Responses ------------------------------------------------------------------------

export const WageReportView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    reportId: z.string(),
    workerId: z.string(),
    year: z.string(),
    post: z.enum(POSTS),
    experienceBand: z.enum(EXPERIENCE_BANDS),
    payType: z.enum(PAY_TYPES),
    amountFen: z.int(),
    reportedAt: z.string(),
    /** 1 when reported, one more per correction or withdrawal: what a correction names. */
    version: z.int(),
    correctedAt: z.optional(z.string()),
    /** Set once the report is withdrawn: it no longer counts, and is no longer listed. */
    withdrawnAt: z.optional(z.string()),
  }),
);

export const WageReportPage = /* @__PURE__ */ defineSchema(() => z.object({ items: z.array(WageReportView), nextCursor: z.optional(z.string()) }));

const figures = () =>
  z.union([
    z.object({ lowFen: z.int(), medianFen: z.int(), highFen: z.int(), reports: z.int(), enterprises: z.int() }),
    z.literal(INSUFFICIENT),
  ]);

export const PublishedWageSurveyView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    year: z.string(),
    /** When the publication job computed this table. */
    computedAt: z.string(),
    method: z.object({ low: z.literal('P10'), median: z.literal('P50'), high: z.literal('P90'), definition: z.string() }),
    withholding: z.object({ minReports: z.int(), minEnterprises: z.int() }),
    wages: z.array(
      z.object({
        post: z.enum(POSTS),
        postLabel: z.string(),
        experienceBand: z.enum(EXPERIENCE_BANDS),
        experienceBandLabel: z.string(),
        payType: z.enum(PAY_TYPES),
        figures: figures(),
      }),
    ),
    prices: z.array(
      z.object({
        serviceType: z.enum(SERVICE_TYPES),
        serviceTypeLabel: z.string(),
        mode: z.enum(SERVICE_MODES),
        unit: z.enum(['hour', 'day']),
        figures: figures(),
      }),
    ),
  }),
);
