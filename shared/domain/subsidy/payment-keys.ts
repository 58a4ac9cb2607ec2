/**
 * The uniqueness keys an approval claims so that nothing is paid twice (docs/subsidies.md
 * "No double payment"). Each key is written once, with a condition that it does not exist
 * yet, in the approval's write; a second approval needing a key already held fails, whoever
 * asks and however many ask at once.
 *
 * - `person-year`: one person, one scheme, one year — across every applicant. The person is
 *   named by a keyed hash of the ID number that the caller computes (KMS HMAC in the
 *   services, with the subsidy's own context so it is not the registry's lookup hash): the
 *   domain never sees an ID number, and refuses anything that is not such a hash.
 * - `award`: a one-off award, once per subject (the enterprise or training base, or the
 *   recognised outlet or course standard), ever.
 * - `applicant-year`: a yearly scheme, once per applicant and year.
 *
 * Pure: the strings only; the table keys that hold them are the store's.
 */
import type { AmountResult } from './amount';
import type { SubsidyFacts } from './facts';
import type { SchemeId, SubsidyScheme } from './schemes';

export type PaymentKeyKind = 'person-year' | 'award' | 'applicant-year';

export interface PaymentKey {
  kind: PaymentKeyKind;
  key: string;
}

const PERSON_HASH = /^[0-9a-f]{64}$/;
/** Components are encoded so that no reference can forge a separator. */
const part = (value: string | number) => encodeURIComponent(String(value));

export function personYearKey(schemeId: SchemeId, year: number, personHash: string): string {
  // An ID number passed here by mistake would be stored in the clear: only a hash gets through.
  if (!PERSON_HASH.test(personHash)) throw new Error('a person key needs the keyed hash of the ID number (64 lower-case hex digits)');
  return `SUBSIDYPERSON#${personHash}#${part(schemeId)}#${part(year)}`;
}

/** What follows a person's hash in each of their keys of one scheme: the year comes after it. */
export const personSchemePart = (schemeId: SchemeId): string => `${part(schemeId)}#`;

export const awardKey = (schemeId: SchemeId, subject: string): string => `SUBSIDYAWARD#${part(schemeId)}#${part(subject)}`;

export const applicantYearKey = (schemeId: SchemeId, year: number, tenantId: string): string =>
  `SUBSIDYAPPLICANT#${part(schemeId)}#${part(year)}#${part(tenantId)}`;

/**
 * What a one-off award is paid once for: the applicant itself, or the recognised item the
 * application names (an outlet, a course standard). Undefined when the application names no
 * recognition of the scheme's kind held by the applicant.
 */
export function awardSubject(scheme: SubsidyScheme, facts: Pick<SubsidyFacts, 'applicant' | 'recognitionId'>): string | undefined {
  if (!scheme.award) return undefined;
  if (scheme.award.subject === 'applicant') return `tenant:${facts.applicant.tenantId}`;
  const recognition = facts.applicant.recognitions.find(
    (r) => r.recognitionId === facts.recognitionId && r.kind === scheme.award!.recognition && r.tenantId === facts.applicant.tenantId,
  );
  return recognition?.subjectRef === undefined ? undefined : `item:${recognition.kind}:${recognition.subjectRef}`;
}

/**
 * Every key an approval of this application claims. `personHashes` maps each worker id the
 * amount counts to the person's keyed hash; the persons who add nothing claim nothing.
 *
 * The insurance scheme claims no person keys: its caps are shared between enterprises and
 * enforced inside its amount (earlier cover is paid first, so two enterprises may each be
 * paid part of one person's yearly cap), and its applicant-year key stops a second payment
 * of the same lines.
 */
export function keysToClaim(
  scheme: SubsidyScheme,
  facts: Pick<SubsidyFacts, 'applicant' | 'recognitionId' | 'year'>,
  amount: Pick<AmountResult, 'persons'>,
  personHashes: Readonly<Record<string, string>> = {},
): PaymentKey[] {
  if (scheme.period === 'one-off') {
    const subject = awardSubject(scheme, facts);
    if (subject === undefined) throw new Error(`no award subject for ${scheme.id}: the application is not eligible`);
    return [{ kind: 'award', key: awardKey(scheme.id, subject) }];
  }
  const keys: PaymentKey[] = [{ kind: 'applicant-year', key: applicantYearKey(scheme.id, facts.year, facts.applicant.tenantId) }];
  if (scheme.limits.personLimitsBy === 'ledger') {
    for (const line of amount.persons ?? []) {
      if (line.amountFen === 0) continue;
      const hash = personHashes[line.workerId];
      if (hash === undefined) throw new Error(`no person hash for worker ${line.workerId}`);
      keys.push({ kind: 'person-year', key: personYearKey(scheme.id, facts.year, hash) });
    }
  }
  const distinct = new Set(keys.map((k) => k.key));
  // Two workers with one hash are one person: paying both would pay that person twice.
  if (distinct.size !== keys.length) throw new Error('two persons of the application share one person hash');
  return keys;
}
