/**
 * POST /v1/certificates/{certNo}/<command> — activate, suspend, revoke (admin only),
 * reissue (lost card: new card and QR code, same number), rotate-qr (new QR code). One
 * function serves them all; the command comes from the route. Applied at once: 200 with
 * the certificate (services/certificate-commands.ts explains why no queue).
 */
import { httpHandler, json, parseBody, pathParam, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { CERT_NO_PATTERN } from '../../shared/lib/certificate-ids';
import { problems } from '../../shared/lib/problem';
import { CERTIFICATE_COMMAND_BODIES, CERTIFICATE_ROUTE_COMMANDS, type CertificateRouteCommand } from '../../shared/schemas/certificates';
import { commandCertificate } from '../../shared/services/certificate-commands';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore() };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const command = event.routeKey.split('/').at(-1) as CertificateRouteCommand;
  if (!CERTIFICATE_ROUTE_COMMANDS.includes(command)) throw problems.notFound('Command');
  const certNo = pathParam(event, 'certNo', CERT_NO_PATTERN, 'Certificate');
  const key = requiredIdempotencyKey(event);
  const body = parseBody(event, CERTIFICATE_COMMAND_BODIES[command]);
  return json(200, await commandCertificate(deps, caller, certNo, key, command, body));
});
