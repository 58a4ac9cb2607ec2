/**
 * What the subsidy rules read (docs/subsidies.md "Facts"): the typed facts object a
 * service gathers for one application, and the catalogue of fact ids a rule names when it
 * reports what it read. Several facts are not on the platform yet; the catalogue says which
 * (`held: 'not-yet'`) so the step that records them knows what to add.
 *
 * Personal facts (`personal: true`) are read to decide but never echoed: a rule's reading
 * of one carries no value, and the evidence snapshot keeps only whether it was there.
 */
import type { Role } from '../../auth/roles';
import type { PublicCreditRecord } from '../credit/facts';
import type { SubsidyEnrolment } from '../insurance/subsidy';
import type { DocumentKind, SchemeId } from './schemes';

export const FACT_IDS = [
  'applicant.role',
  'applicant.public-credit',
  'applicant.employment-model',
  'applicant.recognitions',
  'application.day',
  'application.documents',
  'worker.employment-terms',
  'worker.graduate-consent',
  'worker.graduation',
  'ledger.person-years',
  'ledger.awards',
  'insurance.enrolments',
] as const;
export type FactId = (typeof FACT_IDS)[number];

export const FACT_HELD = ['on-platform', 'not-yet', 'request'] as const;
export type FactHeld = (typeof FACT_HELD)[number];

export interface FactDefinition {
  id: FactId;
  /**
   * `on-platform`: recorded today; `not-yet`: a later step adds it (docs/subsidies.md
   * "Facts"); `request`: the application itself or the clock supplies it.
   */
  held: FactHeld;
  /** Personal information of a worker: decided on, never shown in readings, events or logs. */
  personal: boolean;
}

export const FACTS: Readonly<Record<FactId, FactDefinition>> = {
  'applicant.role': { id: 'applicant.role', held: 'on-platform', personal: false },
  'applicant.public-credit': { id: 'applicant.public-credit', held: 'on-platform', personal: false },
  'applicant.employment-model': { id: 'applicant.employment-model', held: 'on-platform', personal: false },
  'applicant.recognitions': { id: 'applicant.recognitions', held: 'on-platform', personal: false },
  'application.day': { id: 'application.day', held: 'request', personal: false },
  'application.documents': { id: 'application.documents', held: 'request', personal: false },
  'worker.employment-terms': { id: 'worker.employment-terms', held: 'on-platform', personal: false },
  'worker.graduate-consent': { id: 'worker.graduate-consent', held: 'on-platform', personal: false },
  'worker.graduation': { id: 'worker.graduation', held: 'on-platform', personal: true },
  'ledger.person-years': { id: 'ledger.person-years', held: 'on-platform', personal: false },
  'ledger.awards': { id: 'ledger.awards', held: 'on-platform', personal: false },
  'insurance.enrolments': { id: 'insurance.enrolments', held: 'on-platform', personal: false },
};

/** 员工制: the enterprise contracts with the household and employs the worker; 中介制: it only places them. */
export const EMPLOYMENT_MODELS = ['employee-system', 'intermediary'] as const;
export type EmploymentModel = (typeof EMPLOYMENT_MODELS)[number];

/** An admin's record of an enterprise's model, from a day, with the decision it rests on. */
export interface EmploymentModelRecord {
  recordId: string;
  model: EmploymentModel;
  /** `YYYY-MM-DD`, first day in effect. */
  effectiveOn: string;
  /** `YYYY-MM-DD`, last day in effect; absent = open-ended. */
  until?: string;
  /** A reference to the decision or inspection report, never personal data. */
  evidenceRef: string;
}

export const RECOGNITION_KINDS = [
  'leading-enterprise',
  'trustworthy-enterprise',
  'quality-service-outlet',
  'city-training-base',
  'district-training-base',
  'course-standard',
] as const;
export type RecognitionKind = (typeof RECOGNITION_KINDS)[number];

/** Kinds recognised per item (an outlet, a course standard) rather than per tenant: they carry `subjectRef`. */
export const PER_ITEM_RECOGNITIONS: readonly RecognitionKind[] = ['quality-service-outlet', 'course-standard'];

/** A recognition an admin recorded (龙头企业, 诚信企业, 优质服务网点, 培训基地, 课程标准). */
export interface Recognition {
  recognitionId: string;
  kind: RecognitionKind;
  /** The tenant recognised (the enterprise, or the training base). */
  tenantId: string;
  /** `YYYY-MM-DD` of the recognition decision: its year is the year of the award. */
  awardedOn: string;
  /** The outlet or the course standard recognised, for per-item kinds (the programme's own reference). */
  subjectRef?: string;
  /** `YYYY-MM-DD` it was revoked, if it was. */
  revokedOn?: string;
  evidenceRef: string;
}

/** 劳动合同 (labour contract) or 服务协议 (service agreement). */
export const EMPLOYMENT_TYPES = ['labour-contract', 'service-agreement'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/** One stretch of a worker's employment at the applicant under one type; days inclusive. */
export interface EmploymentTerm {
  type: EmploymentType;
  from: string;
  /** Last day; absent = still running. */
  until?: string;
  /**
   * `YYYY-MM-DD` the employer recorded it. Not read by the rules: kept in the evidence so an
   * officer sees a term recorded after the year it counts for, and asks for the contract.
   */
  recordedOn?: string;
}

/**
 * School types counted as 高校毕业生 for the graduate scheme, and `other` for those that
 * are not (docs/subsidies.md "`graduate-employment`").
 */
export const SCHOOL_TYPES = ['higher-education', 'technician-college-advanced', 'special-education-vocational', 'other'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

/** A worker's graduation, as the graduate scheme reads it. Personal: stored encrypted. */
export interface GraduationFacts {
  /** The worker's `subsidy-graduate` consent is open. Without it nothing below is read. */
  consented: boolean;
  /** Year only: the programme records no more than the rule needs. */
  recorded?: { graduationYear: number; schoolType: SchoolType };
}

/** One person a per-person scheme reads: named by the applicant (graduates) or employed by it in the year. */
export interface PersonFacts {
  workerId: string;
  /** The worker's terms at the applicant, oldest first. */
  terms: EmploymentTerm[];
  /** Only for the graduate scheme. */
  graduation?: GraduationFacts;
  /** Years this person was already paid under the scheme, by any applicant (the ledger). */
  paidYears: number[];
}

/** A document the applicant refers to: Anxin stores no files, only the reference and its digest. */
export interface DocumentRef {
  kind: DocumentKind;
  ref: string;
  /** SHA-256 of the document's bytes, lower-case hex. */
  sha256: string;
}

/** Where a fact was read from: the record's trace head when it was read (the evidence's anchor). */
export interface FactSource {
  fact: FactId;
  /** The record read: a tenant, worker, policy or ledger id. */
  subject: string;
  traceHead: { seq: number; hash: string };
}

/** Everything one application is decided on. The service gathers it; the rules only read it. */
export interface SubsidyFacts {
  schemeId: SchemeId;
  year: number;
  /** `YYYY-MM-DD` in Asia/Shanghai: the day of the submission (or of the supplement). */
  today: string;
  applicant: {
    tenantId: string;
    role: Role;
    /** The applicant's public-credit records (black-list entries are what the rules read). */
    publicRecords: PublicCreditRecord[];
    employmentModel: EmploymentModelRecord[];
    recognitions: Recognition[];
  };
  /** For per-item awards: the recognition the application is for. */
  recognitionId?: string;
  documents: DocumentRef[];
  /** Award subjects of this scheme already granted (the ledger). */
  awardedSubjects: string[];
  /** Per-person schemes: the graduates named, or everyone employed by the applicant in the year. */
  persons: PersonFacts[];
  /** The insurance scheme: each worker on the applicant's rosters in the year with ALL their enrolments. */
  insuredWorkers: { workerId: string; enrolments: SubsidyEnrolment[] }[];
  sources: FactSource[];
}
