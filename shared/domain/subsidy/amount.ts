/**
 * How much a scheme allows an application (docs/subsidies.md "Amounts"), in integer fen.
 * This is the ceiling an officer approves within: never more, possibly less, and never
 * beyond the remaining budget (budget.ts).
 *
 * - `fixed`: the award's amount.
 * - `per-person-year`: the scheme's amount for each person who counts (every person rule
 *   passed), capped at the per-person yearly limit; a person who does not count adds 0.
 * - `insurance-premium-share`: exactly what the insurance subsidy rules give the applicant
 *   for the year (shared/domain/insurance/subsidy.ts `enterpriseSubsidy`), computed over each
 *   worker's enrolments at every enterprise because the caps are the person's. Nothing of
 *   those rules is restated here, so this amount and GET /v1/insurance/subsidy agree.
 */
import { enterpriseSubsidy, type EnterpriseSubsidyYear } from '../insurance/subsidy';
import type { SubsidyFacts } from './facts';
import { evaluatePerson } from './person-rules';
import type { RuleId, RuleResult } from './rules';
import type { SubsidyScheme } from './schemes';

/** One person's part of a per-person amount. */
export interface PersonLine {
  workerId: string;
  /** Every person rule passed. */
  counted: boolean;
  amountFen: number;
  /** The person rules that failed (empty when counted). */
  failed: RuleId[];
}

export interface AmountResult {
  kind: SubsidyScheme['amount']['kind'];
  /** The most an officer may approve. */
  allowedFen: number;
  /** Per-person schemes: each person read, in the order given. */
  persons?: PersonLine[];
  /** Per-person schemes: the person rules' results, for the eligibility report. */
  personResults?: RuleResult[];
  /** The insurance scheme: the applicant's report for the year, as GET /v1/insurance/subsidy computes it. */
  insurance?: EnterpriseSubsidyYear;
}

function assertFen(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${what} must be a non-negative integer number of fen`);
}

export function allowedAmount(scheme: SubsidyScheme, facts: SubsidyFacts): AmountResult {
  const rule = scheme.amount;
  switch (rule.kind) {
    case 'fixed':
      assertFen(rule.amountFen, `the amount of ${scheme.id}`);
      return { kind: rule.kind, allowedFen: rule.amountFen };

    case 'per-person-year': {
      assertFen(rule.perPersonFen, `the per-person amount of ${scheme.id}`);
      const cap = scheme.limits.perPersonYearFen ?? rule.perPersonFen;
      const perPerson = Math.min(rule.perPersonFen, cap);
      const seen = new Set<string>();
      const persons: PersonLine[] = [];
      const personResults: RuleResult[] = [];
      for (const person of facts.persons) {
        // The same person twice would be paid twice from one application.
        if (seen.has(person.workerId)) throw new Error(`worker ${person.workerId} is listed twice`);
        seen.add(person.workerId);
        const results = evaluatePerson(scheme, facts.year, person);
        personResults.push(...results);
        const failed = results.filter((r) => !r.passed).map((r) => r.rule);
        const counted = failed.length === 0;
        persons.push({ workerId: person.workerId, counted, amountFen: counted ? perPerson : 0, failed });
      }
      const allowedFen = persons.reduce((sum, p) => sum + p.amountFen, 0);
      return { kind: rule.kind, allowedFen, persons, personResults };
    }

    case 'insurance-premium-share': {
      const report = enterpriseSubsidy(facts.applicant.tenantId, facts.year, facts.insuredWorkers);
      return { kind: rule.kind, allowedFen: report.subsidyFen, insurance: report };
    }
  }
}
