/**
 * GET /v1/public/certificates/{qrToken} (JSON) and GET /v1/public/certificates/{qrToken}/page
 * (the HTML page the QR code opens) — the public check, no API key. One function for both:
 * the same lookup, throttling and audit (services/certificate-lookup.ts), two renderings.
 */
import { json, problemResponse, publicHttpHandler, type HttpResult } from '../../shared/lib/http';
import { problems } from '../../shared/lib/problem';
import { lookupCertificate } from '../../shared/services/certificate-lookup';
import { defaultStore } from '../../shared/store/client';
import { certificatePage, PAGE_HEADERS } from '../../shared/views/certificate-page';

const deps = { store: defaultStore() };

export const handler = publicHttpHandler(async (event): Promise<HttpResult> => {
  const page = event.routeKey.endsWith('/page');
  const token = event.pathParameters?.qrToken ?? '';
  const result = await lookupCertificate(deps, token, event.requestContext?.http?.sourceIp, page ? 'page' : 'json');
  const retryAfter: Record<string, string> = result.outcome === 'throttled' ? { 'retry-after': String(result.retryAfterSeconds) } : {};

  if (page) {
    const { statusCode, body } = certificatePage(result);
    return { statusCode, headers: { ...PAGE_HEADERS, ...retryAfter }, body };
  }
  switch (result.outcome) {
    case 'shown':
      return json(200, result.view, { 'cache-control': 'no-store' });
    case 'not-found':
      throw problems.notFound('Certificate');
    case 'throttled': {
      const response = problemResponse(problems.tooManyRequests(result.retryAfterSeconds), event);
      return { ...response, headers: { ...response.headers, ...retryAfter } };
    }
  }
});
