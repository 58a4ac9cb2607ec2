import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';

/** RFC 9457 problem details as the API returns them (for the OpenAPI document). */
export const ProblemSchema = /* @__PURE__ */ defineSchema(() => z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  errors: z.optional(z.array(z.object({ pointer: z.string(), detail: z.string() }))),
}));
