/**
 * POST /v1/certificates/{certNo}/<command>: activate, suspend, revoke, reissue, rotate-qr.
 * Applied at once (a handful a day, no queue needed) but with the same guarantees as order
 * commands: the Idempotency-Key names an event record (same key, same answer; another body
 * with it is a 422), and the certificate, its trace entry and the event's outcome are
 * written in one transaction (store/traced-write.ts), so a retry after a crash applies the
 * command exactly once.
 */
import { applyCommand, type CertificateCommandInput } from '../domain/certificate/certificate';
import type { Caller } from '../auth/roles';
import { newQrToken } from '../lib/certificate-ids';
import { canonicalHash } from '../lib/hash';
import { commandEventId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { CertificateCommandBody, CertificateRouteCommand } from '../schemas/certificates';
import type { StoreContext } from '../store/client';
import { certificatesRepository, type StoredCertificate } from '../store/certificates-repository';
import { eventsRepository, type EventRecord } from '../store/events-repository';
import { certificateView } from '../views/certificate-views';
import { tracedStoreOf, writeTraced, type Plan } from '../store/traced-write';
import { certificatePlan, requireCertificateAccess } from './certificates';

export interface CommandDeps {
  store: StoreContext;
  now?: () => Date;
}

const refused = (reason: string) => problems.conflict('certificate-transition-not-allowed', 'Not allowed in this state', reason);

function domainInput(command: CertificateRouteCommand, body: CertificateCommandBody): CertificateCommandInput {
  switch (command) {
    case 'activate':
      return { command };
    case 'suspend':
    case 'revoke':
      return { command, reasonCode: (body as { reasonCode: string }).reasonCode };
    case 'reissue':
      return { command, reasonCode: (body as { reasonCode: string }).reasonCode, qrToken: newQrToken() };
    case 'rotate-qr': {
      const { reasonCode } = body as { reasonCode?: string };
      return { command, qrToken: newQrToken(), ...(reasonCode ? { reasonCode } : {}) };
    }
  }
}

export async function commandCertificate(
  deps: CommandDeps,
  caller: Caller,
  certNo: string,
  idempotencyKey: string,
  command: CertificateRouteCommand,
  body: CertificateCommandBody,
) {
  const repo = certificatesRepository(deps.store);
  const events = eventsRepository(deps.store);
  const now = deps.now?.() ?? new Date();

  const found = await repo.get(certNo, true);
  if (!found) throw problems.notFound('Certificate');
  await requireCertificateAccess(deps.store, caller, found.workerId);
  if (command === 'revoke' && caller.role !== 'admin') {
    throw problems.forbidden('Revocation is final and follows the person to every employer, so only the platform revokes; suspend instead.');
  }

  const type = `certificate.${command}`;
  const requestHash = canonicalHash({ type, certNo, payload: body });
  const fresh: EventRecord = {
    eventId: commandEventId(caller.tenantId, idempotencyKey),
    tenantId: caller.tenantId,
    type,
    subjectId: certNo,
    status: 'accepted',
    actor: caller,
    requestHash,
    acceptedAt: now.toISOString(),
  };
  const accepted = await events.accept(fresh);
  const record = accepted.created ? accepted.event : accepted.existing;
  if (record.requestHash !== requestHash) throw problems.idempotencyKeyReused();
  const answer = (cert: StoredCertificate) => ({ eventId: record.eventId, status: 'applied' as const, certificate: certificateView(cert, now) });

  return writeTraced(tracedStoreOf(deps.store), async (attempt): Promise<Plan<ReturnType<typeof answer>>> => {
    const settled = attempt === 1 ? record : await events.get(caller.tenantId, record.eventId, true);
    // A retry of a command that was settled: the same answer (the certificate as it is now).
    if (settled?.status === 'applied') return { done: answer((await repo.get(certNo, true))!) };
    if (settled?.status === 'rejected') throw refused(settled.reason ?? 'the command was refused');

    const cert = attempt === 1 ? found : (await repo.get(certNo, true))!;
    const result = applyCommand(cert, domainInput(command, body), caller.role, now);
    if (!result.ok) {
      await events.reject(caller.tenantId, record.eventId, result.reason, now.toISOString());
      throw refused(result.reason);
    }
    return certificatePlan(deps.store, {
      before: cert,
      cert: result.cert,
      changes: result.changes,
      meta: { eventId: record.eventId, actor: caller, at: now.toISOString() },
      event: { tenantId: caller.tenantId, eventId: record.eventId, at: now.toISOString() },
      result: answer,
    });
  });
}
