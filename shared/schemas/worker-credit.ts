/** GET /v1/workers/{workerId}/credit: a worker's stars with the breakdown (docs/credit-grading.md). */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';

export const WorkerCreditView = /* @__PURE__ */ defineSchema(() =>
  z.object({
    modelVersion: z.string(),
    workerId: z.string(),
    asOf: z.string(),
    stars: z.int().check(z.gte(1), z.lte(5)),
    score: z.number(),
    indicators: z.array(z.object({ id: z.string(), label: z.string(), value: z.nullable(z.number()), normalized: z.number(), weight: z.number(), points: z.number(), direction: z.string() })),
  }),
);
