/**
 * The events API Gateway sends for payload format 2.0: the integration's proxy event and
 * the Lambda authorizer's REQUEST event. Field order follows AWS's samples, optional
 * fields are left out when AWS leaves them out, and `stageVariables` is never set (the
 * local API has none).
 */
import type { APIGatewayEventRequestContextV2, APIGatewayProxyEventV2WithRequestContext } from 'aws-lambda';
import type { ApiRequest } from './request';

export interface EventScope {
  accountId: string;
  apiId: string;
  stage: string;
  routeKey: string;
  pathParameters?: Record<string, string>;
}

type RequestContext = APIGatewayEventRequestContextV2 & { authorizer?: { lambda: Record<string, unknown> | null } };
export type ProxyEventV2 = APIGatewayProxyEventV2WithRequestContext<RequestContext>;

/** The authorizer's event (`APIGatewayRequestAuthorizerEventV2`, minus the fields AWS omits when empty). */
export interface AuthorizerEventV2 {
  version: '2.0';
  type: 'REQUEST';
  routeArn: string;
  identitySource: string[];
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  requestContext: RequestContext;
  pathParameters?: Record<string, string>;
}

export function proxyEventV2(req: ApiRequest, scope: EventScope, authorizerContext?: Record<string, unknown> | null): ProxyEventV2 {
  return {
    version: '2.0',
    routeKey: scope.routeKey,
    rawPath: req.rawPath,
    rawQueryString: req.rawQueryString,
    ...(req.cookies ? { cookies: req.cookies } : {}),
    headers: req.headers,
    ...(req.queryStringParameters ? { queryStringParameters: req.queryStringParameters } : {}),
    requestContext: {
      ...requestContext(req, scope),
      // Only routes behind a Lambda authorizer carry its context.
      ...(authorizerContext !== undefined ? { authorizer: { lambda: authorizerContext } } : {}),
    },
    ...(req.body !== undefined ? { body: req.body } : {}),
    ...(scope.pathParameters ? { pathParameters: scope.pathParameters } : {}),
    isBase64Encoded: req.isBase64Encoded,
  };
}

export function authorizerEventV2(req: ApiRequest, scope: EventScope, routeArn: string, identitySource: string[]): AuthorizerEventV2 {
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn,
    identitySource,
    routeKey: scope.routeKey,
    rawPath: req.rawPath,
    rawQueryString: req.rawQueryString,
    ...(req.cookies ? { cookies: req.cookies } : {}),
    headers: req.headers,
    ...(req.queryStringParameters ? { queryStringParameters: req.queryStringParameters } : {}),
    requestContext: requestContext(req, scope),
    ...(scope.pathParameters ? { pathParameters: scope.pathParameters } : {}),
  };
}

function requestContext(req: ApiRequest, scope: EventScope): APIGatewayEventRequestContextV2 {
  return {
    accountId: scope.accountId,
    apiId: scope.apiId,
    domainName: req.domainName,
    domainPrefix: req.domainName.split('.')[0] ?? req.domainName,
    http: { method: req.method, path: req.rawPath, protocol: req.protocol, sourceIp: req.sourceIp, userAgent: req.userAgent },
    requestId: req.requestId,
    routeKey: scope.routeKey,
    stage: scope.stage,
    time: clfTime(req.time),
    timeEpoch: req.time.getTime(),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12/Mar/2020:19:03:58 +0000", the access-log time format AWS uses here. */
export function clfTime(t: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(t.getUTCDate())}/${MONTHS[t.getUTCMonth()]}/${t.getUTCFullYear()}:${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())} +0000`;
}
