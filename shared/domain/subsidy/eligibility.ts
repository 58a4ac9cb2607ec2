/**
 * Is an application eligible (docs/subsidies.md "Rules")? Every rule of the scheme is
 * checked — none stops the others — and each gives its result, its reason in words and the
 * facts it read, so a refusal names every failed rule at once and an approval keeps what it
 * rested on. Pure: the facts are gathered by the service and passed in.
 *
 * A per-person scheme checks its person rules too: for the graduate scheme each named
 * person's results are part of the report (one failing person refuses the application, and
 * the applicant sees which and why); for the employee-system scheme they only decide who is
 * counted (amount.ts), and the report says how many.
 */
import { isCalendarDay } from '../../lib/shanghai-day';
import { publicCreditTotals } from '../credit/public-credit';
import { allowedAmount, type AmountResult } from './amount';
import { checkTerms, monthEndHeadcounts } from './employment-days';
import { PER_ITEM_RECOGNITIONS, type Recognition, type RecognitionKind, type SubsidyFacts } from './facts';
import { awardSubject } from './payment-keys';
import type { FactReading, RuleId, RuleResult } from './rules';
import { applicationWindow, SCHEME_CATALOGUE_VERSION, type SubsidyScheme } from './schemes';

export interface EligibilityResult {
  catalogueVersion: string;
  schemeId: SubsidyScheme['id'];
  year: number;
  applicantId: string;
  /** Every rule in `rules` passed. */
  eligible: boolean;
  /** Application rules in the scheme's order, then (graduate scheme) each named person's rules. */
  rules: RuleResult[];
  /** The ids of the failed rules, each once, in the order of `rules`. */
  failedRules: RuleId[];
  amount: AmountResult;
}

type Check = (scheme: SubsidyScheme, facts: SubsidyFacts, amount: AmountResult) => Omit<RuleResult, 'rule'>;

const applicantReading = (facts: SubsidyFacts, fact: FactReading['fact'], value: FactReading['value']): FactReading => ({
  fact,
  subject: facts.applicant.tenantId,
  value,
});

const recognitionValue = (r: Recognition | undefined) =>
  r ? { recognitionId: r.recognitionId, kind: r.kind, awardedOn: r.awardedOn, evidenceRef: r.evidenceRef, ...(r.subjectRef !== undefined ? { subjectRef: r.subjectRef } : {}) } : null;

/** A recognition of `kind` that counts for this application: the applicant's, of the year, not revoked by the day. */
function recognitionFor(facts: SubsidyFacts, kind: RecognitionKind): { found?: Recognition; problem?: string } {
  const perItem = PER_ITEM_RECOGNITIONS.includes(kind);
  if (perItem && facts.recognitionId === undefined) return { problem: `the application names no ${kind} recognition` };
  const candidates = facts.applicant.recognitions.filter(
    (r) => r.kind === kind && r.tenantId === facts.applicant.tenantId && (!perItem || r.recognitionId === facts.recognitionId),
  );
  if (candidates.length === 0) return { problem: perItem ? `recognition ${facts.recognitionId} is not a ${kind} recognition of the applicant` : `the applicant holds no ${kind} recognition` };
  const ofYear = candidates.filter((r) => Number(r.awardedOn.slice(0, 4)) === facts.year && r.awardedOn <= facts.today);
  if (ofYear.length === 0) return { problem: `the ${kind} recognition was not awarded in ${facts.year}` };
  const standing = ofYear.find((r) => r.revokedOn === undefined || r.revokedOn > facts.today);
  if (!standing) return { found: ofYear[0]!, problem: `the ${kind} recognition was revoked` };
  return { found: standing };
}

const recognised =
  (kind: RecognitionKind): Check =>
  (_, facts) => {
    const { found, problem } = recognitionFor(facts, kind);
    return {
      passed: problem === undefined,
      detail: problem ?? `recognised as ${kind} on ${found!.awardedOn} (${found!.evidenceRef})`,
      facts: [applicantReading(facts, 'applicant.recognitions', recognitionValue(found)), applicantReading(facts, 'application.day', facts.today)],
    };
  };

const CHECKS: Record<Exclude<RuleId, RuleIdOfPerson>, Check> = {
  'applicant-is-enterprise': (_, facts) => ({
    passed: facts.applicant.role === 'enterprise',
    detail: facts.applicant.role === 'enterprise' ? 'the applicant is an enterprise' : `only an enterprise applies; the applicant is a ${facts.applicant.role}`,
    facts: [applicantReading(facts, 'applicant.role', facts.applicant.role)],
  }),

  'applicant-is-training-base': (_, facts) => ({
    passed: facts.applicant.role === 'training-base',
    detail: facts.applicant.role === 'training-base' ? 'the applicant is a training base' : `only a training base applies; the applicant is a ${facts.applicant.role}`,
    facts: [applicantReading(facts, 'applicant.role', facts.applicant.role)],
  }),

  'applicant-not-blacklisted': (_, facts) => {
    // The credit rules' own reading of the records (and their checks), on the one day that matters.
    const { blacklisted } = publicCreditTotals(facts.applicant.publicRecords, facts.today, facts.today);
    const entries = facts.applicant.publicRecords
      .filter((r) => r.kind === 'blacklist' && r.effectiveOn <= facts.today && (r.until === undefined || r.until >= facts.today))
      .map((r) => r.recordId);
    return {
      passed: !blacklisted,
      detail: blacklisted ? `on the black list on ${facts.today} (${entries.join(', ')})` : `not on the black list on ${facts.today}`,
      facts: [applicantReading(facts, 'applicant.public-credit', { blacklistEntries: entries }), applicantReading(facts, 'application.day', facts.today)],
    };
  },

  'application-window-open': (scheme, facts) => {
    const { opensOn, closesOn } = applicationWindow(scheme, facts.year);
    const open = opensOn <= facts.today && facts.today <= closesOn;
    const detail = open
      ? `applications for ${facts.year} are accepted ${opensOn} to ${closesOn}`
      : facts.today < opensOn
        ? `applications for ${facts.year} open on ${opensOn}`
        : `applications for ${facts.year} closed on ${closesOn}`;
    return { passed: open, detail, facts: [applicantReading(facts, 'application.day', { today: facts.today, opensOn, closesOn })] };
  },

  'required-documents-provided': (scheme, facts) => {
    const provided = [...new Set(facts.documents.map((d) => d.kind))].sort();
    const missing = scheme.documents.filter((kind) => !provided.includes(kind));
    return {
      passed: missing.length === 0,
      detail: missing.length === 0 ? 'every required document is referred to' : `missing documents: ${missing.join(', ')}`,
      facts: [applicantReading(facts, 'application.documents', { kinds: provided })],
    };
  },

  'enterprise-is-employee-system': (_, facts) => {
    // A yearly scheme speaks for the year: the model in effect on its last day decides.
    const day = `${facts.year}-12-31`;
    const inEffect = facts.applicant.employmentModel
      .filter((r) => r.effectiveOn <= day && (r.until === undefined || r.until >= day))
      .sort((a, b) => (a.effectiveOn < b.effectiveOn ? 1 : a.effectiveOn > b.effectiveOn ? -1 : 0))[0];
    const passed = inEffect?.model === 'employee-system';
    const detail = !inEffect ? `no employment model is recorded for the applicant on ${day}` : passed ? `employee-system (员工制) on ${day} (${inEffect.evidenceRef})` : `recorded as ${inEffect.model} on ${day}`;
    const value = inEffect ? { recordId: inEffect.recordId, model: inEffect.model, effectiveOn: inEffect.effectiveOn, evidenceRef: inEffect.evidenceRef, on: day } : null;
    return { passed, detail, facts: [applicantReading(facts, 'applicant.employment-model', value)] };
  },

  'recognised-as-leading-enterprise': recognised('leading-enterprise'),
  'recognised-as-trustworthy-enterprise': recognised('trustworthy-enterprise'),
  'recognised-as-quality-outlet': recognised('quality-service-outlet'),
  'recognised-as-city-training-base': recognised('city-training-base'),
  'recognised-as-district-training-base': recognised('district-training-base'),
  'course-standard-approved': recognised('course-standard'),

  'award-not-granted-before': (scheme, facts) => {
    const subject = awardSubject(scheme, facts);
    if (subject === undefined) return { passed: false, detail: 'cannot be checked: the application names no recognised item', facts: [] };
    const granted = facts.awardedSubjects.includes(subject);
    return {
      passed: !granted,
      detail: granted ? 'this award was granted before: it is paid once' : 'this award has not been granted before',
      facts: [applicantReading(facts, 'ledger.awards', { subject, granted })],
    };
  },

  'average-labour-contract-headcount': (scheme, facts) => {
    const counts = monthEndHeadcounts(facts.persons, facts.year);
    const sum = counts.reduce((s, n) => s + n, 0);
    const min = scheme.minAverageHeadcount ?? 0;
    // Compared as sums (integers): no average is rounded before it is compared.
    const passed = sum >= min * counts.length;
    return {
      passed,
      detail: `on average ${(sum / counts.length).toFixed(2)} workers on labour contracts at the month ends of ${facts.year}; at least ${min} are needed`,
      facts: [applicantReading(facts, 'worker.employment-terms', { monthEndHeadcounts: counts })],
    };
  },

  'amount-above-zero': (scheme, facts, amount) => {
    const readings: FactReading[] =
      scheme.amount.kind === 'insurance-premium-share'
        ? [applicantReading(facts, 'insurance.enrolments', { workersEnrolled: amount.insurance?.workersEnrolled ?? 0, subsidyFen: amount.allowedFen })]
        : [applicantReading(facts, 'worker.employment-terms', { personsCounted: (amount.persons ?? []).filter((p) => p.counted).length, persons: (amount.persons ?? []).length })];
    return {
      passed: amount.allowedFen > 0,
      detail: amount.allowedFen > 0 ? `the rules allow ${amount.allowedFen} fen` : 'the rules allow nothing for this application',
      facts: readings,
    };
  },
};

/** Person rules are person-rules.ts's; this file checks the others. */
type RuleIdOfPerson =
  | 'labour-contract-most-of-year'
  | 'person-not-paid-this-year'
  | 'graduate-consent-given'
  | 'graduate-data-recorded'
  | 'graduate-school-type-qualifies'
  | 'graduate-recent-when-hired'
  | 'graduate-within-year-limit';

/** The rules this file checks, for the test that every rule is checked by exactly one file. */
export const APPLICATION_RULE_IDS = Object.keys(CHECKS) as RuleId[];

/** Guards against facts no service should produce: they would be decided on, not refused. */
function checkFacts(scheme: SubsidyScheme, facts: SubsidyFacts): void {
  if (facts.schemeId !== scheme.id) throw new Error(`facts for ${facts.schemeId} evaluated under ${scheme.id}`);
  if (!Number.isInteger(facts.year) || facts.year < 1000 || facts.year > 9998) throw new Error(`year ${facts.year} is not a four-digit year`);
  if (!isCalendarDay(facts.today)) throw new Error(`today ${facts.today} is not a calendar day`);
  for (const p of facts.persons) checkTerms(p.terms, `terms of worker ${p.workerId}`);
}

export function evaluateEligibility(scheme: SubsidyScheme, facts: SubsidyFacts): EligibilityResult {
  checkFacts(scheme, facts);
  const amount = allowedAmount(scheme, facts);
  const rules: RuleResult[] = scheme.rules.map((rule) => {
    const check = CHECKS[rule as Exclude<RuleId, RuleIdOfPerson>];
    if (!check) throw new Error(`${rule} is not an application rule`);
    return { rule, ...check(scheme, facts, amount) };
  });
  if (scheme.persons?.failing === 'refuses') rules.push(...(amount.personResults ?? []));
  const failedRules = [...new Set(rules.filter((r) => !r.passed).map((r) => r.rule))];
  return {
    catalogueVersion: SCHEME_CATALOGUE_VERSION,
    schemeId: scheme.id,
    year: facts.year,
    applicantId: facts.applicant.tenantId,
    eligible: failedRules.length === 0,
    rules,
    failedRules,
    amount,
  };
}
