/**
 * What the per-area OpenAPI builders (openapi-complaints.ts, openapi-workers.ts,
 * openapi-certificates.ts) share: the helpers openapi.ts hands them, and query parameters
 * from a zod object's JSON Schema. One way to write a response or a parameter.
 */
import type * as z from 'zod/mini';

export type Json = Record<string, unknown>;

export interface OpenApiHelpers {
  schema: (s: z.ZodMiniType) => Json;
  ref: (name: string) => Json;
  ok: (description: string, name: string) => Json;
  problem: (description: string) => Json;
  common: Record<string, Json>;
  pathId: (name: string, description: string) => Json;
  idempotencyKeyHeader: Json;
}

export const queryParameters = (schema: Json) =>
  Object.entries((schema as { properties: Record<string, Json> }).properties).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
