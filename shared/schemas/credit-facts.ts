/**
 * GET /v1/credit/facts: the query (a range of at most MAX_FACTS_MONTHS months) and the
 * answer — an enterprise's monthly credit counters (domain/credit/facts.ts), every month of
 * the range, oldest first.
 */
import * as z from 'zod/mini';
import { ENTERPRISE_MONTH_COUNTERS } from '../domain/credit/facts';
import { addMonths, isPeriod } from '../domain/credit/period';
import { defineSchema } from '../lib/define-schema';
import { ID_PATTERNS } from '../lib/ids';

/** A range spans at most two years: what a grade window and its year before need, and a bounded answer. */
export const MAX_FACTS_MONTHS = 24;

const period = () => z.string().check(z.refine(isPeriod, 'must be a month YYYY-MM'));

export const CreditFactsQuery = /* @__PURE__ */ defineSchema(() =>
  z
    .strictObject({
      from: period(),
      to: period(),
      /** Admin only: the enterprise to read. */
      tenantId: z.optional(z.string().check(z.regex(ID_PATTERNS.tenant))),
    })
    // zod runs an object's checks even when a field failed its own: the range is judged only between two months.
    .check(
      z.refine((q) => !isPeriod(q.from) || !isPeriod(q.to) || q.from <= q.to, { message: 'must not be before from', path: ['to'] }),
      z.refine((q) => !isPeriod(q.from) || !isPeriod(q.to) || q.from > q.to || q.to <= addMonths(q.from, MAX_FACTS_MONTHS - 1), { message: `a range spans at most ${MAX_FACTS_MONTHS} months`, path: ['to'] }),
    ),
);
export type CreditFactsQuery = z.infer<typeof CreditFactsQuery>;

/** Counts are integers; the one sum of hours is not. */
const counterSchema = (counter: string) => (counter === 'complaintResolutionHoursSum' ? z.number().check(z.gte(0)) : z.int().check(z.gte(0)));

export const EnterpriseMonthFactsView = /* @__PURE__ */ defineSchema(() =>
  z.object({ period: z.string(), ...Object.fromEntries(ENTERPRISE_MONTH_COUNTERS.map((c) => [c, counterSchema(c)])) }),
);

export const CreditFactsView = /* @__PURE__ */ defineSchema(() =>
  z.object({ tenantId: z.string(), from: z.string(), to: z.string(), months: z.array(EnterpriseMonthFactsView) }),
);
