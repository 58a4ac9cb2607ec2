/**
 * Recompute: does a stored grade follow from the stored facts? The inputs are gathered
 * again exactly as the grade's computation gathered them (the window's monthly counters,
 * the kept staff snapshot, the public-credit records, the joining day), hashed, and run
 * through the model; the report says, check by check, whether each matches the record —
 * and where the inputs differ. `npx anxin credit recompute` prints it.
 *
 * It also checks the record against itself: its stored inputs must hash to its stored
 * hash and give its stored result, and its trace must verify — an edited grade item fails
 * there even when the facts are untouched.
 */
import { CREDIT_TRACE_TYPES, gradeAttestation } from '../domain/credit/grade-record';
import { CREDIT_MODEL_VERSION, gradeEnterprise } from '../domain/credit/model';
import { canonicalHash } from '../lib/hash';
import type { StoreContext } from '../store/client';
import { creditGradesRepository } from '../store/credit-grades-repository';
import { tenantsRepository } from '../store/tenants-repository';
import { verifyChain } from '../trace/chain';
import { gatherInputs } from './credit-inputs';

export interface RecomputeCheck {
  check: string;
  ok: boolean;
  detail?: string;
}

export interface RecomputeReport {
  tenantId: string;
  period: string;
  found: boolean;
  matches: boolean;
  modelVersion?: string;
  stored?: { inputsHash: string; score: number; grade: string | null };
  recomputed?: { inputsHash: string; score: number; grade: string | null };
  checks: RecomputeCheck[];
  /** JSON pointers into the inputs where the stored facts now differ from the grade's. */
  differences: { pointer: string; graded: unknown; now: unknown }[];
}

export async function recomputeGrade(store: StoreContext, tenantId: string, period: string): Promise<RecomputeReport> {
  const repo = creditGradesRepository(store);
  const [grade, staff, tenant, trace] = await Promise.all([
    repo.get(tenantId, period, true),
    repo.staffSnapshot(tenantId, period),
    tenantsRepository(store).getTenant(tenantId),
    repo.trace(tenantId, period),
  ]);
  const report: RecomputeReport = { tenantId, period, found: grade !== undefined, matches: false, checks: [], differences: [] };
  if (!grade || !tenant) return report;
  report.modelVersion = grade.modelVersion;
  report.stored = { inputsHash: grade.inputsHash, score: grade.result.score, grade: grade.result.grade };
  const check = (name: string, ok: boolean, detail?: string) => report.checks.push({ check: name, ok, ...(detail && !ok ? { detail } : {}) });

  const chain = verifyChain(trace, grade.traceHead);
  check('trace verifies', chain.valid, chain.valid ? undefined : `entry ${chain.brokenAt}: ${chain.reason}`);
  const lastComputation = trace.filter((e) => e.type === CREDIT_TRACE_TYPES.graded || e.type === CREDIT_TRACE_TYPES.objectionUpheld).at(-1);
  const attested = lastComputation?.type === CREDIT_TRACE_TYPES.graded ? canonicalHash(gradeAttestation(grade)) : undefined;
  if (attested !== undefined) check('record matches its trace entry', attested === lastComputation!.payloadHash, 'the grade item differs from what its trace entry attests');
  check('record inputs hash to its inputs hash', canonicalHash(grade.inputs) === grade.inputsHash, 'the stored inputs were changed after grading');
  check('model version is this build’s', grade.modelVersion === CREDIT_MODEL_VERSION, `graded with ${grade.modelVersion}; this build computes ${CREDIT_MODEL_VERSION}`);
  if (grade.modelVersion !== CREDIT_MODEL_VERSION) return report;
  const fromStoredInputs = gradeEnterprise(grade.inputs);
  check('record result follows from its inputs', canonicalHash(fromStoredInputs) === canonicalHash(grade.result), 'the stored result is not what the model gives for the stored inputs');

  if (!staff) {
    check('staff snapshot kept', false, 'no staff snapshot is kept for this period');
    return report;
  }
  const inputs = await gatherInputs(store, tenant, period, staff);
  const result = gradeEnterprise(inputs);
  const inputsHash = canonicalHash(inputs);
  report.recomputed = { inputsHash, score: result.score, grade: result.grade };
  check('inputs hash', inputsHash === grade.inputsHash, 'the stored facts differ from those the grade was computed from');
  check('score', result.score === grade.result.score, `recomputed ${result.score}, stored ${grade.result.score}`);
  check('grade', result.grade === grade.result.grade, `recomputed ${String(result.grade)}, stored ${String(grade.result.grade)}`);
  report.differences = diff(grade.inputs, inputs);
  report.matches = report.checks.every((c) => c.ok);
  return report;
}

/** Leaf-by-leaf differences of two JSON values, as JSON pointers. */
function diff(graded: unknown, now: unknown, pointer = ''): RecomputeReport['differences'] {
  if (graded !== null && now !== null && typeof graded === 'object' && typeof now === 'object') {
    const keys = new Set([...Object.keys(graded), ...Object.keys(now)]);
    return [...keys].flatMap((k) => diff((graded as Record<string, unknown>)[k], (now as Record<string, unknown>)[k], `${pointer}/${k}`));
  }
  return canonicalHash(graded ?? null) === canonicalHash(now ?? null) ? [] : [{ pointer: pointer || '/', graded, now }];
}
