/**
 * The thin HTTP layer every route handler shares: middy for the pipeline, the caller
 * from the authorizer context, JSON bodies with a size limit, problem+json for every
 * error. Handlers return plain data; this file turns it into API Gateway responses.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { isRole, type Caller, type Role } from '../auth/roles';
import { TracedWriteConflict } from '../store/traced-write-conflict';
import { Problem, problems } from './problem';
import { normalizeTextInput } from './text-input';
import { validate } from './validation';
import { logger } from './logger';
import { isThrottling } from './throttling';

export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, unknown>>;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export const MAX_BODY_BYTES = 16 * 1024;

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function problemResponse(problem: Problem, event?: HttpEvent): HttpResult {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify(problem.body(event?.rawPath)),
  };
}

/** The caller the authorizer established; a request without one never reached us legitimately. */
export function callerOf(event: HttpEvent): Caller {
  const ctx = event.requestContext?.authorizer?.lambda ?? {};
  const { tenantId, role, keyId } = ctx as Record<string, unknown>;
  if (typeof tenantId !== 'string' || typeof keyId !== 'string' || !isRole(role)) throw problems.unauthenticated();
  return { tenantId, role, keyId };
}

export function requireRole(caller: Caller, ...allowed: Role[]): void {
  if (!allowed.includes(caller.role)) {
    throw problems.forbidden(`This operation is not available to the ${caller.role} role.`);
  }
}

export function header(event: HttpEvent, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/**
 * Parses and strictly validates a JSON body: 415/413/400 for transport problems, 422 for
 * invalid fields — text that is not well-formed or holds control characters among them
 * (every string is put in NFC first, text-input.ts).
 */
export function parseBody<T extends z.ZodMiniType>(event: HttpEvent, schema: T): z.infer<T> {
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) throw problems.unsupportedMediaType();
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw problems.payloadTooLarge(MAX_BODY_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw problems.malformedRequest('The body is not valid JSON.');
  }
  const textErrors = normalizeTextInput(value);
  if (textErrors.length > 0) throw problems.validation(textErrors);
  const result = validate(schema, value);
  if (!result.success) throw problems.validation(result.errors);
  return result.data;
}

/** Validates query-string parameters; invalid ones are a 400 (they are not a body). */
export function parseQuery<T extends z.ZodMiniType>(event: HttpEvent, schema: T): z.infer<T> {
  const query = { ...event.queryStringParameters };
  const textErrors = normalizeTextInput(query);
  if (textErrors.length > 0) throw problems.invalidQuery(textErrors);
  const result = validate(schema, query);
  if (!result.success) throw problems.invalidQuery(result.errors);
  return result.data;
}

export function pathParam(event: HttpEvent, name: string, pattern: RegExp, what: string): string {
  const value = event.pathParameters?.[name];
  // An id that cannot exist is simply not found: no hint about the id format's internals.
  if (!value || !pattern.test(value)) throw problems.notFound(what);
  return value;
}

/** Maps anything thrown to problem+json. Only Problems carry their message out; the rest is logged and masked. */
const problemDetails = (): middy.MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    const error = request.error;
    if (error instanceof Problem) {
      if (error.status >= 500) logger.error('request failed', { problem: error.slug });
      request.response = problemResponse(error, request.event);
      return;
    }
    // A record that kept changing under the write path's retries: the request is safe to retry.
    if (error instanceof TracedWriteConflict) {
      logger.warn('traced write kept conflicting', { part: error.part });
      request.response = problemResponse(problems.unavailable(), request.event);
      return;
    }
    // Throttled after the SDK's own retries: nothing was changed by the refused call, so the
    // client may repeat the request (with its Idempotency-Key) — a 503, not a 500.
    if (isThrottling(error)) {
      logger.warn('dependency throttled', { error: (error as Error).name });
      request.response = problemResponse(problems.unavailable(), request.event);
      return;
    }
    logger.error('unhandled error', { error: error as Error });
    request.response = problemResponse(problems.internal(), request.event);
  },
});

export type RouteHandler = (event: HttpEvent, caller: Caller) => Promise<HttpResult>;

/** Wraps a route: the caller is resolved first, errors become problem details. */
export function httpHandler(route: RouteHandler) {
  return middy<HttpEvent, HttpResult>()
    .use(problemDetails())
    .handler(async (event) => route(event, callerOf(event)));
}

/** Wraps a public route (no API key; the body carries its own credential, e.g. a rating token). */
export function publicHttpHandler(route: (event: HttpEvent) => Promise<HttpResult>) {
  return middy<HttpEvent, HttpResult>()
    .use(problemDetails())
    .handler(async (event) => route(event));
}
