/**
 * The person rules (docs/subsidies.md "Rules"): checked for each person a per-person scheme
 * reads, in the order the scheme lists them. Every rule gives a result even when an earlier
 * one failed, so an applicant sees everything that is missing at once; a rule that cannot
 * be checked (no consent, nothing recorded) fails and says why.
 *
 * Graduation data is personal: no detail or reading here carries its year or school type.
 */
import { hiredOn, labourContractDays, moreThanHalfOfYear, daysInYear } from './employment-days';
import type { PersonFacts } from './facts';
import type { FactReading, RuleId, RuleResult } from './rules';
import type { SubsidyScheme } from './schemes';

type PersonRule = (scheme: SubsidyScheme, year: number, person: PersonFacts) => Omit<RuleResult, 'rule' | 'workerId'>;

const reading = (fact: FactReading['fact'], person: PersonFacts, value?: FactReading['value']): FactReading =>
  value === undefined ? { fact, subject: person.workerId } : { fact, subject: person.workerId, value };

/** Why the graduation rules cannot read anything, or undefined when they can. */
function graduationUnreadable(person: PersonFacts): string | undefined {
  if (person.graduation?.consented !== true) return 'cannot be checked: the worker has not given the subsidy-graduate consent';
  if (!person.graduation.recorded) return 'cannot be checked: no graduation is recorded for the worker';
  return undefined;
}

const PERSON_RULES: Partial<Record<RuleId, PersonRule>> = {
  'labour-contract-most-of-year': (_, year, person) => {
    const days = labourContractDays(person.terms, year);
    const total = daysInYear(year);
    return {
      passed: moreThanHalfOfYear(days, year),
      detail: `on a labour contract with the applicant ${days} of the ${total} days of ${year}; more than half the year is needed`,
      facts: [reading('worker.employment-terms', person, { labourContractDays: days, daysInYear: total })],
    };
  },

  'person-not-paid-this-year': (_, year, person) => {
    const paid = person.paidYears.includes(year);
    return {
      passed: !paid,
      // Which applicant was paid is not said: that is another tenant's business.
      detail: paid ? `already paid under this scheme for ${year}` : `not paid under this scheme for ${year}`,
      facts: [reading('ledger.person-years', person, { paidThisYear: paid })],
    };
  },

  'graduate-within-year-limit': (scheme, year, person) => {
    const max = scheme.limits.maxYearsPerPerson ?? Number.POSITIVE_INFINITY;
    const before = new Set(person.paidYears.filter((y) => y !== year)).size;
    return {
      passed: before < max,
      detail: `paid under this scheme for ${before} other year(s); at most ${max} years per person`,
      facts: [reading('ledger.person-years', person, { yearsPaidOtherwise: before })],
    };
  },

  'graduate-consent-given': (_, __, person) => {
    const consented = person.graduation?.consented === true;
    return {
      passed: consented,
      detail: consented ? 'the subsidy-graduate consent is given' : 'the worker has not given the subsidy-graduate consent',
      facts: [reading('worker.graduate-consent', person, { open: consented })],
    };
  },

  'graduate-data-recorded': (_, __, person) => {
    if (person.graduation?.consented !== true) return { passed: false, detail: graduationUnreadable(person)!, facts: [] };
    const recorded = person.graduation.recorded !== undefined;
    return {
      passed: recorded,
      detail: recorded ? 'a graduation is recorded for the worker' : 'no graduation is recorded for the worker',
      facts: [reading('worker.graduation', person)],
    };
  },

  'graduate-school-type-qualifies': (scheme, _, person) => {
    const unreadable = graduationUnreadable(person);
    if (unreadable) return { passed: false, detail: unreadable, facts: [] };
    const qualifies = scheme.graduate!.qualifyingSchoolTypes.includes(person.graduation!.recorded!.schoolType);
    return {
      passed: qualifies,
      detail: qualifies ? 'the recorded school type is one the scheme counts' : 'the recorded school type is not one the scheme counts',
      facts: [reading('worker.graduation', person)],
    };
  },

  'graduate-recent-when-hired': (scheme, year, person) => {
    const unreadable = graduationUnreadable(person);
    if (unreadable) return { passed: false, detail: unreadable, facts: [] };
    const hired = hiredOn(person.terms, year);
    const terms = reading('worker.employment-terms', person, { hiredOn: hired ?? null });
    if (hired === undefined) return { passed: false, detail: `cannot be checked: no labour contract with the applicant in ${year}`, facts: [terms] };
    const within = scheme.graduate!.hiredWithinYearsOfGraduating;
    const gap = Number(hired.slice(0, 4)) - person.graduation!.recorded!.graduationYear;
    const detail =
      gap < 0
        ? 'hired on the labour contract before graduating'
        : gap <= within
          ? `hired on the labour contract within ${within} years of graduating`
          : `hired on the labour contract more than ${within} years after graduating`;
    return { passed: gap >= 0 && gap <= within, detail, facts: [reading('worker.graduation', person), terms] };
  },
};

export const PERSON_RULE_IDS = Object.keys(PERSON_RULES) as RuleId[];

/** The scheme's person rules for one person, in the scheme's order. */
export function evaluatePerson(scheme: SubsidyScheme, year: number, person: PersonFacts): RuleResult[] {
  return (scheme.persons?.rules ?? []).map((rule) => {
    const check = PERSON_RULES[rule];
    if (!check) throw new Error(`${rule} is not a person rule`);
    return { rule, ...check(scheme, year, person), workerId: person.workerId };
  });
}
