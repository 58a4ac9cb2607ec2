/**
 * Calling a route as API Gateway would: `call(caller, 'POST /v1/claims', …)` finds the route
 * in the CDK app's ROUTES and PROGRAMME_ROUTES (read once per run by the global setup,
 * deployed-shape.ts), imports its entry once and invokes it with a payload 2.0 event (as the
 * authorizer would leave it). The handler bound to a route is the one CDK deploys for it, so
 * a test cannot call the wrong function for a path. Shared by the harnesses
 * (route-harness.ts, claims-harness.ts), which differ in the queues they settle.
 *
 * The handlers read their environment at import time: create the caller after it is set.
 */
import { inject } from 'vitest';
import type { Caller } from '../../shared/auth/roles';
import type { HttpEvent, HttpResult } from '../../shared/lib/http';
import { apiEvent, lambdaContext } from './api-event';

type Handler = (event: HttpEvent, context: typeof lambdaContext) => Promise<HttpResult>;

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as given; a header set to `undefined` is left out (even the content type a body otherwise gets). */
  headers?: Record<string, string | undefined>;
  /** POST routes get a fresh Idempotency-Key unless one is given here (or `null` for none). */
  idempotencyKey?: string | null;
}

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are asserted, not typed
  body: any;
  headers: Record<string, string>;
  /** The body exactly as the handler returned it (for checks against the OpenAPI document). */
  rawBody: string | undefined;
}

export type CallRoute = (caller: Caller | undefined, routeKey: string, options?: CallOptions) => Promise<Reply>;

// One counter for the process: keys stay unique across harnesses started by one test file.
let keyCounter = 0;

/** `keyPrefix` starts the generated Idempotency-Keys (each harness its own, as before). */
export async function routeCaller(keyPrefix: string): Promise<CallRoute> {
  const routes = inject('deployedRoutes');
  const handlers = new Map<string, Promise<Handler>>();
  const handlerFor = (routeKey: string) => {
    const route = routes.find((r) => `${r.method} ${r.path}` === routeKey);
    if (!route) throw new Error(`no route ${routeKey} in ROUTES or PROGRAMME_ROUTES`);
    let handler = handlers.get(route.entry);
    if (!handler) {
      handler = import(/* @vite-ignore */ `../../${route.entry}`).then((m: { handler: Handler }) => m.handler);
      handlers.set(route.entry, handler);
    }
    return handler;
  };

  return async (caller, routeKey, options = {}) => {
    const [method, template] = routeKey.split(' ') as [string, string];
    const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => encodePathSegment(options.params?.[name] ?? ''));
    const given = options.headers ?? {};
    const headers: Record<string, string> = {};
    if (options.body !== undefined && !('content-type' in given)) headers['content-type'] = 'application/json';
    if (method === 'POST' && options.idempotencyKey !== null && !('idempotency-key' in given)) {
      headers['idempotency-key'] = options.idempotencyKey ?? `${keyPrefix}-${process.pid}-${++keyCounter}`;
    }
    for (const [name, value] of Object.entries(given)) if (value !== undefined) headers[name] = value;
    const result = await (await handlerFor(routeKey))(
      apiEvent({
        method,
        routeKey,
        path,
        caller,
        headers,
        pathParameters: options.params,
        query: options.query,
        body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      }),
      lambdaContext,
    );
    return {
      status: result.statusCode ?? 200,
      // JSON bodies parsed; anything else (the certificate's HTML page), or JSON that does not parse, as text.
      body: result.body ? (/json/.test(String(result.headers?.['content-type'] ?? 'json')) ? parsedOrText(result.body) : result.body) : undefined,
      headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
      rawBody: result.body,
    };
  };
}

function parsedOrText(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** encodeURIComponent, except that a lone surrogate (which it refuses) is sent as U+FFFD, as a gateway decoding UTF-8 would. */
function encodePathSegment(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}
