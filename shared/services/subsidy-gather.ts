/**
 * Gathers the facts one subsidy application is decided on (shared/domain/subsidy/facts.ts
 * SubsidyFacts) for the schemes whose facts the platform holds: the applicant's role, its
 * public-credit records, the model and recognitions an admin recorded, the ledger of awards
 * and, for the insurance premium subsidy, its insured workers read exactly as
 * GET /v1/insurance/subsidy reads them. Each fact's source keeps the record's head at the
 * time it was read (its trace head, or for the records kept without a trace their version
 * and the hash of their stored state), so the evidence points at the exact state it used.
 *
 * The per-person schemes (employee-system-enterprise, graduate-employment) read their persons
 * through subsidy-persons.ts: each person's terms at the applicant, the graduation for the
 * graduate scheme (with the consent only), and the years the ledger already paid them.
 */
import type { Role } from '../auth/roles';
import type { PublicCreditRecord } from '../domain/credit/facts';
import type { DocumentRef, FactSource, SubsidyFacts } from '../domain/subsidy/facts';
import { awardKey, awardSubject } from '../domain/subsidy/payment-keys';
import type { SchemeId, SubsidyScheme } from '../domain/subsidy/schemes';
import { canonicalHash } from '../lib/hash';
import type { StoreContext } from '../store/client';
import { creditGradesRepository } from '../store/credit-grades-repository';
import { subsidyApplicationsRepository } from '../store/subsidy-applications-repository';
import { subsidyFactsRepository } from '../store/subsidy-facts-repository';
import { insuredWorkersOf } from './insurance-subsidy';
import { recordsInWindow } from './credit-inputs';
import { gatherPersons } from './subsidy-persons';
import { schemeNotOpen } from './subsidy-problems';

/** Schemes open for applications: those whose facts the platform records today. */
export const OPEN_SCHEMES: readonly SchemeId[] = [
  'leading-enterprise-award',
  'trustworthy-enterprise-award',
  'quality-outlet-award',
  'city-training-base',
  'district-training-base',
  'course-standard-introduction',
  'insurance-premium',
  'employee-system-enterprise',
  'graduate-employment',
];

export function requireOpen(scheme: SubsidyScheme): void {
  if (!OPEN_SCHEMES.includes(scheme.id)) throw schemeNotOpen(scheme.id);
}

export interface GatherRequest {
  scheme: SubsidyScheme;
  year: number;
  today: string;
  applicant: { tenantId: string; role: Role };
  recognitionId?: string;
  /** The graduates the application names (graduate-employment only). */
  workerIds?: string[];
  documents: DocumentRef[];
}

/** A record kept without a trace: its version and the hash of its stored state stand for the head. */
const headOf = (record: object) => ({ seq: (record as { version?: number }).version ?? 1, hash: canonicalHash(record) });

export async function gatherFacts(store: StoreContext, request: GatherRequest): Promise<SubsidyFacts> {
  const { scheme, year, today, applicant } = request;
  const tenantId = applicant.tenantId;
  const [stored, credit, insured, people] = await Promise.all([
    subsidyFactsRepository(store).of(tenantId),
    creditGradesRepository(store).publicRecords(tenantId),
    scheme.amount.kind === 'insurance-premium-share' ? insuredWorkersOf(store, tenantId, year) : undefined,
    scheme.persons ? gatherPersons(store, scheme, tenantId, year, request.workerIds) : undefined,
  ]);
  // The black list reads the records in effect today; a revoked one is left out, as in grading.
  const publicRecords: PublicCreditRecord[] = recordsInWindow(credit, { firstDay: today, lastDay: today });
  const employmentModel = stored.models.map(({ recordId, model, effectiveOn, until, evidenceRef }) => ({ recordId, model, effectiveOn, evidenceRef, ...(until !== undefined ? { until } : {}) }));
  const recognitions = stored.recognitions.map(({ recognitionId, kind, tenantId: t, awardedOn, subjectRef, revokedOn, evidenceRef }) => ({
    recognitionId,
    kind,
    tenantId: t,
    awardedOn,
    evidenceRef,
    ...(subjectRef !== undefined ? { subjectRef } : {}),
    ...(revokedOn !== undefined ? { revokedOn } : {}),
  }));
  const applicantFacts = { tenantId, role: applicant.role, publicRecords, employmentModel, recognitions };

  // The ledger of awards: the award key of this application's subject, claimed or not.
  const subject = awardSubject(scheme, { applicant: applicantFacts, recognitionId: request.recognitionId });
  const awardedSubjects = subject !== undefined && (await subsidyApplicationsRepository(store).paymentKeyHolder(awardKey(scheme.id, subject))) !== undefined ? [subject] : [];

  const sources: FactSource[] = [
    ...credit.filter((r) => publicRecords.some((p) => p.recordId === r.recordId)).map((r) => ({ fact: 'applicant.public-credit' as const, subject: r.recordId, traceHead: headOf(r) })),
    ...stored.models.map((m) => ({ fact: 'applicant.employment-model' as const, subject: m.recordId, traceHead: headOf(m) })),
    ...stored.recognitions.map((r) => ({ fact: 'applicant.recognitions' as const, subject: r.recognitionId, traceHead: headOf(r) })),
    ...(insured?.ours ?? []).map((p) => ({ fact: 'insurance.enrolments' as const, subject: p.policyId, traceHead: p.traceHead })),
    ...(people?.sources ?? []),
  ];

  return {
    schemeId: scheme.id,
    year,
    today,
    applicant: applicantFacts,
    ...(request.recognitionId !== undefined ? { recognitionId: request.recognitionId } : {}),
    documents: request.documents,
    awardedSubjects,
    persons: people?.persons ?? [],
    insuredWorkers: insured?.workers ?? [],
    sources,
  };
}
