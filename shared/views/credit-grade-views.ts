/** How credit grades, objections and public-credit records appear over the API (schemas/credit-grades.ts). */
import type { CreditGradeRecord } from '../domain/credit/grade-record';
import type { PublishedGrade, StoredObjection, StoredPublicRecord } from '../store/credit-grades-repository';

/** An objection, with its reason (the enterprise and admins only). */
export const objectionView = (o: StoredObjection) => ({
  objectionId: o.objectionId,
  period: o.period,
  indicatorId: o.indicatorId,
  reason: o.reason,
  status: o.status,
  filedAt: o.filedAt,
  ...(o.decidedAt ? { decidedAt: o.decidedAt } : {}),
  ...(o.note ? { note: o.note } : {}),
});

/** The grade in a few fields (lists, a decision's answer). */
export const gradeSummary = (g: CreditGradeRecord) => ({
  tenantId: g.tenantId,
  period: g.period,
  modelVersion: g.modelVersion,
  revision: g.revision,
  grade: g.result.grade,
  score: g.result.score,
  eligible: g.result.eligible,
  notGradedReasons: g.result.notGradedReasons,
  gradedAt: g.gradedAt,
});

/** The grade with its breakdown, inputs, objections and trace. */
export function gradeView(g: CreditGradeRecord, objections: StoredObjection[], trace: unknown[]) {
  const { tenantId: _t, period: _p, ...result } = g.result;
  return { ...gradeSummary(g), enterpriseName: g.enterpriseName, inputsHash: g.inputsHash, result, inputs: g.inputs, objections: objections.map(objectionView), trace };
}

export const publishedView = (p: PublishedGrade) => ({ tenantId: p.tenantId, enterpriseName: p.enterpriseName, period: p.period, grade: p.grade, score: p.score, modelVersion: p.modelVersion });

export const publicRecordView = (r: StoredPublicRecord) => ({
  recordId: r.recordId,
  tenantId: r.tenantId,
  kind: r.kind,
  points: r.points,
  effectiveOn: r.effectiveOn,
  ...(r.until !== undefined ? { until: r.until } : {}),
  evidenceRef: r.evidenceRef,
  recordedAt: r.recordedAt,
  ...(r.revokedAt !== undefined ? { revokedAt: r.revokedAt } : {}),
});
