/**
 * local/lambda-api without HTTP: which function a FunctionName means (name, partial ARN,
 * ARN, qualifiers), the Invoke route and invocation types, payload limits, and how a
 * host's InvokeResult becomes Lambda's answer (200, X-Amz-Function-Error, 413, 429).
 */
import { describe, expect, it } from 'vitest';
import { LambdaApiError } from '../../local/lambda-api';
import { parseFunctionName, resolveFunction } from '../../local/lambda-api/function-name';
import { ASYNC_PAYLOAD_LIMIT_BYTES, parseInvoke, parsePayload } from '../../local/lambda-api/invoke-request';
import { errorResponse, syncResponse } from '../../local/lambda-api/invoke-response';
import { PAYLOAD_LIMIT_BYTES } from '../../local/lambda';
import type { LocalFunction } from '../../local/topology';
import { thrownBy } from '../support/thrown';

const NAME = 'anxin-dev-credit-grading';
const ARN = `arn:aws:lambda:us-east-1:000000000000:function:${NAME}`;
const SCOPE = { partition: 'aws', region: 'us-east-1', accountId: '000000000000' };
const FN = { logicalId: 'CreditGradingFunctionAD999AC4', functionName: NAME, arn: ARN } as LocalFunction;

function thrown(f: () => unknown): LambdaApiError {
  const error = thrownBy(f);
  if (!(error instanceof LambdaApiError)) throw new Error(`expected a LambdaApiError, got ${String(error)}`);
  return error;
}

const resolve = (raw: string, qualifier?: string) => resolveFunction([FN], parseFunctionName(raw, qualifier), SCOPE);

describe('FunctionName', () => {
  it('resolves a name, a partial ARN and an ARN, with or without $LATEST', () => {
    for (const raw of [NAME, `000000000000:function:${NAME}`, ARN, `${NAME}:$LATEST`, `${ARN}:$LATEST`]) expect(resolve(raw)).toBe(FN);
    expect(resolve(NAME, '$LATEST')).toBe(FN);
  });

  it('answers 404 with the ARN Lambda names for an unknown function, another account or Region, or a version that does not exist', () => {
    expect(thrown(() => resolve('nope'))).toMatchObject({ kind: 'ResourceNotFoundException', status: 404, message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope' });
    expect(thrown(() => resolve(`111111111111:function:${NAME}`)).message).toBe(`Function not found: arn:aws:lambda:us-east-1:111111111111:function:${NAME}`);
    expect(thrown(() => resolve(ARN.replace('us-east-1', 'eu-west-1'))).kind).toBe('ResourceNotFoundException');
    expect(thrown(() => resolve(`${NAME}:prod`)).message).toBe(`Function not found: ${ARN}:prod`);
    expect(thrown(() => resolve(NAME, '1')).message).toBe(`Function not found: ${ARN}:1`);
  });

  it('refuses malformed names and a qualifier that contradicts the one in the name', () => {
    for (const raw of ['', 'a/b', `${NAME}:1:2`, 'arn:aws:s3:::bucket', `${NAME}:`]) expect(thrown(() => resolve(raw)).kind).toBe('ValidationException');
    expect(thrown(() => resolve(`${NAME}:$LATEST`, 'prod'))).toMatchObject({ kind: 'InvalidParameterValueException', status: 400 });
  });
});

describe('the Invoke request', () => {
  const path = `/2015-03-31/functions/${encodeURIComponent(ARN)}/invocations`;

  it('reads the function (URL-encoded), the Qualifier parameter and the invocation type (RequestResponse by default)', () => {
    expect(parseInvoke('POST', path, undefined)).toEqual({ ref: { name: NAME, partition: 'aws', region: 'us-east-1', account: '000000000000' }, type: 'RequestResponse' });
    expect(parseInvoke('POST', `/2015-03-31/functions/${NAME}/invocations?Qualifier=%24LATEST`, 'Event')).toEqual({ ref: { name: NAME, qualifier: '$LATEST' }, type: 'Event' });
    expect(parseInvoke('POST', `/2015-03-31/functions/${NAME}/invocations`, 'DryRun').type).toBe('DryRun');
  });

  it('serves Invoke only, and refuses an unknown invocation type', () => {
    expect(thrown(() => parseInvoke('GET', path, undefined))).toMatchObject({ kind: 'UnknownOperationException', status: 404 });
    expect(thrown(() => parseInvoke('POST', '/2015-03-31/functions', undefined)).kind).toBe('UnknownOperationException');
    expect(thrown(() => parseInvoke('POST', path, 'event')).kind).toBe('ValidationException');
  });

  it('takes any JSON value as the event, an empty body as {}, and refuses what is not JSON or too large for its type', () => {
    expect(parsePayload(Buffer.from('{"period":"2026-11"}'), 'RequestResponse')).toEqual({ period: '2026-11' });
    expect(parsePayload(Buffer.from('42'), 'RequestResponse')).toBe(42);
    expect(parsePayload(Buffer.alloc(0), 'RequestResponse')).toEqual({});
    expect(thrown(() => parsePayload(Buffer.from('{nope'), 'RequestResponse'))).toMatchObject({ kind: 'InvalidRequestContentException', status: 400 });
    const event = (bytes: number) => Buffer.from(`"${'x'.repeat(bytes - 2)}"`);
    expect(parsePayload(event(PAYLOAD_LIMIT_BYTES), 'RequestResponse')).toHaveLength(PAYLOAD_LIMIT_BYTES - 2);
    expect(thrown(() => parsePayload(event(PAYLOAD_LIMIT_BYTES + 1), 'RequestResponse'))).toMatchObject({
      kind: 'RequestEntityTooLargeException',
      status: 413,
      message: `Request must be smaller than ${PAYLOAD_LIMIT_BYTES} bytes for the InvokeFunction operation`,
    });
    expect(parsePayload(event(ASYNC_PAYLOAD_LIMIT_BYTES), 'Event')).toBeTypeOf('string');
    expect(thrown(() => parsePayload(event(ASYNC_PAYLOAD_LIMIT_BYTES + 1), 'Event')).status).toBe(413);
  });
});

describe('the Invoke answer', () => {
  const timing = { requestId: 'req-1', durationMs: 12.5, coldStart: false };

  it('is the result as JSON, with the request id the handler saw and $LATEST', () => {
    expect(syncResponse({ ok: true, ...timing, result: { graded: 3 } })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1', 'x-amz-executed-version': '$LATEST' },
      body: '{"graded":3}',
    });
    expect(syncResponse({ ok: true, ...timing, result: null }).body).toBe('null');
  });

  it("is still a 200 when the handler failed: X-Amz-Function-Error and the runtime's error body", () => {
    const res = syncResponse({ ok: false, ...timing, error: { errorType: 'Error', errorMessage: 'boom', stack: ['Error: boom', '    at handler'] } });
    expect(res.status).toBe(200);
    expect(res.headers['x-amz-function-error']).toBe('Unhandled');
    expect(JSON.parse(res.body)).toEqual({ errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom', '    at handler'] });
    // An error of a throttle's name that the handler threw (it ran: it took time) is the handler's.
    expect(syncResponse({ ok: false, ...timing, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' } }).status).toBe(200);
  });

  it("turns the host's refusals into Lambda's API errors", () => {
    const refused = { requestId: 'req-2', durationMs: 0, coldStart: false, ok: false as const };
    const throttled = syncResponse({ ...refused, error: { errorType: 'TooManyRequestsException', errorMessage: 'Rate Exceeded.' } });
    expect(throttled.status).toBe(429);
    expect(throttled.headers['x-amzn-errortype']).toBe('TooManyRequestsException');
    expect(JSON.parse(throttled.body)).toEqual({ Type: 'User', Message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
    const tooLarge = syncResponse({ ...refused, error: { errorType: 'RequestEntityTooLargeException', errorMessage: `Request must be smaller than ${PAYLOAD_LIMIT_BYTES} bytes for the InvokeFunction operation` } });
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.body).Message).toContain(String(PAYLOAD_LIMIT_BYTES));
  });

  it('writes API errors as Lambda does: status, x-amzn-ErrorType, {Type, Message}', () => {
    const res = errorResponse(new LambdaApiError('ResourceNotFoundException', 'Function not found: x'), 'req-3');
    expect(res).toEqual({
      status: 404,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req-3', 'x-amzn-errortype': 'ResourceNotFoundException' },
      body: '{"Type":"User","Message":"Function not found: x"}',
    });
  });
});
