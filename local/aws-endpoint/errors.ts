/**
 * The base of each local endpoint's error class. A service's errors differ in their table
 * (which kinds exist, their HTTP status, their wire names), not in what an error is: a kind
 * the SDK turns into `err.name`, a status, and AWS's message. The tables stay in the
 * service folders (local/sqs/errors.ts, local/kms/errors.ts, local/eventbridge/errors.ts).
 */
export abstract class AwsEndpointError<Kind extends string = string> extends Error {
  constructor(
    readonly kind: Kind,
    message: string,
  ) {
    super(message);
    this.name = kind;
  }

  /** HTTP status of the error response; 5xx means the endpoint has a bug (see failureLine). */
  abstract get status(): number;

  /** `__type` of a JSON error body: the kind, unless the service's model names it otherwise. */
  get jsonType(): string {
    return this.kind;
  }
}

/** The log line for a request that failed with a 5xx: a bug, so the stack is kept. */
export function failureLine(prefix: string, action: string, err: unknown): string {
  return `${prefix}${action || 'request'} failed: ${(err as Error).stack ?? String(err)}`;
}
