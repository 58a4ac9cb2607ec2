/**
 * The programme's subsidy schemes as data (docs/subsidies.md "The schemes"): who applies,
 * for which period, by which rules, for how much, with which limits and documents. Money is
 * integer fen. A change to any of it is a new `SCHEME_CATALOGUE_VERSION`: every application
 * keeps the version it was decided under.
 *
 * The insurance premium scheme states no numbers of its own: its amount and caps are the
 * insurance subsidy's (shared/domain/insurance/subsidy.ts), so that an application and
 * GET /v1/insurance/subsidy can never disagree.
 */
import type { Role } from '../../auth/roles';
import { SUBSIDY_CAP_PER_WORKER_YEAR_FEN, SUBSIDY_MAX_YEARS } from '../insurance/subsidy';
import type { RecognitionKind, SchoolType } from './facts';
import type { RuleId } from './rules';

export const SCHEME_CATALOGUE_VERSION = '2026.1';

export const SCHEME_IDS = [
  'leading-enterprise-award',
  'trustworthy-enterprise-award',
  'quality-outlet-award',
  'employee-system-enterprise',
  'graduate-employment',
  'city-training-base',
  'district-training-base',
  'course-standard-introduction',
  'insurance-premium',
] as const;
export type SchemeId = (typeof SCHEME_IDS)[number];

export const isSchemeId = (value: unknown): value is SchemeId => SCHEME_IDS.includes(value as SchemeId);

/** Documents an application refers to (by reference and digest: Anxin stores no files). */
export const DOCUMENT_KINDS = [
  'application-form',
  'business-licence',
  'bank-account',
  'labour-contracts',
  'social-insurance-record',
  'graduation-certificate',
  'premium-payment-receipt',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_LABELS: Readonly<Record<DocumentKind, string>> = {
  'application-form': '补贴申请表',
  'business-licence': '营业执照或登记证书',
  'bank-account': '单位银行账户信息',
  'labour-contracts': '劳动合同',
  'social-insurance-record': '社会保险缴费明细',
  'graduation-certificate': '毕业证书',
  'premium-payment-receipt': '保费缴纳凭证',
};

/** How much a scheme allows (amount.ts computes it). */
export type AmountRule =
  /** One amount per award. */
  | { kind: 'fixed'; amountFen: number }
  /** One amount per person who counts, once per person and year. */
  | { kind: 'per-person-year'; perPersonFen: number }
  /** The applicant's share of the insurance premium subsidy for the year, by the insurance rules. */
  | { kind: 'insurance-premium-share' };

/**
 * The days an application for `year` is accepted: from 1 January of `year + opensAfter`
 * through 31 December of `year + closesAfter`.
 */
export interface ApplicationWindow {
  opensAfter: 0 | 1;
  closesAfter: 1;
}

/** How a per-person scheme reads its people. */
export interface PersonRules {
  /** `named`: the applicant names them; `employed`: everyone employed by the applicant in the year. */
  source: 'named' | 'employed';
  rules: readonly RuleId[];
  /** `refuses`: one person failing refuses the application; `not-counted`: that person is left out. */
  failing: 'refuses' | 'not-counted';
}

export interface SchemeLimits {
  /** At most this much per person and year, across every applicant. */
  perPersonYearFen?: number;
  /** At most this many years per person, across every applicant. */
  maxYearsPerPerson?: number;
  /** `once-per-subject`: a one-off award is paid once per subject, ever; `once-per-year`: one paid application per applicant and year. */
  perApplicant: 'once-per-subject' | 'once-per-year';
  /** Where the per-person limits are enforced: by the ledger's keys, or inside the insurance rules (shared caps). */
  personLimitsBy?: 'ledger' | 'insurance-rules';
}

export interface SubsidyScheme {
  id: SchemeId;
  nameZh: string;
  nameEn: string;
  /** The role of the tenant who applies. */
  applicant: Extract<Role, 'enterprise' | 'training-base'>;
  period: 'one-off' | 'yearly';
  window: ApplicationWindow;
  /** Application rules, in the order they are checked and reported. */
  rules: readonly RuleId[];
  persons?: PersonRules;
  /** Awards: the recognition that earns it, and what the once-only key is on. */
  award?: { recognition: RecognitionKind; subject: 'applicant' | 'recognised-item' };
  amount: AmountRule;
  limits: SchemeLimits;
  documents: readonly DocumentKind[];
  /** The graduate scheme's parameters. */
  graduate?: { hiredWithinYearsOfGraduating: number; qualifyingSchoolTypes: readonly SchoolType[] };
  /** The employee-system scheme's size condition: the year's average month-end headcount on labour contracts. */
  minAverageHeadcount?: number;
  /** The programme's stated yearly pool, for reference: the budget an admin sets is what approvals draw on. */
  indicativeYearlyBudgetFen?: number;
}

/** One-off awards: decided in the year of the recognition, applied for until the end of the next year. */
const ONE_OFF_WINDOW: ApplicationWindow = { opensAfter: 0, closesAfter: 1 };
/** Yearly schemes are assessed on the whole calendar year, so they open when it has ended. */
const YEARLY_WINDOW: ApplicationWindow = { opensAfter: 1, closesAfter: 1 };

const BASE_DOCUMENTS: readonly DocumentKind[] = ['application-form', 'business-licence', 'bank-account'];

const award = (
  id: SchemeId,
  nameZh: string,
  nameEn: string,
  applicant: 'enterprise' | 'training-base',
  recognition: RecognitionKind,
  recognitionRule: RuleId,
  subject: 'applicant' | 'recognised-item',
  amountFen: number,
): SubsidyScheme => ({
  id,
  nameZh,
  nameEn,
  applicant,
  period: 'one-off',
  window: ONE_OFF_WINDOW,
  rules: [
    applicant === 'enterprise' ? 'applicant-is-enterprise' : 'applicant-is-training-base',
    'applicant-not-blacklisted',
    'application-window-open',
    recognitionRule,
    'award-not-granted-before',
    'required-documents-provided',
  ],
  award: { recognition, subject },
  amount: { kind: 'fixed', amountFen },
  limits: { perApplicant: 'once-per-subject' },
  documents: BASE_DOCUMENTS,
});

export const SCHEMES: Readonly<Record<SchemeId, SubsidyScheme>> = {
  'leading-enterprise-award': award(
    'leading-enterprise-award',
    '家政龙头企业一次性奖补',
    'Leading enterprise award',
    'enterprise',
    'leading-enterprise',
    'recognised-as-leading-enterprise',
    'applicant',
    30_000_000,
  ),
  'trustworthy-enterprise-award': award(
    'trustworthy-enterprise-award',
    '家政诚信企业一次性奖补',
    'Trustworthy enterprise award',
    'enterprise',
    'trustworthy-enterprise',
    'recognised-as-trustworthy-enterprise',
    'applicant',
    20_000_000,
  ),
  'quality-outlet-award': award(
    'quality-outlet-award',
    '优质家政服务网点一次性奖补',
    'Quality service outlet award',
    'enterprise',
    'quality-service-outlet',
    'recognised-as-quality-outlet',
    'recognised-item',
    10_000_000,
  ),
  'employee-system-enterprise': {
    id: 'employee-system-enterprise',
    nameZh: '员工制家政企业吸纳就业补贴',
    nameEn: 'Employee-system enterprise subsidy',
    applicant: 'enterprise',
    period: 'yearly',
    window: YEARLY_WINDOW,
    rules: [
      'applicant-is-enterprise',
      'applicant-not-blacklisted',
      'application-window-open',
      'enterprise-is-employee-system',
      'average-labour-contract-headcount',
      'amount-above-zero',
      'required-documents-provided',
    ],
    persons: { source: 'employed', rules: ['labour-contract-most-of-year', 'person-not-paid-this-year'], failing: 'not-counted' },
    amount: { kind: 'per-person-year', perPersonFen: 100_000 },
    limits: { perPersonYearFen: 100_000, perApplicant: 'once-per-year', personLimitsBy: 'ledger' },
    documents: [...BASE_DOCUMENTS, 'labour-contracts', 'social-insurance-record'],
    minAverageHeadcount: 30,
    indicativeYearlyBudgetFen: 5_000_000_000,
  },
  'graduate-employment': {
    id: 'graduate-employment',
    nameZh: '高校毕业生到员工制家政企业就业补贴',
    nameEn: 'College graduate employment subsidy',
    applicant: 'enterprise',
    period: 'yearly',
    window: YEARLY_WINDOW,
    rules: ['applicant-is-enterprise', 'applicant-not-blacklisted', 'application-window-open', 'enterprise-is-employee-system', 'amount-above-zero', 'required-documents-provided'],
    persons: {
      source: 'named',
      rules: [
        'graduate-consent-given',
        'graduate-data-recorded',
        'graduate-school-type-qualifies',
        'graduate-recent-when-hired',
        'labour-contract-most-of-year',
        'graduate-within-year-limit',
        'person-not-paid-this-year',
      ],
      failing: 'refuses',
    },
    amount: { kind: 'per-person-year', perPersonFen: 1_000_000 },
    limits: { perPersonYearFen: 1_000_000, maxYearsPerPerson: 3, perApplicant: 'once-per-year', personLimitsBy: 'ledger' },
    documents: [...BASE_DOCUMENTS, 'labour-contracts', 'social-insurance-record', 'graduation-certificate'],
    graduate: { hiredWithinYearsOfGraduating: 2, qualifyingSchoolTypes: ['higher-education', 'technician-college-advanced', 'special-education-vocational'] },
  },
  'city-training-base': award(
    'city-training-base',
    '市级家政服务培训基地一次性补贴',
    'City-level training base grant',
    'training-base',
    'city-training-base',
    'recognised-as-city-training-base',
    'applicant',
    30_000_000,
  ),
  'district-training-base': award(
    'district-training-base',
    '区级家政服务培训基地一次性补贴',
    'District-level training base grant',
    'training-base',
    'district-training-base',
    'recognised-as-district-training-base',
    'applicant',
    10_000_000,
  ),
  'course-standard-introduction': award(
    'course-standard-introduction',
    '引进家政培训课程标准补贴',
    'Course standard introduction grant',
    'training-base',
    'course-standard',
    'course-standard-approved',
    'recognised-item',
    5_000_000,
  ),
  'insurance-premium': {
    id: 'insurance-premium',
    nameZh: '家政服务商业保险保费补贴',
    nameEn: 'Insurance premium subsidy',
    applicant: 'enterprise',
    period: 'yearly',
    window: YEARLY_WINDOW,
    rules: ['applicant-is-enterprise', 'applicant-not-blacklisted', 'application-window-open', 'amount-above-zero', 'required-documents-provided'],
    amount: { kind: 'insurance-premium-share' },
    limits: {
      perPersonYearFen: SUBSIDY_CAP_PER_WORKER_YEAR_FEN,
      maxYearsPerPerson: SUBSIDY_MAX_YEARS,
      perApplicant: 'once-per-year',
      personLimitsBy: 'insurance-rules',
    },
    documents: [...BASE_DOCUMENTS, 'premium-payment-receipt'],
  },
};

/** The first and last day an application for `year` is accepted under `scheme`. */
export function applicationWindow(scheme: SubsidyScheme, year: number): { opensOn: string; closesOn: string } {
  return { opensOn: `${year + scheme.window.opensAfter}-01-01`, closesOn: `${year + scheme.window.closesAfter}-12-31` };
}
