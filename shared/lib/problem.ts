/**
 * RFC 9457 problem details. Every error a client sees leaves through here, so no stack
 * trace, class name or table name can reach a response. Problem types are relative URIs,
 * listed in problem-types.ts and documented in docs/problems.md.
 */
import type { ConflictSlug, ProblemSlug } from './problem-types';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: ProblemSlug,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }

  body(instance?: string): ProblemBody {
    return {
      type: `/problems/${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

/** One invalid field, addressed by a JSON Pointer (RFC 6901) into the request body. */
export interface FieldError {
  pointer: string;
  detail: string;
}

export const problems = {
  malformedRequest: (detail: string) => new Problem(400, 'malformed-request', 'Malformed request', detail),
  validation: (errors: FieldError[]) =>
    new Problem(422, 'validation-error', 'Request failed validation', 'One or more fields are invalid.', { errors }),
  invalidQuery: (errors: FieldError[]) =>
    new Problem(400, 'invalid-query', 'Invalid query parameters', 'One or more query parameters are invalid.', { errors }),
  /** A list cursor not issued for this list (other bounds, filter or tenant), or edited or made up (shared/lib/cursor.ts). */
  invalidCursor: () =>
    new Problem(400, 'invalid-cursor', 'Invalid cursor', 'This cursor does not continue this list: list again without a cursor.', {
      errors: [{ pointer: '/cursor', detail: 'is not a cursor this list issued' }],
    }),
  unauthenticated: () => new Problem(401, 'unauthenticated', 'Unauthenticated', 'A valid API key is required.'),
  forbidden: (detail: string) => new Problem(403, 'forbidden', 'Forbidden', detail),
  notFound: (what: string) => new Problem(404, 'not-found', 'Not found', `${what} was not found.`),
  /** No route of the API has this method and path (the `$default` route, functions/http/no-route.ts). */
  noRoute: () => new Problem(404, 'not-found', 'Not found', 'No operation of this API has this method and path.'),
  idempotencyKeyReused: () =>
    new Problem(
      422,
      'idempotency-key-reused',
      'Idempotency key reused',
      'This Idempotency-Key was already used with a different request body.',
    ),
  payloadTooLarge: (limit: number) =>
    new Problem(413, 'payload-too-large', 'Payload too large', `The request body exceeds ${limit} bytes.`),
  unsupportedMediaType: () =>
    new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the body as application/json.'),
  conflict: (slug: ConflictSlug, title: string, detail: string) => new Problem(409, slug, title, detail),
  invalidToken: () =>
    new Problem(401, 'invalid-token', 'Invalid or expired link', 'This rating link is not valid or has expired.'),
  /** An order or a check-in names a station that is not registered, or is closed. */
  stationNotActive: (stationId: string, known: boolean, pointer: string) => {
    const detail = known ? `Station ${stationId} is closed.` : `No station ${stationId} is registered in the programme.`;
    return new Problem(422, 'station-not-active', 'Station not active', detail, { errors: [{ pointer, detail: known ? 'names a closed station' : 'names no registered station' }] });
  },
  tooManyRequests: (retryAfterSeconds: number) =>
    new Problem(429, 'too-many-requests', 'Too many requests', `Too many lookups; retry in ${retryAfterSeconds} s.`, { retryAfter: retryAfterSeconds }),
  internal: () =>
    new Problem(500, 'internal-error', 'Internal error', 'The request could not be completed. It is safe to retry.'),
  unavailable: () =>
    new Problem(503, 'unavailable', 'Service unavailable', 'A dependency is temporarily unavailable. Retry later.'),
};
