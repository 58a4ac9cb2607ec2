/**
 * What happens after a failed webhook attempt. Pure.
 *
 * The attempt number is the SQS message's ApproximateReceiveCount: the first delivery is
 * attempt 1, and each retry is the same message received again after the dispatcher moved
 * its visibility timeout to the next delay. Attempt n (n <= delays) is followed by a wait
 * of delays[n-1]; the attempt after the last delay is the last one, after which the
 * message becomes visible at once and SQS moves it to the DLQ on its next receive
 * (maxReceiveCount = attempts).
 */
export type AfterFailure =
  | { kind: 'retry'; attempt: number; attempts: number; delaySeconds: number }
  | { kind: 'dead-letter'; attempt: number; attempts: number };

export function afterFailedAttempt(attempt: number, retryDelaysSeconds: readonly number[]): AfterFailure {
  const attempts = retryDelaysSeconds.length + 1;
  const n = Number.isInteger(attempt) && attempt >= 1 ? attempt : 1;
  if (n > retryDelaysSeconds.length) return { kind: 'dead-letter', attempt: n, attempts };
  return { kind: 'retry', attempt: n, attempts, delaySeconds: retryDelaysSeconds[n - 1]! };
}

/** When each attempt starts, in seconds after the first (ignoring the attempts' own duration). */
export function attemptStartTimes(retryDelaysSeconds: readonly number[]): number[] {
  const times = [0];
  for (const delay of retryDelaysSeconds) times.push(times.at(-1)! + delay);
  return times;
}
