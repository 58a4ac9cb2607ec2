/**
 * A dependency that throttles past the SDK's own retries is answered 503 `unavailable`
 * (safe to repeat with the same Idempotency-Key), never 500: DynamoDB says so with
 * ProvisionedThroughputExceededException, whose name has no "Throttl" in it.
 */
import { describe, expect, it } from 'vitest';
import { ProvisionedThroughputExceededException, RequestLimitExceeded, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { httpHandler } from '../../shared/lib/http';
import { isThrottling } from '../../shared/lib/throttling';
import { apiEvent } from '../support/api-event';

const meta = { $metadata: {} };
const throwing = (error: unknown) =>
  httpHandler(async () => {
    throw error;
  });
const event = apiEvent({
  method: 'POST',
  routeKey: 'POST /v1/orders',
  path: '/v1/orders',
  caller: { tenantId: 'ten_a', role: 'enterprise', keyId: 'key_a' },
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- middy's handler takes a Lambda context it does not use here
const call = (handler: ReturnType<typeof throwing>) => handler(event, {} as any);

describe('the HTTP edge under throttling', () => {
  it('answers 503 unavailable to ProvisionedThroughputExceededException', async () => {
    const res = await call(throwing(new ProvisionedThroughputExceededException({ message: 'over capacity', ...meta })));
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body!)).toMatchObject({ type: expect.stringMatching(/\/problems\/unavailable$/), status: 503 });
  });

  it('answers 503 to RequestLimitExceeded and to a transaction cancelled for throttling only', async () => {
    expect((await call(throwing(new RequestLimitExceeded({ message: 'account limit', ...meta })))).statusCode).toBe(503);
    const cancelled = new TransactionCanceledException({
      message: 'cancelled',
      ...meta,
      CancellationReasons: [{ Code: 'None' }, { Code: 'ThrottlingError' }],
    });
    expect((await call(throwing(cancelled))).statusCode).toBe(503);
  });

  it('still answers 500 to an error that is not throttling', async () => {
    expect((await call(throwing(new Error('boom')))).statusCode).toBe(500);
    const conditional = new TransactionCanceledException({ message: 'cancelled', ...meta, CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'ConditionalCheckFailed' }] });
    expect(isThrottling(conditional)).toBe(false);
  });

  it('reads the SDK markers as well as the names', () => {
    expect(isThrottling({ name: 'Whatever', $retryable: { throttling: true } })).toBe(true);
    expect(isThrottling({ name: 'Whatever', $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isThrottling(undefined)).toBe(false);
    expect(isThrottling('ThrottlingException')).toBe(false);
  });
});
