/**
 * The persons of the per-person subsidy schemes (docs/subsidies.md "`employee-system-enterprise`",
 * "`graduate-employment`", "No double payment"): who an application reads, their facts, the
 * years the ledger already paid them, and the keyed hash that names each person in the ledger.
 *
 * - **Who**: the graduates the application names, or everyone the applicant employed in the
 *   year (its employment links, current and ended). A named worker the applicant never
 *   employed is read as nobody: no terms, no graduation, no ledger — so its person rules fail
 *   by name and the answer is the same whether the worker exists at another enterprise or not.
 * - **The person's name in the ledger**: a keyed hash (KMS HMAC, purpose `subsidy-person`) of
 *   the registry's own keyed hash of the ID number, which the worker's partition keeps beside
 *   the PERSON item. The ID number is never decrypted for it, and the ledger's key is not the
 *   registry's lookup hash, so a ledger item cannot be joined to a PERSON item without KMS.
 */
import { lookupHash } from '../crypto/personal-data';
import type { FactSource, PersonFacts } from '../domain/subsidy/facts';
import { personSchemePart } from '../domain/subsidy/payment-keys';
import type { SchemeId, SubsidyScheme } from '../domain/subsidy/schemes';
import { Problem } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { employmentRepository } from '../store/employment-repository';
import { keys } from '../store/keys';
import { queryPartition } from '../store/partition-query';
import { workersRepository } from '../store/workers-repository';
import { personSubsidyFacts } from './worker-subsidy-facts';

/** The HMAC purpose of a person's ledger name: separates it from the registry's `id-number` hash. */
export const SUBSIDY_PERSON_PURPOSE = 'subsidy-person';

/** Links read per page when listing everyone the applicant employed. */
const LINK_PAGE = 100;

/** A worker the ledger cannot name: registered before the registry kept its person reference. */
export const personNotKeyed = (workerId: string): Problem =>
  new Problem(
    409,
    'subsidy-person-not-keyed',
    'Person not keyed',
    `Worker ${workerId} was registered before the platform kept the reference the subsidy ledger names a person by; it is kept when an enterprise next hires the worker (POST /v1/workers).`,
    { workerId },
  );

/** The person's name in the subsidy ledger, or undefined when the registry keeps no reference for the worker. */
export async function subsidyPersonHash(store: StoreContext, workerId: string): Promise<string | undefined> {
  const registryHash = await workersRepository(store).idNumberHashOf(workerId);
  return registryHash === undefined ? undefined : lookupHash(registryHash, SUBSIDY_PERSON_PURPOSE);
}

/** Each worker's ledger hash; a worker without one refuses the step (409 subsidy-person-not-keyed). */
export async function subsidyPersonHashes(store: StoreContext, workerIds: readonly string[]): Promise<Record<string, string>> {
  const hashes = await Promise.all(workerIds.map((id) => subsidyPersonHash(store, id)));
  return Object.fromEntries(
    workerIds.map((id, i) => {
      const hash = hashes[i];
      if (hash === undefined) throw personNotKeyed(id);
      return [id, hash];
    }),
  );
}

/** The years the ledger paid this person under the scheme, by any applicant (one query of the person's partition). */
export async function paidYearsOf(store: StoreContext, schemeId: SchemeId, personHash: string): Promise<number[]> {
  const prefix = `PAYMENTKEY#${personSchemePart(schemeId)}`;
  const items = await queryPartition(store, keys.subsidyPersonPartition(personHash), prefix);
  return items.map((i) => Number(String(i.sk).slice(prefix.length))).filter(Number.isInteger).sort((a, b) => a - b);
}

/** Every worker the applicant employed at some time in the year: its links, current and ended. */
async function employedInYear(store: StoreContext, tenantId: string, year: number): Promise<string[]> {
  const employment = employmentRepository(store);
  const ids: string[] = [];
  let afterSk: string | undefined;
  do {
    const page = await employment.list(tenantId, { limit: LINK_PAGE, ...(afterSk !== undefined ? { afterSk } : {}) });
    // A link started after the year cannot have days in it; its earlier periods are read with it below.
    ids.push(...page.items.map((l) => l.workerId));
    afterSk = page.nextSk;
  } while (afterSk !== undefined);
  return [...new Set(ids)];
}

const hasDaysIn = (terms: PersonFacts['terms'], year: number) => terms.some((t) => t.from <= `${year}-12-31` && (t.until === undefined || t.until >= `${year}-01-01`));

export interface GatheredPersons {
  persons: PersonFacts[];
  sources: FactSource[];
}

/**
 * The persons one application of a per-person scheme is decided on, each with the ledger's
 * paid years. Graduation is decrypted only for the graduate scheme (and only while the
 * worker's consent is open: personSubsidyFacts).
 */
export async function gatherPersons(store: StoreContext, scheme: SubsidyScheme, tenantId: string, year: number, workerIds: readonly string[] = []): Promise<GatheredPersons> {
  const named = scheme.persons?.source === 'named';
  const ids = named ? workerIds : await employedInYear(store, tenantId, year);
  const read = await Promise.all(ids.map((id) => personSubsidyFacts(store, tenantId, id, { withGraduation: named })));
  const persons: PersonFacts[] = [];
  const sources: FactSource[] = [];
  const known: string[] = [];
  for (const [i, workerId] of ids.entries()) {
    const facts = read[i];
    if (facts === undefined) {
      // Never employed here: nothing is read, so nothing of another enterprise's worker shows.
      persons.push({ workerId, terms: [], paidYears: [] });
      continue;
    }
    if (!named && !hasDaysIn(facts.terms, year)) continue;
    const { traceHead, ...person } = facts;
    persons.push({ ...person, paidYears: [] });
    sources.push({ fact: 'worker.employment-terms', subject: workerId, traceHead });
    known.push(workerId);
  }
  const hashes = await subsidyPersonHashes(store, known);
  const paid = await Promise.all(known.map((id) => paidYearsOf(store, scheme.id, hashes[id]!)));
  for (const [i, id] of known.entries()) persons.find((p) => p.workerId === id)!.paidYears = paid[i]!;
  return { persons, sources };
}
