/** The local HTTP API's authorizer cache, with a fake clock and a fake invoke. */
import { describe, expect, it } from 'vitest';
import { LambdaAuthorizer } from '../../local/http-api/authorizer';
import type { EventScope } from '../../local/http-api/event';
import type { ApiRequest } from '../../local/http-api/request';
import type { InvokeResult } from '../../local/lambda';

const scope: EventScope = { accountId: '000000000000', apiId: 'api', stage: '$default', routeKey: 'GET /x' };
const request = (authorization?: string): ApiRequest => ({
  requestId: 'r',
  time: new Date(0),
  method: 'GET',
  rawPath: '/x',
  rawQueryString: '',
  headers: authorization === undefined ? {} : { authorization },
  isBase64Encoded: false,
  sourceIp: '127.0.0.1',
  userAgent: '',
  protocol: 'HTTP/1.1',
  domainName: 'localhost',
});

function setup(resultTtlSeconds: number, answer: (token: string) => InvokeResult) {
  let now = 1_000_000;
  const calls: string[] = [];
  const authorizer = new LambdaAuthorizer(
    { logicalId: 'A', authorizerId: 'a1', functionLogicalId: 'AuthFn', identitySource: ['$request.header.Authorization'], resultTtlSeconds, enableSimpleResponses: true, payloadFormatVersion: '2.0' },
    async (_fn, event) => {
      const token = (event as { identitySource: string[] }).identitySource[0]!;
      calls.push(token);
      return answer(token);
    },
    () => now,
  );
  return { authorizer, calls, advance: (ms: number) => (now += ms) };
}

const allow = (): InvokeResult => ({ ok: true, result: { isAuthorized: true, context: { tenantId: 't' } }, requestId: 'x', durationMs: 1, coldStart: false });
const broken = (): InvokeResult => ({ ok: false, error: { errorType: 'Error', errorMessage: 'down' }, requestId: 'x', durationMs: 1, coldStart: false });

describe('LambdaAuthorizer cache', () => {
  it('reuses an answer until the TTL runs out', async () => {
    const { authorizer, calls, advance } = setup(60, allow);
    expect(await authorizer.authorize(request('k1'), scope, 'arn')).toEqual({ allow: true, context: { tenantId: 't' } });
    advance(59_999);
    await authorizer.authorize(request('k1'), scope, 'arn');
    expect(calls).toEqual(['k1']);
    advance(1);
    await authorizer.authorize(request('k1'), scope, 'arn');
    expect(calls).toEqual(['k1', 'k1']);
  });

  it('does not cache failures', async () => {
    const { authorizer, calls } = setup(60, broken);
    expect(await authorizer.authorize(request('k1'), scope, 'arn')).toMatchObject({ allow: false, status: 500 });
    expect(await authorizer.authorize(request('k1'), scope, 'arn')).toMatchObject({ allow: false, status: 500 });
    expect(calls).toHaveLength(2);
  });

  it('never calls the authorizer for a missing identity source', async () => {
    const { authorizer, calls } = setup(0, allow);
    expect(await authorizer.authorize(request(), scope, 'arn')).toMatchObject({ allow: false, status: 401 });
    expect(calls).toHaveLength(0);
  });
});
