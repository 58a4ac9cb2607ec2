/**
 * Objections (异议) to a credit grade: the enterprise objects to one indicator with a
 * reason; an admin upholds it (the grade is computed again) or dismisses it. Each step is
 * an entry on the grade's trace, written with the objection's item and the grade in one
 * transaction (the one write path), so the grade, its trace and its objections never
 * disagree.
 *
 * An upheld objection re-grades from the facts as they stand at the decision: the monthly
 * counters (late events counted), the public-credit records (a revoked one left out) and a
 * fresh staff snapshot, which replaces the kept one — so a recompute afterwards reads what
 * the re-grade read. The reason and the admin's note are free text: stored with the
 * objection, never hashed into an event.
 */
import type { Caller } from '../auth/roles';
import { CREDIT_TRACE_TYPES, decideObjection, decideObjectionDecision, gradeAttestation, type CreditGradeRecord, type ObjectionOutcome } from '../domain/credit/grade-record';
import { gradeCounted } from '../domain/programme/deltas';
import { canonicalHash } from '../lib/hash';
import { commandEventId, creditGradeEventId, objectionIdFor } from '../lib/ids';
import { problems } from '../lib/problem';
import { creditGradesRepository, type StoredObjection } from '../store/credit-grades-repository';
import { gradeSummary, objectionView } from '../views/credit-grade-views';
import { programmeCount } from '../store/programme-figures-repository';
import { tenantsRepository } from '../store/tenants-repository';
import { tracedStoreOf, writeTraced, type Plan, type Stamp } from '../store/traced-write';
import { gatherInputs } from './credit-inputs';
import { gradeRecordOf, publishedWrite, publishGrade, type GradingDeps } from './credit-grading';
import { staffSnapshot } from './credit-staff';

const gradeNotFound = (period: string) => problems.notFound(`A credit grade for ${period}`);

function replayFiling(existing: StoredObjection, requestHash: string) {
  if (existing.requestHash !== requestHash) throw problems.idempotencyKeyReused();
  return { created: false, objection: objectionView(existing) };
}

export async function fileObjection(deps: GradingDeps, caller: Caller, idempotencyKey: string, period: string, request: { indicatorId: string; reason: string }) {
  const { store } = deps;
  const repo = creditGradesRepository(store);
  const tenantId = caller.tenantId;
  const objectionId = objectionIdFor(tenantId, idempotencyKey);
  const requestHash = canonicalHash({ period, ...request });
  const eventId = commandEventId(tenantId, idempotencyKey);

  const earlier = await repo.objection(tenantId, period, objectionId);
  if (earlier) return replayFiling(earlier, requestHash);

  const plan = async (): Promise<Plan<{ created: boolean; objection: ReturnType<typeof objectionView> }>> => {
    const grade = await repo.get(tenantId, period, true);
    const decision = decideObjection(grade, request.indicatorId);
    if (!decision.ok) {
      if (decision.reason === 'not-graded') throw gradeNotFound(period);
      if (decision.reason === 'objection-open') {
        throw problems.conflict('credit-objection-open', 'An objection is open', `Objection ${grade!.openObjection!.objectionId} to this grade awaits the admin's decision.`);
      }
      throw problems.validation([{ pointer: '/indicatorId', detail: `is not an indicator of this grade (${indicatorIds(grade!).join(', ')})` }]);
    }
    const at = (deps.now?.() ?? new Date()).toISOString();
    const objection: StoredObjection = { objectionId, tenantId, period, indicatorId: request.indicatorId, reason: request.reason, requestHash, filedAt: at, status: 'open' };
    return {
      before: grade!,
      entries: [{ eventId, type: CREDIT_TRACE_TYPES.objectionFiled, actor: { ...caller }, at, payloadHash: canonicalHash({ objectionId, period, indicatorId: request.indicatorId }) }],
      write: (stamp) => ({
        ...repo.record({ ...grade!, openObjection: { objectionId, indicatorId: request.indicatorId, filedAt: at, status: 'open' }, version: stamp.version, traceHead: stamp.traceHead }),
        side: [repo.objectionPut(objection, true)],
      }),
      result: () => ({ created: true, objection: objectionView(objection) }),
      // The same key filed concurrently: answer as that request did.
      onSideConflict: async () => replayFiling((await repo.objection(tenantId, period, objectionId))!, requestHash),
    };
  };
  return writeTraced(tracedStoreOf(store), plan);
}

const indicatorIds = (grade: CreditGradeRecord) => grade.result.dimensions.flatMap((d) => d.indicators.map((i) => i.id));

export async function decideObjectionOf(
  deps: GradingDeps,
  admin: Caller,
  target: { tenantId: string; period: string; objectionId: string },
  decision: { outcome: ObjectionOutcome; note?: string },
) {
  const { store } = deps;
  const repo = creditGradesRepository(store);
  const { tenantId, period, objectionId } = target;
  const answer = (grade: CreditGradeRecord, objection: StoredObjection) => ({ objection: objectionView(objection), grade: gradeSummary(grade) });
  // An older period re-graded after a newer one was published leaves the published list alone.
  let publish = true;

  const plan = async (): Promise<Plan<ReturnType<typeof answer>>> => {
    const [grade, objection] = await Promise.all([repo.get(tenantId, period, true), repo.objection(tenantId, period, objectionId)]);
    if (!grade || !objection) throw problems.notFound(`Objection ${objectionId}`);
    if (objection.status !== 'open') {
      if (objection.status === decision.outcome) return { done: answer(grade, objection) };
      throw problems.conflict('objection-decided', 'Objection decided', `This objection was ${objection.status} already.`);
    }
    if (!decideObjectionDecision(grade, objectionId).ok) throw problems.notFound(`Objection ${objectionId}`);
    const now = deps.now?.() ?? new Date();
    const at = now.toISOString();
    const decided: StoredObjection = { ...objection, status: decision.outcome, outcome: decision.outcome, decidedAt: at, ...(decision.note ? { note: decision.note } : {}) };
    const { openObjection: _closed, version: _v, traceHead: _h, ...rest } = grade;
    const eventId = decision.outcome === 'upheld' ? creditGradeEventId(tenantId, period, grade.revision + 1) : commandEventId(admin.tenantId, `objection-dismissed:${tenantId}:${period}:${objectionId}`);

    if (decision.outcome === 'dismissed') {
      return {
        before: grade,
        entries: [{ eventId, type: CREDIT_TRACE_TYPES.objectionDismissed, actor: { ...admin }, at, payloadHash: canonicalHash({ objectionId, outcome: 'dismissed' }) }],
        write: (stamp) => ({ ...repo.record({ ...rest, version: stamp.version, traceHead: stamp.traceHead }), side: [repo.objectionPut(decided, false)] }),
        result: (stamp) => answer({ ...rest, version: stamp.version, traceHead: stamp.traceHead }, decided),
      };
    }

    const tenant = await tenantsRepository(store).getTenant(tenantId);
    if (!tenant) throw problems.notFound(`Tenant ${tenantId}`);
    const staff = await staffSnapshot(store, tenantId, now);
    const inputs = await gatherInputs(store, tenant, period, staff);
    const regraded = gradeRecordOf(tenant, inputs, at, grade.revision + 1);
    const recordOf = (stamp: Stamp): CreditGradeRecord => ({ ...regraded, version: stamp.version, traceHead: stamp.traceHead });
    return {
      before: grade,
      entries: [{ eventId, type: CREDIT_TRACE_TYPES.objectionUpheld, actor: { ...admin }, at, payloadHash: canonicalHash({ objectionId, outcome: 'upheld', ...gradeAttestation(regraded) }) }],
      write: (stamp) => ({
        ...repo.record(recordOf(stamp)),
        side: [
          repo.objectionPut(decided, false),
          repo.staffSnapshotPut(tenantId, period, staff, true),
          ...(publish ? [publishedWrite(store, regraded)] : []),
          // Unconditional, so it never answers for index 2 below.
          ...programmeCount(store, gradeCounted(tenantId, period, { grade: grade.result.grade }, regraded.result.grade)),
        ],
      }),
      result: (stamp) => answer(recordOf(stamp), decided),
      // The objection was decided meanwhile (its guard: decide again and answer as that did),
      // or a newer period is published (index 2: write without the list item).
      onSideConflict: async (index) => {
        if (index === 2) publish = false;
        return undefined;
      },
    };
  };
  const result = await writeTraced(tracedStoreOf(store), plan);
  if (decision.outcome === 'upheld') {
    const grade = await repo.get(tenantId, period, true);
    if (grade) await publishGrade(deps, grade);
  }
  return result;
}
