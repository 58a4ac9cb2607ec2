/**
 * A worker's facts as the per-person subsidy schemes read them (docs/subsidies.md "Facts"):
 * the employment terms at one enterprise, and — only when asked and only while the worker's
 * `subsidy-graduate` consent is open — the decrypted graduation. The ledger's paid years are
 * not the registry's: the subsidy service adds them.
 *
 * Called by the subsidy service for the applicant's own workers; it returns undefined for a
 * worker the enterprise never employed, so that nothing of another enterprise's worker —
 * above all the graduation — is read for it.
 */
import { decryptPersonalData } from '../crypto/personal-data';
import { SCHOOL_TYPES, type GraduationFacts, type PersonFacts } from '../domain/subsidy/facts';
import { consecutiveTerms } from '../domain/worker/employment-terms';
import type { StoreContext } from '../store/client';
import { employmentRepository } from '../store/employment-repository';
import { workersRepository } from '../store/workers-repository';
import { graduationContext, type Graduation } from './worker-graduation';

export interface PersonSubsidyFacts extends Omit<PersonFacts, 'paidYears'> {
  /** The worker's trace head when read: the evidence snapshot's anchor for these facts. */
  traceHead: { seq: number; hash: string };
}

export async function personSubsidyFacts(
  store: StoreContext,
  tenantId: string,
  workerId: string,
  options: { withGraduation: boolean },
): Promise<PersonSubsidyFacts | undefined> {
  const employment = employmentRepository(store);
  const workers = workersRepository(store);
  const [link, periods, profile] = await Promise.all([
    employment.get(tenantId, workerId, true),
    employment.periods(tenantId, workerId),
    workers.get(workerId, true),
  ]);
  if (!link || !profile) return undefined;
  // An ended link and its finished period hold the same terms; a current link's are not in any period yet.
  const linkTerms = periods.some((p) => p.since === link.since) ? [] : (link.terms ?? []);
  const terms = consecutiveTerms([...periods.flatMap((p) => p.terms ?? []), ...linkTerms]);
  const facts: PersonSubsidyFacts = { workerId, terms, traceHead: profile.traceHead };
  if (!options.withGraduation) return facts;
  return { ...facts, graduation: await graduationFacts(store, workerId, profile.consents['subsidy-graduate'] !== undefined) };
}

async function graduationFacts(store: StoreContext, workerId: string, consented: boolean): Promise<GraduationFacts> {
  // Without the consent the graduation is not read at all (revoking it deleted it anyway).
  if (!consented) return { consented: false };
  const record = await workersRepository(store).graduation(workerId);
  if (!record) return { consented: true };
  const { graduationYear, schoolType } = JSON.parse(await decryptPersonalData(record.ciphertext, graduationContext(workerId))) as Graduation;
  if (!Number.isInteger(graduationYear) || !SCHOOL_TYPES.includes(schoolType)) throw new Error('a stored graduation does not read as one');
  return { consented: true, recorded: { graduationYear, schoolType } };
}
