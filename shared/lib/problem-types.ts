/**
 * Every problem type Anxin answers with, and its status: a Problem's slug is typed against
 * this list, and docs/problems.md documents exactly it (test/unit/problem-types.test.ts).
 */
export const PROBLEM_TYPES = {
  'malformed-request': 400,
  'invalid-query': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'validation-error': 422,
  'idempotency-key-reused': 422,
  'invalid-token': 401,
  'order-already-rated': 409,
  'order-not-completed': 409,
  'rating-token-used': 409,
  'complaint-token-used': 409,
  'worker-employed-elsewhere': 409,
  'not-employed': 409,
  'consent-not-granted': 409,
  'consent-required': 409,
  'employment-term-unchanged': 409,
  'worker-not-registered': 422,
  'certificate-transition-not-allowed': 409,
  'webhook-changed': 409,
  'policy-number-taken': 409,
  'policy-cancelled': 409,
  'enrolment-overlap': 409,
  'credit-objection-open': 409,
  'objection-decided': 409,
  'station-exists': 409,
  'station-changed': 409,
  'station-closed': 409,
  'station-not-closed': 409,
  'station-not-active': 422,
  'wage-report-exists': 409,
  'wage-report-changed': 409,
  'wage-report-withdrawn': 409,
  'wage-survey-year-closed': 409,
  'too-many-requests': 429,
  unavailable: 503,
  'internal-error': 500,
} as const;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

/** The slugs a 409 is answered with. */
export type ConflictSlug = { [S in ProblemSlug]: (typeof PROBLEM_TYPES)[S] extends 409 ? S : never }[ProblemSlug];
