/**
 * OpenAPI paths and schemas of the 安心服务证 routes, kept apart from openapi.ts
 * like the complaint and worker routes. The helpers come from openapi.ts. The QR page is
 * documented as text/html: it is what a phone opens, not an API answer.
 */
import { type OpenApiHelpers } from './openapi-helpers';
import { LOOKUP_LIMITS } from '../services/certificate-lookup';
import { CERTIFICATE_COMMAND_BODIES, CERTIFICATE_ROUTE_COMMANDS, CertificateCommandResponse, CertificateView, PublicCertificateView, type CertificateRouteCommand } from './certificates';

type Helpers = OpenApiHelpers;

const SUMMARIES: Record<CertificateRouteCommand, string> = {
  activate: 'The worker has the card in hand (ISSUED/REISSUED → ACTIVATED), or lift a suspension (SUSPENDED → ACTIVATED; a platform suspension only by an admin)',
  suspend: 'Suspend the certificate (→ SUSPENDED, light red) with a reason code',
  revoke: 'Revoke the certificate for good (→ REVOKED, light red); admin only — it follows the person to every employer',
  reissue: 'Replace a lost, stolen or damaged card: same certificate number, next card sequence, new QR code (the old one answers 404 at once) (→ REISSUED)',
  'rotate-qr': 'Replace only the QR code (leaked code, e-card refresh); number, card and status stay; the old code answers 404 at once',
};

const limits = `${LOOKUP_LIMITS.perSourcePerMinute} lookups a minute per source address, ${LOOKUP_LIMITS.perCertificatePerMinute} a minute per certificate`;

export function certificateSchemas(schema: Helpers['schema']) {
  return {
    Certificate: schema(CertificateView),
    CertificateCommandApplied: schema(CertificateCommandResponse),
    PublicCertificate: schema(PublicCertificateView),
  };
}

export function certificatePaths({ schema, ok, problem, common, pathId, idempotencyKeyHeader }: Helpers) {
  const qrToken = pathId('qrToken', 'The opaque code in the QR (22 characters)');
  const retryAfter = { 'Retry-After': { description: 'Seconds until the current minute ends', schema: { type: 'integer' } } };
  const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
  const commands = Object.fromEntries(
    CERTIFICATE_ROUTE_COMMANDS.map((command) => [
      `/v1/certificates/{certNo}/${command}`,
      {
        post: {
          operationId: `certificate${command.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}`,
          summary: `${SUMMARIES[command]} (enterprise of the current employment, admin)`,
          parameters: [pathId('certNo', 'Certificate number, e.g. AX-7K3M9Q2PXA'), idempotencyKeyHeader],
          requestBody: { required: true, content: { 'application/json': { schema: schema(CERTIFICATE_COMMAND_BODIES[command]) } } },
          responses: {
            '200': ok('Applied at once; the certificate as it now is. A retry with the same Idempotency-Key gets the same answer.', 'CertificateCommandApplied'),
            '400': problem('Missing Idempotency-Key or malformed JSON.'),
            ...common,
            '404': problem('No such certificate, or the caller does not currently employ its worker.'),
            '409': problem('Not allowed in the certificate\'s state (e.g. activating a REVOKED certificate).'),
            '422': problem('Invalid fields, or Idempotency-Key reused with another body.'),
          },
        },
      },
    ]),
  );
  return {
    '/v1/workers/{workerId}/certificate': {
      get: {
        operationId: 'getWorkerCertificate',
        summary: "A worker's certificate with its QR code to print, its light now, its trace and whether it verifies (enterprise of the current employment, admin)",
        parameters: [pathId('workerId', 'Worker id')],
        responses: {
          '200': ok('The certificate (with `trace: { entries, verification }`).', 'Certificate'),
          ...common,
          '404': problem('No certificate, or the caller does not currently employ the worker (indistinguishable).'),
        },
      },
    },
    ...commands,
    '/v1/public/certificates/{qrToken}': {
      get: {
        operationId: 'checkCertificate',
        summary: `The public check behind a QR code (no API key): only masked name, certificate number, enterprise, service categories, validity and the traffic light; when it is not green, one neutral reason (see-enterprise: 证件状态异常，请联系所属企业) — which check is affected is for the employer and the admin only. Audited; throttled (${limits}).`,
        security: [],
        parameters: [qrToken],
        responses: {
          '200': ok('The public view, the light as of now.', 'PublicCertificate'),
          '404': problem('Unknown code — a rotated or reissued card\'s old code answers exactly the same.'),
          '429': { ...problem(`Too many lookups (${limits}).`), headers: retryAfter },
        },
      },
    },
    '/v1/public/certificates/{qrToken}/page': {
      get: {
        operationId: 'certificatePage',
        summary: 'The page the QR code opens on a phone: the same public check as a small zh-CN HTML page (inline CSS, no scripts or external resources), the light as a colour block with symbol and words',
        security: [],
        parameters: [qrToken],
        responses: {
          '200': html('The certificate page.'),
          '404': html('"未找到该证书": unknown or replaced code.'),
          '429': { ...html('"查询过于频繁": too many lookups.'), headers: retryAfter },
        },
      },
    },
  };
}
