/**
 * An HTTP API's CorsConfiguration, as API Gateway applies it:
 *
 * - A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered by the
 *   gateway itself, route or not, with 204 and the configured Access-Control-Allow-* headers
 *   when the origin is allowed (none when it is not).
 * - An integration's response gets Access-Control-Allow-Origin (and -Credentials,
 *   -Expose-Headers) for an allowed origin; any CORS header the function set itself is
 *   dropped, as API Gateway ignores them once CORS is configured.
 *
 * Origins match exactly, or any with `*`. The gateway's own errors (401, 403, 404, 413, …)
 * are left as they are: documented CORS headers come with integration responses only.
 */
import type { LocalCors } from '../topology';
import type { ApiRequest } from './request';
import type { HttpResponse } from './response';

const allowedOrigin = (cors: LocalCors, origin: string | undefined): string | undefined => {
  if (!origin) return undefined;
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return cors.allowOrigins.includes(origin) ? origin : undefined;
};

export function preflightResponse(cors: LocalCors, request: ApiRequest): HttpResponse | undefined {
  if (request.method !== 'OPTIONS' || !request.headers['access-control-request-method']) return undefined;
  const origin = allowedOrigin(cors, request.headers.origin);
  const headers: Record<string, string> = {};
  if (origin) {
    headers['access-control-allow-origin'] = origin;
    if (cors.allowMethods.length > 0) headers['access-control-allow-methods'] = cors.allowMethods.join(',');
    if (cors.allowHeaders.length > 0) headers['access-control-allow-headers'] = cors.allowHeaders.join(',');
    if (cors.maxAgeSeconds !== undefined) headers['access-control-max-age'] = String(cors.maxAgeSeconds);
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  }
  return { statusCode: 204, headers, body: Buffer.alloc(0) };
}

export function withCorsHeaders(cors: LocalCors, request: ApiRequest, response: HttpResponse): HttpResponse {
  const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !name.toLowerCase().startsWith('access-control-')));
  const origin = allowedOrigin(cors, request.headers.origin);
  if (origin) {
    headers['access-control-allow-origin'] = origin;
    if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
    if (cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
    if (origin !== '*') headers.vary = 'Origin';
  }
  return { ...response, headers };
}
