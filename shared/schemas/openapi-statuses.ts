/**
 * The statuses every operation can answer whatever its own ones are, added to the
 * document in one place so no operation can miss them (docs/conventions.md "Inputs: strict
 * zod"; the contract test in test/unit/openapi-conformance.test.ts holds every operation
 * to this):
 *
 * - with a request body (`parseBody`): 400 (not JSON, a missing Idempotency-Key), 413 (over
 *   16 KiB), 415 (not application/json), 422 (fields, text that is not well-formed);
 * - with query parameters (`parseQuery`): 400 (a bad parameter or list cursor);
 * - behind the API key (every operation without `security: []`): API Gateway's own 401
 *   and 403, which are `application/json` `{"message": …}` and not problem documents —
 *   403 may also be the handler's problem when the key's role may not do this;
 * - every operation: 503 (`unavailable`) when DynamoDB throttles past the SDK's retries or
 *   a write keeps meeting conflicting ones — safe to repeat (with the same Idempotency-Key).
 *
 * An operation's own description of one of these statuses is kept, and the media types
 * above are merged into it.
 */
import type { Json } from './openapi-helpers';

interface Operation {
  requestBody?: unknown;
  parameters?: { in?: string }[];
  security?: unknown[];
  responses: Record<string, { description: string; content?: Record<string, Json> }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The `{"message": "…"}` body API Gateway answers with itself. */
export const GATEWAY_MESSAGE_SCHEMA: Json = {
  type: 'object',
  description: "API Gateway's own answer, before any Anxin code runs (not a problem document).",
  properties: { message: { type: 'string', examples: ['Unauthorized', 'Forbidden'] } },
  required: ['message'],
};

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
const gatewayContent = { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } };

const BODY: Record<string, string> = {
  '400': 'The body is not JSON, or a required header (Idempotency-Key) is missing or malformed.',
  '413': 'Body larger than 16 KiB.',
  '415': 'Body is not application/json.',
  '422': 'Fields failed validation (`errors[]` names each by JSON Pointer), text that is not well-formed Unicode or holds control characters among them.',
};
const QUERY_400 = 'Invalid query parameters (`invalid-query`) or a list cursor that does not continue this list (`invalid-cursor`).';
const UNAVAILABLE_503 = 'A dependency is busy (throttled, or a write kept meeting conflicting ones): nothing was changed, or what was is answered again on a repeat. Retry later; a command with the same Idempotency-Key.';
const GATEWAY: Record<string, string> = {
  '401': 'No API key was sent: API Gateway answers `{"message":"Unauthorized"}` itself.',
  '403': 'The API key is unknown, revoked or wrong: API Gateway answers `{"message":"Forbidden"}` itself; or (problem+json) the key\'s role may not do this.',
};

function add(operation: Operation, status: string, description: string, content: Record<string, Json>): void {
  const own = operation.responses[status];
  if (!own) operation.responses[status] = { description, content: { ...content } };
  else own.content = { ...content, ...own.content };
}

/** Adds the statuses above to every operation of `paths`, in place; returns `paths`. */
export function withCommonStatuses<T extends Record<string, Record<string, unknown>>>(paths: T): T {
  for (const item of Object.values(paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (!operation) continue;
      if (operation.requestBody) for (const [status, description] of Object.entries(BODY)) add(operation, status, description, problemContent);
      if (operation.parameters?.some((p) => p.in === 'query')) add(operation, '400', QUERY_400, problemContent);
      add(operation, '503', UNAVAILABLE_503, problemContent);
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      if (!isPublic) {
        add(operation, '401', GATEWAY['401']!, gatewayContent);
        add(operation, '403', GATEWAY['403']!, { ...gatewayContent, ...problemContent });
      }
    }
  }
  return paths;
}
