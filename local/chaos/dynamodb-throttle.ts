/**
 * DynamoDB throttling for chaos mode: a guard of the one front in front of DynamoDB Local
 * (local/dynamodb/front.ts) that answers a share of calls the way DynamoDB answers a call
 * over its table's capacity — HTTP 400 with the JSON protocol's error document, `__type`
 * `com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
 *
 * A throttled call is refused before it is forwarded, so it changed nothing: a
 * TransactWriteItems is never half applied, and the SDK's own retries (it retries this
 * error with backoff) see exactly what they would see in AWS. The rest pass on unchanged.
 * The front runs only when a guard needs it, so a normal run pays nothing.
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDbGuard } from '../dynamodb/front';
import type { Random } from './random';

const TYPE = 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException';
const MESSAGE =
  'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';

export interface ThrottleGuard {
  guard: DynamoDbGuard;
  /** Calls seen and calls throttled, by operation. */
  counts(): { calls: number; throttled: number; byOperation: Record<string, { calls: number; throttled: number }> };
}

export function throttleGuard(opts: { rate: number; random: Random }): ThrottleGuard {
  let calls = 0;
  let throttled = 0;
  const byOperation: Record<string, { calls: number; throttled: number }> = {};
  return {
    guard: (req) => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const op = target.split('.')[1] ?? 'unknown';
      const tally = (byOperation[op] ??= { calls: 0, throttled: 0 });
      calls++;
      tally.calls++;
      if (opts.random() >= opts.rate) return undefined;
      throttled++;
      tally.throttled++;
      return {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() },
        body: Buffer.from(JSON.stringify({ __type: TYPE, message: MESSAGE })),
      };
    },
    counts: () => ({ calls, throttled, byOperation: structuredClone(byOperation) }),
  };
}
