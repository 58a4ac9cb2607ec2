/**
 * What API Gateway makes of a raw HTTP request before routing: header names lower-cased
 * and repeats joined with commas, cookies split out of the Cookie header, the query string
 * decoded (repeats joined with commas), the path percent-decoded (HTTP APIs deliver
 * rawPath decoded, unlike REST APIs and function URLs), and the body as text or, for
 * anything that is not text, base64.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface ApiRequest {
  requestId: string;
  time: Date;
  method: string;
  /** Decoded path as sent, stage prefix included. */
  rawPath: string;
  /** Query string as sent, without "?", not decoded. */
  rawQueryString: string;
  headers: Record<string, string>;
  cookies?: string[];
  queryStringParameters?: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  sourceIp: string;
  userAgent: string;
  protocol: string;
  domainName: string;
}

/** API Gateway request ids look like "JKJaXmPLvHcESHA=". */
export function newRequestId(): string {
  return randomBytes(11).toString('base64');
}

export function parseRequest(req: IncomingMessage, body: Buffer, meta: { requestId: string; time: Date; localPort: number }): ApiRequest {
  const target = req.url ?? '/';
  const q = target.indexOf('?');
  const rawPath = decodePath(q < 0 ? target : target.slice(0, q));
  const rawQueryString = q < 0 ? '' : target.slice(q + 1);
  const sourceIp = clientIp(req);

  const headers: Record<string, string> = {};
  let cookieHeader: string | undefined;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    if (name === 'cookie') cookieHeader = cookieHeader === undefined ? value : `${cookieHeader}; ${value}`;
    else headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  // Headers API Gateway adds on its way to the integration.
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${sourceIp}` : sourceIp;
  headers['x-forwarded-port'] = String(meta.localPort);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= traceId(meta.time);

  const cookies = cookieHeader
    ?.split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const contentType = headers['content-type'];
  const text = isTextContentType(contentType);
  return {
    requestId: meta.requestId,
    time: meta.time,
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath,
    rawQueryString,
    headers,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    ...queryParameters(rawQueryString),
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
    sourceIp,
    userAgent: headers['user-agent'] ?? '',
    protocol: `HTTP/${req.httpVersion}`,
    domainName: (headers.host ?? 'localhost').replace(/:\d+$/, ''),
  };
}

/**
 * Observed on AWS (HTTP API, payload 2.0): only text/*, application/json, application/xml
 * and application/javascript arrive as text; everything else, including a missing
 * content type and application/x-www-form-urlencoded, arrives base64-encoded.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!type) return false;
  return type.startsWith('text/') || type === 'application/json' || type === 'application/xml' || type === 'application/javascript';
}

function queryParameters(raw: string): { queryStringParameters?: Record<string, string> } {
  if (raw === '') return {};
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = key in params ? `${params[key]},${value}` : value;
  }
  return Object.keys(params).length > 0 ? { queryStringParameters: params } : {};
}

/** decodeURIComponent, but a malformed escape is kept as sent instead of failing the request. */
function decodePath(path: string): string {
  return path.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  // An IPv4 client on a dual-stack socket shows up as ::ffff:a.b.c.d.
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/** X-Ray's format: Root=1-<epoch seconds, hex>-<96 random bits, hex>. */
function traceId(time: Date): string {
  return `Root=1-${Math.floor(time.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}
