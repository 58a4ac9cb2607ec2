/**
 * The certificate services: automatic issuance and upkeep (`evaluateCertificate`, called
 * by the worker registry whenever a worker's facts change), the daily review of one
 * certificate (`reviewCertificate`), and the reads behind the enterprise/admin routes.
 * The pure rules live in domain/certificate/; this file adds time, randomness, facts and
 * the store, and appends one trace entry per change.
 */
import { ulid } from 'ulid';
import { issue, reconcile, type Certificate, type CertificateChange } from '../domain/certificate/certificate';
import type { CertificationFacts } from '../domain/certificate/facts';
import { canIssue, type MissingCondition } from '../domain/certificate/issuance';
import type { Light } from '../domain/certificate/light';
import type { Caller } from '../auth/roles';
import { newCertificateNo, newQrToken } from '../lib/certificate-ids';
import { canonicalHash } from '../lib/hash';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import {
  CertificateChangedError,
  CertificateExistsError,
  certificatesRepository,
  type StoredCertificate,
} from '../store/certificates-repository';
import { employmentRepository } from '../store/employment-repository';
import { nextEntry, verifyChain, type TraceActor, type TraceEntry } from '../trace/chain';
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

const MAX_ATTEMPTS = 5;

/** Trace entries for `changes`, chained after `head`; every entry of one change set shares its event id. */
export function chainEntries(
  head: { seq: number; hash: string } | undefined,
  changes: CertificateChange[],
  meta: { eventId: string; actor: TraceActor; at: string },
): TraceEntry[] {
  const entries: TraceEntry[] = [];
  for (const change of changes) {
    const entry = nextEntry(head, { eventId: meta.eventId, type: change.type, actor: meta.actor, at: meta.at, payloadHash: canonicalHash(change.payload) });
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

/** The certificate as stored after `entries` (version = seq of the last entry). */
export function afterEntries(cert: Certificate, previous: StoredCertificate | undefined, entries: TraceEntry[]): StoredCertificate {
  const last = entries.at(-1);
  if (!last) return { ...cert, version: previous!.version, traceHead: previous!.traceHead };
  return { ...cert, version: last.seq, traceHead: { seq: last.seq, hash: last.hash } };
}

/** Changes made by the platform itself get an id of their own (there is no command event). */
const systemEventId = () => `evt_${ulid()}`;

async function reconcileStored(
  store: StoreContext,
  existing: StoredCertificate,
  facts: CertificationFacts | undefined,
  now: Date,
  actor: TraceActor,
): Promise<Evaluation> {
  const { cert, changes } = reconcile(existing, facts, now);
  if (changes.length === 0 && cert.reviewOn === existing.reviewOn) {
    return { outcome: 'unchanged', certNo: existing.certNo, status: existing.status, light: existing.light };
  }
  const entries = chainEntries(existing.traceHead, changes, { eventId: systemEventId(), actor, at: now.toISOString() });
  const stored = afterEntries(cert, existing, entries);
  await certificatesRepository(store).save({ cert: stored, previous: existing, entries });
  if (changes.length === 0) return { outcome: 'unchanged', certNo: existing.certNo, status: existing.status, light: existing.light };
  return { outcome: 'updated', certNo: stored.certNo, status: stored.status, light: stored.light, changes: changes.map((c) => c.type) };
}

/**
 * Issues the worker's certificate when every condition holds, or brings the existing one
 * up to date with the facts (details, checks, light; renewal from EXPIRED). Idempotent:
 * at most one certificate per worker (the pointer's conditional create), and evaluating
 * unchanged facts again writes nothing. Safe to call concurrently for the same worker.
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
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const existing = await repo.getByWorker(workerId, true);
    try {
      if (existing) return await reconcileStored(store, existing, facts, now, actor);
      if (!facts) return { outcome: 'no-facts' };
      const check = canIssue(facts, now);
      if (!check.ok) return { outcome: 'not-eligible', missing: check.missing };
      const { cert, change } = issue({ certNo: newCertificateNo(), qrToken: newQrToken(), facts, now });
      const entries = chainEntries(undefined, [change], { eventId: systemEventId(), actor, at: now.toISOString() });
      const stored: StoredCertificate = { ...cert, version: entries[0]!.seq, traceHead: { seq: entries[0]!.seq, hash: entries[0]!.hash } };
      await repo.create(stored, entries[0]!);
      return { outcome: 'issued', certNo: stored.certNo, light: stored.light };
    } catch (error) {
      // Someone else issued or changed it first (or, once in 10^15, the number was taken): look again.
      if (error instanceof CertificateExistsError || error instanceof CertificateChangedError) continue;
      if ((error as Error).name === 'TransactionCanceledException') continue;
      throw error;
    }
  }
  throw new Error(`certificate of worker ${workerId} kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
}

/**
 * The daily job's look at one certificate: fresh facts when the registry has them, its own
 * snapshot otherwise; renews or expires it at the end of its validity and records a light
 * that time has changed.
 */
export async function reviewCertificate(store: StoreContext, certNo: string, factsOf: FactsOf, now: Date): Promise<Evaluation | undefined> {
  const repo = certificatesRepository(store);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const cert = await repo.get(certNo, true);
    if (!cert) return undefined;
    try {
      return await reconcileStored(store, cert, await factsOf(cert.workerId), now, SYSTEM_ACTOR);
    } catch (error) {
      if (error instanceof CertificateChangedError) continue;
      throw error;
    }
  }
  throw new Error(`certificate ${certNo} kept changing; gave up after ${MAX_ATTEMPTS} attempts`);
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
