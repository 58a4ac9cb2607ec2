/**
 * The eligibility rules by id (docs/subsidies.md "Rules"): what each checks and which facts
 * it reads. An id is stable: a refusal names it, an officer looks it up, the evidence keeps
 * it. `application` rules are checked once per application; `person` rules once per person
 * a per-person scheme reads (its scheme says whether a failed one refuses the application
 * or only leaves the person uncounted).
 */
import type { FactId } from './facts';

export const RULE_IDS = [
  'applicant-is-enterprise',
  'applicant-is-training-base',
  'applicant-not-blacklisted',
  'application-window-open',
  'required-documents-provided',
  'enterprise-is-employee-system',
  'recognised-as-leading-enterprise',
  'recognised-as-trustworthy-enterprise',
  'recognised-as-quality-outlet',
  'recognised-as-city-training-base',
  'recognised-as-district-training-base',
  'course-standard-approved',
  'award-not-granted-before',
  'average-labour-contract-headcount',
  'amount-above-zero',
  'labour-contract-most-of-year',
  'person-not-paid-this-year',
  'graduate-consent-given',
  'graduate-data-recorded',
  'graduate-school-type-qualifies',
  'graduate-recent-when-hired',
  'graduate-within-year-limit',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export type RuleLevel = 'application' | 'person';

export interface RuleDefinition {
  id: RuleId;
  level: RuleLevel;
  /** The facts the rule reads, in the order the document lists them. */
  reads: readonly FactId[];
}

const rule = (id: RuleId, level: RuleLevel, reads: readonly FactId[]): RuleDefinition => ({ id, level, reads });

export const RULES: Readonly<Record<RuleId, RuleDefinition>> = {
  'applicant-is-enterprise': rule('applicant-is-enterprise', 'application', ['applicant.role']),
  'applicant-is-training-base': rule('applicant-is-training-base', 'application', ['applicant.role']),
  'applicant-not-blacklisted': rule('applicant-not-blacklisted', 'application', ['applicant.public-credit', 'application.day']),
  'application-window-open': rule('application-window-open', 'application', ['application.day']),
  'required-documents-provided': rule('required-documents-provided', 'application', ['application.documents']),
  'enterprise-is-employee-system': rule('enterprise-is-employee-system', 'application', ['applicant.employment-model']),
  'recognised-as-leading-enterprise': rule('recognised-as-leading-enterprise', 'application', ['applicant.recognitions', 'application.day']),
  'recognised-as-trustworthy-enterprise': rule('recognised-as-trustworthy-enterprise', 'application', ['applicant.recognitions', 'application.day']),
  'recognised-as-quality-outlet': rule('recognised-as-quality-outlet', 'application', ['applicant.recognitions', 'application.day']),
  'recognised-as-city-training-base': rule('recognised-as-city-training-base', 'application', ['applicant.recognitions', 'application.day']),
  'recognised-as-district-training-base': rule('recognised-as-district-training-base', 'application', ['applicant.recognitions', 'application.day']),
  'course-standard-approved': rule('course-standard-approved', 'application', ['applicant.recognitions', 'application.day']),
  'award-not-granted-before': rule('award-not-granted-before', 'application', ['ledger.awards', 'applicant.recognitions']),
  'average-labour-contract-headcount': rule('average-labour-contract-headcount', 'application', ['worker.employment-terms']),
  'amount-above-zero': rule('amount-above-zero', 'application', ['worker.employment-terms', 'ledger.person-years', 'insurance.enrolments']),
  'labour-contract-most-of-year': rule('labour-contract-most-of-year', 'person', ['worker.employment-terms']),
  'person-not-paid-this-year': rule('person-not-paid-this-year', 'person', ['ledger.person-years']),
  'graduate-consent-given': rule('graduate-consent-given', 'person', ['worker.graduate-consent']),
  'graduate-data-recorded': rule('graduate-data-recorded', 'person', ['worker.graduation']),
  'graduate-school-type-qualifies': rule('graduate-school-type-qualifies', 'person', ['worker.graduation']),
  'graduate-recent-when-hired': rule('graduate-recent-when-hired', 'person', ['worker.graduation', 'worker.employment-terms']),
  'graduate-within-year-limit': rule('graduate-within-year-limit', 'person', ['ledger.person-years']),
};

/** A JSON value as the evidence keeps it. */
export type FactValue = string | number | boolean | null | FactValue[] | { [key: string]: FactValue };

/**
 * One fact a rule read, for whom, and the value it saw. A personal fact's reading has no
 * value: that it was read is evidence enough, and what it said stays encrypted where it is kept.
 */
export interface FactReading {
  fact: FactId;
  /** The tenant, worker or recognition the fact is about. */
  subject: string;
  value?: FactValue;
}

/** A rule's outcome: passed or not, in words an applicant and an officer read, and what it read. */
export interface RuleResult {
  rule: RuleId;
  passed: boolean;
  detail: string;
  facts: FactReading[];
  /** The worker a person rule was checked for. */
  workerId?: string;
}
