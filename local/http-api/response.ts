/**
 * From a Lambda result to an HTTP response, by API Gateway's payload 2.0 rules, and the
 * gateway's own error responses.
 *
 * Observed AWS behaviour (it differs from the docs, which say "valid JSON"): a result
 * that is an object with `statusCode` is a structured response (statusCode, headers,
 * cookies, body, isBase64Encoded; anything malformed → 500); any other result is the body
 * itself — the JSON text Lambda returned — with 200 and content-type application/json.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const GATEWAY_MESSAGES = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
} as const;

export type GatewayStatus = keyof typeof GATEWAY_MESSAGES;

/** API Gateway's own answers: `{"message":"Not Found"}` and friends. */
export function gatewayResponse(status: GatewayStatus): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify({ message: GATEWAY_MESSAGES[status] })),
  };
}

// Framing is API Gateway's business, not the function's.
const DROPPED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'apigw-requestid']);

export function integrationResponse(result: unknown): HttpResponse | { invalid: string } {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('statusCode' in result)) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(result ?? null)),
    };
  }
  const r = result as Record<string, unknown>;
  const status = r.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return { invalid: `statusCode ${JSON.stringify(status)} is not an HTTP status code` };
  }

  const headers: Record<string, string | string[]> = {};
  if (r.headers !== undefined && r.headers !== null) {
    if (typeof r.headers !== 'object' || Array.isArray(r.headers)) return { invalid: 'headers is not an object' };
    for (const [name, value] of Object.entries(r.headers)) {
      if (!['string', 'number', 'boolean'].includes(typeof value)) return { invalid: `header ${name} is not a string` };
      if (!isValidHeader(name, String(value))) return { invalid: `header ${name} is not a valid HTTP header` };
      const key = name.toLowerCase();
      if (!DROPPED_HEADERS.has(key)) headers[key] = String(value);
    }
  }
  // API Gateway's default when the function names none.
  headers['content-type'] ??= 'text/plain; charset=utf-8';

  if (r.cookies !== undefined && r.cookies !== null) {
    if (!Array.isArray(r.cookies) || !r.cookies.every((c) => typeof c === 'string' && isValidHeader('set-cookie', c))) {
      return { invalid: 'cookies is not a list of cookie strings' };
    }
    // Each cookie becomes its own set-cookie header.
    const existing = headers['set-cookie'];
    headers['set-cookie'] = [...(existing === undefined ? [] : [existing].flat()), ...r.cookies];
  }

  let body = Buffer.alloc(0);
  if (r.body !== undefined && r.body !== null) {
    if (typeof r.body !== 'string') return { invalid: 'body is not a string' };
    body = r.isBase64Encoded === true ? Buffer.from(r.body, 'base64') : Buffer.from(r.body, 'utf8');
  }
  return { statusCode: status, headers, body };
}

function isValidHeader(name: string, value: string): boolean {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return true;
  } catch {
    return false;
  }
}
