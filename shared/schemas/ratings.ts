/**
 * The rating summaries' response shapes (GET /v1/ratings/summary, GET
 * /v1/workers/{workerId}/ratings/summary, and `enterpriseRating` on the public certificate
 * check). Read models kept by the rating's own transaction (store/ratings-repository.ts).
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';

const Summary = () => ({
  count: z.int(),
  /** Mean stars, two decimals; absent while nothing is rated. */
  average: z.optional(z.number()),
  distribution: z.object({ '1': z.int(), '2': z.int(), '3': z.int(), '4': z.int(), '5': z.int() }),
});

export const RatingSummaryView = /* @__PURE__ */ defineSchema(() => z.object(Summary()));
export const EnterpriseRatingSummaryView = /* @__PURE__ */ defineSchema(() => z.object({ tenantId: z.string(), ...Summary() }));
export const WorkerRatingSummaryView = /* @__PURE__ */ defineSchema(() => z.object({ workerId: z.string(), ...Summary() }));
