/**
 * HTTP API Lambda authorizers (payload 2.0, simple responses), with API Gateway's rules:
 * - every identity source must be present and non-empty, else 401 without calling the
 *   authorizer;
 * - `{isAuthorized: false}` → 403; an error, timeout or malformed answer → 500;
 * - `context` reaches the integration as `requestContext.authorizer.lambda`;
 * - with a TTL, the answer is cached per authorizer and identity-source values (for every
 *   route behind that authorizer, as on AWS).
 */
import type { InvokeResult } from '../lambda';
import type { LocalAuthorizer } from '../topology';
import { authorizerEventV2, type EventScope } from './event';
import type { ApiRequest } from './request';

export type AuthDecision =
  | { allow: true; context: Record<string, unknown> | null }
  | { allow: false; status: 401 | 403 | 500; reason: string };

type IdentityGetter = (req: ApiRequest, scope: EventScope) => string | undefined;

/** Reads `$request.header.X`, `$request.querystring.x` and `$context.*` identity sources. */
export function identityGetter(source: string): IdentityGetter {
  const header = /^\$request\.header\.(.+)$/i.exec(source);
  if (header) {
    const name = header[1]!.toLowerCase();
    // API Gateway moves the Cookie header into `cookies`; the identity source still sees it.
    if (name === 'cookie') return (req) => req.cookies?.join('; ');
    return (req) => req.headers[name];
  }
  const query = /^\$request\.querystring\.(.+)$/.exec(source);
  if (query) return (req) => req.queryStringParameters?.[query[1]!];
  const context = /^\$context\.(.+)$/.exec(source);
  const contextVars: Record<string, IdentityGetter> = {
    requestId: (req) => req.requestId,
    routeKey: (_req, scope) => scope.routeKey,
    stage: (_req, scope) => scope.stage,
    apiId: (_req, scope) => scope.apiId,
    accountId: (_req, scope) => scope.accountId,
    domainName: (req) => req.domainName,
    httpMethod: (req) => req.method,
    path: (req) => req.rawPath,
    'identity.sourceIp': (req) => req.sourceIp,
    'identity.userAgent': (req) => req.userAgent,
  };
  if (context && contextVars[context[1]!]) return contextVars[context[1]!]!;
  // Stage variables: the local API has none, so such a source is always missing.
  if (/^\$stageVariables\./.test(source)) return () => undefined;
  throw new Error(`identity source "${source}" is not supported locally`);
}

interface CacheEntry {
  decision: AuthDecision;
  expiresAt: number;
}

const MAX_CACHE_ENTRIES = 10_000;

export class LambdaAuthorizer {
  private readonly getters: IdentityGetter[];
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    readonly config: LocalAuthorizer,
    private readonly invoke: (functionLogicalId: string, event: unknown) => Promise<InvokeResult>,
    private readonly now: () => number = Date.now,
  ) {
    if (config.payloadFormatVersion !== '2.0' || !config.enableSimpleResponses) {
      throw new Error(`authorizer ${config.logicalId}: only payload 2.0 with simple responses is supported locally`);
    }
    this.getters = config.identitySource.map(identityGetter);
  }

  async authorize(req: ApiRequest, scope: EventScope, routeArn: string): Promise<AuthDecision> {
    const identity = this.getters.map((get) => get(req, scope));
    if (identity.some((value) => value === undefined || value === '')) {
      return { allow: false, status: 401, reason: 'identity source missing' };
    }
    const values = identity as string[];
    const caching = this.config.resultTtlSeconds > 0 && values.length > 0;
    const key = JSON.stringify(values);
    if (caching) {
      const hit = this.cache.get(key);
      if (hit && hit.expiresAt > this.now()) return hit.decision;
      this.cache.delete(key);
    }
    const result = await this.invoke(this.config.functionLogicalId, authorizerEventV2(req, scope, routeArn, values));
    const decision = interpret(result);
    // Failures are not cached: the next request asks the authorizer again.
    if (caching && (decision.allow || decision.status === 403)) {
      if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.clear();
      this.cache.set(key, { decision, expiresAt: this.now() + this.config.resultTtlSeconds * 1000 });
    }
    return decision;
  }
}

function interpret(result: InvokeResult): AuthDecision {
  if (!result.ok) return { allow: false, status: 500, reason: `authorizer failed: ${result.error.errorType}` };
  const answer = result.result as { isAuthorized?: unknown; context?: unknown } | null;
  if (typeof answer !== 'object' || answer === null || typeof answer.isAuthorized !== 'boolean') {
    return { allow: false, status: 500, reason: 'authorizer response has no boolean isAuthorized' };
  }
  if (!answer.isAuthorized) return { allow: false, status: 403, reason: 'authorizer denied' };
  const context = answer.context;
  if (context !== undefined && context !== null && (typeof context !== 'object' || Array.isArray(context))) {
    return { allow: false, status: 500, reason: 'authorizer context is not an object' };
  }
  return { allow: true, context: (context as Record<string, unknown> | undefined) ?? null };
}
