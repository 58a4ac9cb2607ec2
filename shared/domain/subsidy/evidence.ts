/**
 * The evidence snapshot an application keeps (docs/subsidies.md "The evidence snapshot"):
 * the facts as they were read, where each came from (the record's trace head), every rule's
 * result and the amount, under the catalogue version — so an officer, an auditor or the
 * applicant can see what a decision rested on after the facts have moved on.
 *
 * Personal facts stay out: a graduate's year and school type are kept as "consented" and
 * "recorded", never their values. A hash of them would not hide them either — a year and a
 * school type are few enough to try every one — so the snapshot's hash covers none of them
 * and the worker's trace head is the anchor for what was recorded.
 */
import { canonicalHash } from '../../lib/hash';
import type { AmountResult } from './amount';
import type { EligibilityResult } from './eligibility';
import type { FactSource, PersonFacts, SubsidyFacts } from './facts';
import type { RuleId, RuleResult } from './rules';

/** A person as the snapshot keeps them. */
export type SnapshotPerson = Omit<PersonFacts, 'graduation'> & { graduation?: { consented: boolean; recorded: boolean } };

export type SnapshotFacts = Omit<SubsidyFacts, 'persons' | 'sources'> & { persons: SnapshotPerson[] };

export interface EvidenceSnapshot {
  catalogueVersion: string;
  schemeId: string;
  year: number;
  applicantId: string;
  /** The day the facts were read and the rules checked (Asia/Shanghai). */
  evaluatedOn: string;
  eligible: boolean;
  failedRules: RuleId[];
  rules: RuleResult[];
  amount: Omit<AmountResult, 'personResults'>;
  facts: SnapshotFacts;
  sources: FactSource[];
}

function redactPerson(p: PersonFacts): SnapshotPerson {
  const { graduation, ...rest } = p;
  return graduation === undefined ? rest : { ...rest, graduation: { consented: graduation.consented, recorded: graduation.recorded !== undefined } };
}

/** The snapshot of one evaluation: what the facts were, and what the rules made of them. */
export function evidenceSnapshot(facts: SubsidyFacts, result: EligibilityResult): EvidenceSnapshot {
  const { persons, sources, ...rest } = facts;
  const { personResults: _personResults, ...amount } = result.amount;
  return {
    catalogueVersion: result.catalogueVersion,
    schemeId: result.schemeId,
    year: result.year,
    applicantId: result.applicantId,
    evaluatedOn: facts.today,
    eligible: result.eligible,
    failedRules: result.failedRules,
    rules: result.rules,
    amount,
    facts: { ...rest, persons: persons.map(redactPerson) },
    sources,
  };
}

/** What the application's trace entry attests to (RFC 8785 canonical JSON, SHA-256). */
export const evidenceHash = (snapshot: EvidenceSnapshot): string => canonicalHash(snapshot);
