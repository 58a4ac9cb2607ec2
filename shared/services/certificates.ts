/**
 * The certificate services: automatic issuance and upkeep (`evaluateCertificate`, called
 * by the worker registry whenever a worker's facts change), the daily review of one
 * certificate (`reviewCertificate`), and the reads behind the enterprise/admin routes.
 * The pure rules live in domain/certificate/; this file adds time, randomness, facts and
 * the store, and appends one trace entry per change through the traced write path.
 */
import { ulid } from 'ulid';
import { issue, reconcile, type Certificate, type CertificateChange } from '../domain/certificate/certificate';
import type { CertificationFacts } from '../domain/certificate/facts';
import { canIssue, type MissingCondition } from '../domain/certificate/issuance';
import { certificateForceChanged } from '../domain/programme/deltas';
import type { Light } from '../domain/certificate/light';
import type { Caller } from '../auth/roles';
import { newCertificateNo, newQrToken } from '../lib/certificate-ids';
import { canonicalHash } from '../lib/hash';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { certificatesRepository, type StoredCertificate } from '../store/certificates-repository';
import { employmentRepository } from '../store/employment-repository';
import { programmeCount } from '../store/programme-figures-repository';
import { tracedStoreOf, writeTraced, type EventSettlement, type Plan, type Stamp } from '../store/traced-write';
import { verifyChain, type TraceActor } from '../trace/chain';
import { certificateWithTrace } from '../views/certificate-views';

/** Where a worker's facts come from: the registry's certificationFacts in production, fixtures in tests. */
export type FactsOf = (workerId: string) => Promise<CertificationFacts | undefined>;

/** The actor on trace entries of changes nobody asked for (automatic issuance, the daily job). */
export const SYSTEM_ACTOR: TraceActor = { tenantId: 'platform', role: 'system', keyId: 'certificates' };

export type Evaluation =
  | { outcome: 'issued'; certNo: string; light: Light }
  | { outcome: 'updated'; certNo: string; status: Certificate['status']; light: Light; changes: string[] }
  | { outcome: 'unchanged'; certNo: string; status: Certificate['status']; light: Light }
  | { outcome: 'not-eligible'; missing: MissingCondition[] }
  | { outcome: 'no-facts' };

/** Changes made by the platform itself get an id of their own (there is no command event). */
const systemEventId = () => `evt_${ulid()}`;

/**
 * The plan of one certificate change for the traced write path: `cert` as decided on
 * `before` (undefined issues it), one trace entry per change, all sharing the event id.
 */
export function certificatePlan<R>(
  store: StoreContext,
  change: {
    before: StoredCertificate | undefined;
    cert: Certificate;
    changes: CertificateChange[];
    meta: { eventId: string; actor: TraceActor; at: string };
    /** A caller's command, settled with the change. */
    event?: EventSettlement;
    result: (stored: StoredCertificate) => R;
  },
): Plan<R> {
  const repo = certificatesRepository(store);
  const { before, cert, meta } = change;
  const stored = (stamp: Stamp): StoredCertificate => ({ ...cert, version: stamp.version, traceHead: stamp.traceHead });
  return {
    before,
    entries: change.changes.map((c) => ({ eventId: meta.eventId, type: c.type, actor: meta.actor, at: meta.at, payloadHash: canonicalHash(c.payload) })),
    write: (stamp) => ({
      ...repo.record(stored(stamp)),
      ...(change.event ? { event: { settle: change.event } } : {}),
      side: [...repo.sideItems(stored(stamp), before), ...programmeCount(store, certificateForceChanged(cert.certNo, before?.status, cert.status, meta.at))],
    }),
    result: (stamp) => change.result(stored(stamp)),
  };
}

function reconcilePlan(store: StoreContext, existing: StoredCertificate, facts: CertificationFacts | undefined, now: Date, actor: TraceActor): Plan<Evaluation> {
  const { cert, changes } = reconcile(existing, facts, now);
  const unchanged: Evaluation = { outcome: 'unchanged', certNo: existing.certNo, status: existing.status, light: existing.light };
  if (changes.length === 0 && cert.reviewOn === existing.reviewOn) return { done: unchanged };
  return certificatePlan(store, {
    before: existing,
    cert,
    changes,
    meta: { eventId: systemEventId(), actor, at: now.toISOString() },
    result: (stored) =>
      changes.length === 0
        ? unchanged
        : { outcome: 'updated', certNo: stored.certNo, status: stored.status, light: stored.light, changes: changes.map((c) => c.type) },
  });
}

/**
 * Issues the worker's certificate when every condition holds, or brings the existing one
 * up to date with the facts (details, checks, light; renewal from EXPIRED). Idempotent:
 * at most one certificate per worker (the pointer's conditional create), and evaluating
 * unchanged facts again writes nothing. Safe to call concurrently for the same worker:
 * whoever loses (issued or changed first; once in 10^15 a taken number) decides again.
 *
 * The worker registry calls it after every write that changes a worker's facts:
 *   await evaluateCertificate(store, workerId, (id) => certificationFacts(store, id), new Date(), caller)
 */
export async function evaluateCertificate(
  store: StoreContext,
  workerId: string,
  factsOf: FactsOf,
  now: Date = new Date(),
  actor: TraceActor = SYSTEM_ACTOR,
): Promise<Evaluation> {
  const repo = certificatesRepository(store);
  const facts = await factsOf(workerId);
  if (facts && facts.workerId !== workerId) throw new Error(`facts of ${facts.workerId} were handed over for worker ${workerId}`);
  return writeTraced(tracedStoreOf(store), async (): Promise<Plan<Evaluation>> => {
    const existing = await repo.getByWorker(workerId, true);
    if (existing) return reconcilePlan(store, existing, facts, now, actor);
    if (!facts) return { done: { outcome: 'no-facts' } };
    const check = canIssue(facts, now);
    if (!check.ok) return { done: { outcome: 'not-eligible', missing: check.missing } };
    const { cert, change } = issue({ certNo: newCertificateNo(), qrToken: newQrToken(), facts, now });
    return certificatePlan(store, {
      before: undefined,
      cert,
      changes: [change],
      meta: { eventId: systemEventId(), actor, at: now.toISOString() },
      result: (stored) => ({ outcome: 'issued', certNo: stored.certNo, light: stored.light }),
    });
  });
}

/**
 * The daily job's look at one certificate: fresh facts when the registry has them, its own
 * snapshot otherwise; renews or expires it at the end of its validity and records a light
 * that time has changed.
 */
export async function reviewCertificate(store: StoreContext, certNo: string, factsOf: FactsOf, now: Date): Promise<Evaluation | undefined> {
  const repo = certificatesRepository(store);
  return writeTraced(tracedStoreOf(store), async (): Promise<Plan<Evaluation | undefined>> => {
    const cert = await repo.get(certNo, true);
    if (!cert) return { done: undefined };
    return reconcilePlan(store, cert, await factsOf(cert.workerId), now, SYSTEM_ACTOR);
  });
}

/**
 * May this caller see and manage the worker's certificate? Admins: any. Enterprises: only
 * while they employ the worker (current employment link). Anyone else's answer is 404,
 * exactly like a missing certificate, so a probe learns nothing.
 */
export async function requireCertificateAccess(store: StoreContext, caller: Caller, workerId: string): Promise<void> {
  if (caller.role === 'admin') return;
  if (caller.role === 'enterprise' && (await employmentRepository(store).isCurrent(caller.tenantId, workerId))) return;
  throw problems.notFound('Certificate');
}

/** GET /v1/workers/{workerId}/certificate: the certificate, its trace and whether it verifies. */
export async function readWorkerCertificate(store: StoreContext, caller: Caller, workerId: string, now: Date = new Date()) {
  await requireCertificateAccess(store, caller, workerId);
  const repo = certificatesRepository(store);
  const cert = await repo.getByWorker(workerId, true);
  if (!cert) throw problems.notFound('Certificate');
  const entries = await repo.trace(cert.certNo);
  return certificateWithTrace(cert, entries, verifyChain(entries, cert.traceHead), now);
}
