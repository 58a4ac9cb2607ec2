/**
 * The local API Gateway HTTP API (v2): one port, the topology's routes and Lambda
 * authorizers, payload format 2.0 in and out, API Gateway's own error answers.
 *
 * Hand-written because no library embeds a faithful HTTP API in-process: the well-known
 * emulators get exactly the rules this module exists for wrong (route precedence, event
 * shape, the authorizer's 401/403/500, response inference).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InvokeResult } from '../lambda';
import type { LocalHttpApi, LocalRoute } from '../topology';
import { LambdaAuthorizer } from './authorizer';
import { proxyEventV2, type EventScope } from './event';
import { newRequestId, parseRequest } from './request';
import { gatewayResponse, integrationResponse, type HttpResponse } from './response';
import { preflightResponse, withCorsHeaders } from './cors';
import { RouteTable } from './routes';
import { readBody, send } from './wire';

export interface HttpApiOptions {
  api: LocalHttpApi;
  host?: string;
  port: number;
  invoke: (functionLogicalId: string, event: unknown) => Promise<InvokeResult>;
  log?: (line: string) => void;
  region: string;
  accountId: string;
  /** HTTP APIs give an integration at most 30 s, then answer 503. */
  integrationTimeoutMs?: number;
  /**
   * Whether the function's resource policy lets API Gateway invoke it from `sourceArn`
   * (AWS::Lambda::Permission; local/iam). Without it API Gateway answers 500, as AWS does
   * ("Invalid permissions on Lambda function"). Absent = every invocation is permitted.
   */
  mayInvoke?: (functionLogicalId: string, sourceArn: string) => boolean;
}

export interface RunningHttpApi {
  url: string;
  port: number;
  close(): Promise<void>;
}

const INTEGRATION_TIMEOUT_MS = 30_000;

export async function startHttpApi(opts: HttpApiOptions): Promise<RunningHttpApi> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const routes = new RouteTable(checkSupported(opts.api));
  const authorizers = new Map(opts.api.authorizers.map((a) => [a.logicalId, new LambdaAuthorizer(a, opts.invoke)]));
  const stage = opts.api.stageName;
  const integrationTimeoutMs = opts.integrationTimeoutMs ?? INTEGRATION_TIMEOUT_MS;
  const apiArn = `arn:${partitionOf(opts.region)}:execute-api:${opts.region}:${opts.accountId}:${opts.api.apiId}`;
  const denied = (functionLogicalId: string, sourceArn: string) => opts.mayInvoke !== undefined && !opts.mayInvoke(functionLogicalId, sourceArn);

  async function handle(req: IncomingMessage): Promise<{ response: HttpResponse; requestId: string; note: string }> {
    const requestId = newRequestId();
    const time = new Date();
    const body = await readBody(req);
    if (body === 'too-large') return { response: gatewayResponse(413), requestId, note: 'body over 10 MB' };
    if (body === 'aborted') return { response: gatewayResponse(500), requestId, note: 'client went away' };
    const request = parseRequest(req, body, { requestId, time, localPort: port });
    const cors = opts.api.cors;
    const preflight = cors && preflightResponse(cors, request);
    if (preflight) return { response: preflight, requestId, note: 'CORS preflight' };

    // A named stage is the first path segment (and stays in rawPath); $default has none.
    const routePath = stage === '$default' ? request.rawPath : stripStage(request.rawPath, stage);
    const match = routePath === undefined ? undefined : routes.match(request.method, routePath);
    if (!match) return { response: gatewayResponse(404), requestId, note: 'no route' };

    const { route } = match;
    const scope: EventScope = { accountId: opts.accountId, apiId: opts.api.apiId, stage, routeKey: route.routeKey, pathParameters: match.pathParameters };
    const note = `${route.routeKey} → ${route.functionLogicalId}`;

    let authorizerContext: Record<string, unknown> | null | undefined;
    if (route.authorizationType === 'CUSTOM') {
      const authorizer = authorizers.get(route.authorizerLogicalId!)!;
      if (denied(authorizer.config.functionLogicalId, `${apiArn}/authorizers/${authorizer.config.authorizerId}`)) {
        return { response: gatewayResponse(500), requestId, note: `${note} (no permission to invoke the authorizer ${authorizer.config.functionLogicalId})` };
      }
      const routeArn = `${apiArn}/${stage}/${request.method}${routePath}`;
      const decision = await authorizer.authorize(request, scope, routeArn);
      if (!decision.allow) return { response: gatewayResponse(decision.status), requestId, note: `${note} (${decision.reason})` };
      authorizerContext = decision.context;
    }

    // The permission names the route as written (`/v1/orders/{orderId}`), under the stage and method.
    if (denied(route.functionLogicalId, `${apiArn}/${stage}/${request.method}${routeKeyPath(route.routeKey)}`)) {
      return { response: gatewayResponse(500), requestId, note: `${note} (no permission to invoke ${route.functionLogicalId})` };
    }
    const outcome = await withTimeout(opts.invoke(route.functionLogicalId, proxyEventV2(request, scope, authorizerContext)), integrationTimeoutMs);
    if (outcome === 'timeout') return { response: gatewayResponse(503), requestId, note: `${note} (integration timed out)` };
    if (!outcome.ok) {
      // Lambda throttling is a 503 from API Gateway; any other invocation failure a 500.
      const status = outcome.error.errorType === 'TooManyRequestsException' ? 503 : 500;
      return { response: gatewayResponse(status), requestId, note: `${note} (${outcome.error.errorType})` };
    }
    const response = integrationResponse(outcome.result);
    if ('invalid' in response) return { response: gatewayResponse(500), requestId, note: `${note} (malformed response: ${response.invalid})` };
    return { response: cors ? withCorsHeaders(cors, request, response) : response, requestId, note };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    handle(req)
      .catch((err: unknown) => {
        log(`[http] internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        return { response: gatewayResponse(500), requestId: newRequestId(), note: 'local platform error' };
      })
      .then(({ response, requestId, note }) => {
        send(res, response, requestId);
        const ms = (performance.now() - started).toFixed(1);
        log(`[http] ${req.method} ${req.url} ${response.statusCode} ${ms} ms  ${note}`);
      })
      .catch((err: unknown) => log(`[http] could not answer ${req.method} ${req.url}: ${String(err)}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Fails at start-up, loudly, on what the local API cannot emulate faithfully. */
function checkSupported(api: LocalHttpApi): LocalRoute[] {
  for (const route of api.routes) {
    if (route.payloadFormatVersion !== '2.0') throw new Error(`route ${route.routeKey}: only payload format 2.0 is supported locally`);
    if (route.authorizationType !== 'NONE' && route.authorizationType !== 'CUSTOM') {
      throw new Error(`route ${route.routeKey}: ${route.authorizationType} authorization is not supported locally`);
    }
    if (route.authorizationType === 'CUSTOM' && !api.authorizers.some((a) => a.logicalId === route.authorizerLogicalId)) {
      throw new Error(`route ${route.routeKey}: authorizer ${route.authorizerLogicalId} is not in the API`);
    }
  }
  return api.routes;
}

/** The ARN partition of a region: the same template deploys to the China partition. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function stripStage(path: string, stage: string): string | undefined {
  const prefix = `/${stage}`;
  if (path === prefix) return '/';
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : undefined;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The path of a route key: `GET /v1/orders/{orderId}` → `/v1/orders/{orderId}`; `$default` → `/$default`. */
function routeKeyPath(routeKey: string): string {
  const space = routeKey.indexOf(' ');
  return space < 0 ? `/${routeKey}` : routeKey.slice(space + 1);
}
