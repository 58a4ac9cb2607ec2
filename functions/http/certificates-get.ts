/**
 * GET /v1/workers/{workerId}/certificate — the worker's certificate (with the QR code to
 * print), its trace and whether the trace verifies. The enterprise that currently employs
 * the worker, or an admin; anyone else gets 404, like a worker without a certificate.
 */
import { httpHandler, json, pathParam, requireRole } from '../../shared/lib/http';
import { WORKER_ID_PATTERN } from '../../shared/lib/certificate-ids';
import { readWorkerCertificate } from '../../shared/services/certificates';
import { defaultStore } from '../../shared/store/client';

const store = defaultStore();

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'enterprise', 'admin');
  const workerId = pathParam(event, 'workerId', WORKER_ID_PATTERN, 'Certificate');
  return json(200, await readWorkerCertificate(store, caller, workerId));
});
