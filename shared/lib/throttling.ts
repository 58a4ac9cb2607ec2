/**
 * Whether an AWS SDK error says "too much, try again later": the call was refused before
 * it changed anything, so the caller may safely repeat it. The SDK already retried such an
 * error a few times with backoff before it reached the code; what gets through is answered
 * 503 `unavailable` at the HTTP edge (a queued record is simply retried by SQS).
 *
 * The names are the throttling codes the SDK's retry strategy itself recognises (its
 * THROTTLING_ERROR_CODES, copied: the module is not a dependency of this project)
 * (DynamoDB's ProvisionedThroughputExceededException and RequestLimitExceeded among them);
 * a transaction DynamoDB cancelled only because one of its items was throttled counts too.
 * Matching names is deliberate: a modelled error class per client would tie this module to
 * every client package.
 */
const THROTTLING_NAMES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** Cancellation reasons of a TransactWriteItems that was refused for capacity alone. */
const THROTTLED_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded']);

export function isThrottling(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const e = error as {
    name?: unknown;
    $retryable?: { throttling?: boolean };
    $metadata?: { httpStatusCode?: number };
    CancellationReasons?: { Code?: string }[];
  };
  if (e.$retryable?.throttling === true || e.$metadata?.httpStatusCode === 429) return true;
  if (typeof e.name !== 'string') return false;
  if (THROTTLING_NAMES.has(e.name)) return true;
  if (e.name === 'TransactionCanceledException' && Array.isArray(e.CancellationReasons)) {
    const codes = e.CancellationReasons.map((r) => r?.Code ?? 'None').filter((code) => code !== 'None');
    return codes.length > 0 && codes.every((code) => THROTTLED_REASONS.has(code));
  }
  return false;
}
