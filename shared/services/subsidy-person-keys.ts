/**
 * The person keys an application of a per-person scheme holds in the ledger (docs/subsidies.md
 * "No double payment"): which persons an approval keys, and giving back the keys of an
 * application that ends without being paid (rejected, withdrawn).
 *
 * Why a rejected or withdrawn application can hold keys at all: an approval beyond
 * PERSON_KEYS_PER_TRANSACTION claims its person keys ahead of its own transaction; a process
 * that stops between the two leaves them held by an application that is not approved.
 */
import type { EvidenceSnapshot } from '../domain/subsidy/evidence';
import { Problem } from '../lib/problem';
import { personYearKey } from '../domain/subsidy/payment-keys';
import { SCHEMES } from '../domain/subsidy/schemes';
import type { StoreContext } from '../store/client';
import { subsidyApplicationsRepository, type StoredApplication } from '../store/subsidy-applications-repository';
import type { TransactItem } from '../store/transact-items';
import { subsidyPersonHash } from './subsidy-persons';

/**
 * Person keys an approval's own transaction holds; beyond it they are claimed ahead. The
 * transaction's other items (the application, its trace entry, its event record, the budget,
 * the applicant-year key, the award line) stay far below DynamoDB's 100. A rejection or
 * withdrawal (the application, its trace entry, its event record, its live item) releases as
 * many in its own.
 */
export const PERSON_KEYS_PER_TRANSACTION = 90;

/** Conditional deletes sent at once when releasing beyond one transaction. */
const RELEASE_CHUNK = 25;

/** The workers an approval keys: those the amount counts — they are what is paid. */
export const countedWorkers = (evidence: EvidenceSnapshot): string[] => (evidence.amount.persons ?? []).filter((p) => p.amountFen > 0).map((p) => p.workerId);

/**
 * The person keys this application holds now. An approval claims the keys of the persons its
 * current snapshot counts; a supplement after an approval that stopped midway makes a new
 * snapshot, so the persons of every snapshot are the candidates. A worker the ledger cannot
 * name (no person reference) was never keyed: skipped, so a rejection is never refused for it.
 */
export async function heldPersonKeys(store: StoreContext, application: StoredApplication): Promise<string[]> {
  const scheme = SCHEMES[application.schemeId];
  if (scheme.limits.personLimitsBy !== 'ledger') return [];
  const repo = subsidyApplicationsRepository(store);
  const snapshots = await repo.evidenceSnapshots(application.applicantId, application.applicationId);
  const workers = [...new Set(snapshots.flatMap(countedWorkers))];
  const hashes = await Promise.all(workers.map((w) => subsidyPersonHash(store, w)));
  const candidates = [...new Set(hashes.filter((h): h is string => h !== undefined).map((h) => personYearKey(scheme.id, application.year, h)))];
  const holders = await Promise.all(candidates.map((k) => repo.paymentKeyHolder(k)));
  return candidates.filter((_, i) => holders[i] === application.applicationId);
}

/** A step that ends an application unpaid (reject, withdraw): its release, in the step or after it. */
export interface PersonKeyRelease {
  /** Conditional deletes to commit with the step. */
  inStep: TransactItem[];
  /** Keys too many for the step's transaction: released once it committed. */
  after: string[];
}

/** Plans the release of the keys `application` holds: in the step's transaction when they fit. */
export async function planPersonKeyRelease(store: StoreContext, application: StoredApplication, perTransaction = PERSON_KEYS_PER_TRANSACTION): Promise<PersonKeyRelease> {
  const held = await heldPersonKeys(store, application);
  if (held.length <= perTransaction) return { inStep: held.map((k) => subsidyApplicationsRepository(store).paymentKeyRelease(k, application.applicationId)), after: [] };
  return { inStep: [], after: held };
}

/**
 * Releases the keys of an application already rejected or withdrawn, in chunks (each a delete
 * on the condition that this application holds the key). Safe after the step committed: a
 * rejected or withdrawn application is never approved again, so nothing of it will be paid; a
 * key held by another application is not touched; a key released is simply gone. Idempotent:
 * run again (a retried step after a stop midway), it finds what is left and releases that.
 */
export async function releaseHeldPersonKeys(store: StoreContext, applicationId: string, keys?: readonly string[]): Promise<void> {
  const repo = subsidyApplicationsRepository(store);
  const tenantId = await repo.applicantOf(applicationId);
  const application = tenantId === undefined ? undefined : await repo.get(tenantId, applicationId);
  if (!application || (application.state !== 'rejected' && application.state !== 'withdrawn')) return;
  const held = keys ?? (await heldPersonKeys(store, application));
  for (let i = 0; i < held.length; i += RELEASE_CHUNK) await Promise.all(held.slice(i, i + RELEASE_CHUNK).map((k) => repo.releasePaymentKey(k, applicationId)));
}

/**
 * The release after a rejection or withdrawal committed: the keys too many for its
 * transaction; or, when the same request is repeated (a stop, or a failed publication,
 * between the commit and the answer), whatever the application still holds.
 */
export async function releaseAfterStep(store: StoreContext, applicationId: string, repeated: boolean, after: readonly string[]): Promise<void> {
  if (repeated) await releaseHeldPersonKeys(store, applicationId);
  else if (after.length > 0) await releaseHeldPersonKeys(store, applicationId, after);
}

/**
 * A rejection or withdrawal refused (typically: repeated after a stop between its commit and
 * the release after it, so the application is already rejected or withdrawn) finishes that
 * release. Not for a 404: the caller does not see the application, so nothing of it is
 * touched. The refusal stays the answer; a release failing now is finished by the next one.
 */
export async function finishReleaseAfterRefusal(store: StoreContext, applicationId: string, error: unknown): Promise<void> {
  if (!(error instanceof Problem) || error.status === 404) return;
  await releaseHeldPersonKeys(store, applicationId).catch(() => undefined);
}
