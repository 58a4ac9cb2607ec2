/**
 * Grading: an enterprise's credit grade for one period, computed by the model
 * (domain/credit/model.ts) from the gathered inputs (credit-inputs.ts) and written as a
 * traced record through the one write path, with the published-list item and, the first
 * time, the staff snapshot, in the same transaction. Then `cn.anxin.enterprise.credit-graded.v1`
 * is published.
 *
 * A period is graded once: a run that finds the grade already there leaves it (only an
 * upheld objection re-grades, services/credit-objections.ts) and publishes its event again,
 * since it cannot tell whether the earlier run got that far (same event id: consumers
 * deduplicate). So a monthly run that crashed half-way is simply run again.
 */
import { gradeAttestation, CREDIT_TRACE_TYPES, yearOf, type CreditGradeRecord } from '../domain/credit/grade-record';
import type { EnterpriseCreditInputs, StaffSnapshot } from '../domain/credit/facts';
import { CREDIT_MODEL_VERSION, gradeEnterprise } from '../domain/credit/model';
import { gradeCounted } from '../domain/programme/deltas';
import type { CloudEvent } from '../events/cloudevent';
import { creditGradedEvent } from '../events/credit-cloudevent';
import { canonicalHash } from '../lib/hash';
import { creditGradeEventId } from '../lib/ids';
import type { TraceActor } from '../trace/chain';
import type { StoreContext } from '../store/client';
import { creditGradesRepository } from '../store/credit-grades-repository';
import { programmeCount } from '../store/programme-figures-repository';
import { tenantsRepository, type Tenant } from '../store/tenants-repository';
import type { TransactItem } from '../store/transact-items';
import { tracedStoreOf, writeTraced, type Plan, type Stamp } from '../store/traced-write';
import { gatherInputs } from './credit-inputs';
import { staffSnapshot } from './credit-staff';

/** Who computes grades: the platform itself, on its schedule. */
export const CREDIT_ACTOR: TraceActor = { tenantId: 'platform', role: 'system', keyId: 'credit-grading' };

export interface GradingDeps {
  store: StoreContext;
  now?: () => Date;
  /** Publishes the grade's event (EventBridge in Lambda); absent, nothing is published. */
  publish?: (events: CloudEvent[]) => Promise<void>;
  /** STAGE: part of the event's source. */
  stage?: string;
}

export class NotAnEnterpriseError extends Error {
  constructor(readonly tenantId: string) {
    super(`tenant ${tenantId} is not an enterprise`);
    this.name = 'NotAnEnterpriseError';
  }
}

/** The record a computation gives: the inputs, their hash, the result. */
export function gradeRecordOf(tenant: Tenant, inputs: EnterpriseCreditInputs, at: string, revision: number) {
  const result = gradeEnterprise(inputs);
  return {
    tenantId: tenant.tenantId,
    period: inputs.period,
    enterpriseName: tenant.name,
    modelVersion: result.modelVersion,
    inputs,
    inputsHash: canonicalHash(inputs),
    result,
    gradedAt: at,
    revision,
  } satisfies Omit<CreditGradeRecord, 'version' | 'traceHead'>;
}

/** The published-list side item of a (re-)computed grade: put when graded, removed when not. */
export function publishedWrite(store: StoreContext, record: Omit<CreditGradeRecord, 'version' | 'traceHead'>): TransactItem {
  const repo = creditGradesRepository(store);
  const year = yearOf(record.period);
  const { grade, score } = record.result;
  return grade === null
    ? repo.publishedDelete(year, record.tenantId, record.period)
    : repo.publishedPut({ tenantId: record.tenantId, enterpriseName: record.enterpriseName, year, period: record.period, grade, score, modelVersion: record.modelVersion });
}

export type GradeOutcome = { record: CreditGradeRecord; created: boolean };

/** Grades one enterprise for one period (once), then publishes its event. */
export async function gradePeriod(deps: GradingDeps, tenantId: string, period: string): Promise<GradeOutcome> {
  const { store } = deps;
  const repo = creditGradesRepository(store);
  const tenant = await tenantsRepository(store).getTenant(tenantId);
  if (!tenant || tenant.role !== 'enterprise') throw new NotAnEnterpriseError(tenantId);

  // An older period re-graded after a newer one was published must not replace it in the list.
  let publish = true;
  // Read once per call: a retry (a conflict on the list item) decides again on the same staff.
  let liveStaff: StaffSnapshot | undefined;
  const plan = async (): Promise<Plan<GradeOutcome>> => {
    const existing = await repo.get(tenantId, period, true);
    if (existing) return { done: { record: existing, created: false } };
    const now = deps.now?.() ?? new Date();
    const kept = await repo.staffSnapshot(tenantId, period);
    const staff: StaffSnapshot = kept ?? (liveStaff ??= await staffSnapshot(store, tenantId, now));
    const inputs = await gatherInputs(store, tenant, period, staff);
    const computed = gradeRecordOf(tenant, inputs, now.toISOString(), 1);
    const side: TransactItem[] = [];
    if (!kept) side.push(repo.staffSnapshotPut(tenantId, period, staff));
    const publishedIndex = publish ? side.push(publishedWrite(store, computed)) - 1 : -1;
    side.push(...programmeCount(store, gradeCounted(tenantId, period, undefined, computed.result.grade)));
    const recordOf = (stamp: Stamp): CreditGradeRecord => ({ ...computed, version: stamp.version, traceHead: stamp.traceHead });
    return {
      before: undefined,
      entries: [
        {
          eventId: creditGradeEventId(tenantId, period, 1),
          type: CREDIT_TRACE_TYPES.graded,
          actor: CREDIT_ACTOR,
          at: computed.gradedAt,
          payloadHash: canonicalHash(gradeAttestation(computed)),
        },
      ],
      write: (stamp) => ({ ...repo.record(recordOf(stamp)), side }),
      result: (stamp) => ({ record: recordOf(stamp), created: true }),
      onSideConflict: async (index) => {
        if (index === publishedIndex) publish = false;
        // A concurrent run wrote the snapshot or the grade first: decide again on what it wrote.
        return undefined;
      },
    };
  };
  const outcome = await writeTraced(tracedStoreOf(store), plan);
  // A grade written just now has one entry, its head; one found already is looked up.
  await publishGrade(deps, outcome.record, outcome.created ? outcome.record.traceHead : undefined);
  return outcome;
}

/** Publishes the event of the grade's current result (at least once, always with the same id). */
export async function publishGrade(deps: GradingDeps, record: CreditGradeRecord, computedBy?: { seq: number; hash: string }): Promise<void> {
  if (!deps.publish) return;
  const entry = computedBy ?? (await currentEntry(deps.store, record));
  await deps.publish([creditGradedEvent(deps.stage ?? 'dev', creditGradeEventId(record.tenantId, record.period, record.revision), record, entry)]);
}

/** The trace entry that computed the record's current result (its first, or the last re-grade). */
async function currentEntry(store: StoreContext, record: CreditGradeRecord): Promise<{ seq: number; hash: string }> {
  const entries = await creditGradesRepository(store).trace(record.tenantId, record.period);
  const computing = entries.filter((e) => e.type === CREDIT_TRACE_TYPES.graded || e.type === CREDIT_TRACE_TYPES.objectionUpheld).at(-1);
  return computing ? { seq: computing.seq, hash: computing.hash } : record.traceHead;
}

/** What a run did: how many enterprises it graded, found graded already, or failed. */
export interface GradingRunReport {
  period: string;
  modelVersion: string;
  graded: number;
  alreadyGraded: number;
  failed: { tenantId: string; error: string }[];
  byGrade: Record<string, number>;
  notGraded: number;
  ms: number;
}

/** Enterprises graded side by side. */
const RUN_CONCURRENCY = 8;

/**
 * Grades every enterprise for `period`. One enterprise's failure does not stop the others;
 * the report lists it, and the caller decides (the scheduled function fails the run so it
 * alarms and is retried — the enterprises graded already are skipped then).
 */
export async function runGrading(deps: GradingDeps, period: string): Promise<GradingRunReport> {
  const started = Date.now();
  const enterprises = (await tenantsRepository(deps.store).listTenants()).filter((t) => t.role === 'enterprise');
  const report: GradingRunReport = { period, modelVersion: CREDIT_MODEL_VERSION, graded: 0, alreadyGraded: 0, failed: [], byGrade: {}, notGraded: 0, ms: 0 };
  for (let i = 0; i < enterprises.length; i += RUN_CONCURRENCY) {
    await Promise.all(
      enterprises.slice(i, i + RUN_CONCURRENCY).map(async (tenant) => {
        try {
          const { record, created } = await gradePeriod(deps, tenant.tenantId, period);
          if (created) report.graded++;
          else report.alreadyGraded++;
          const grade = record.result.grade;
          if (grade === null) report.notGraded++;
          else report.byGrade[grade] = (report.byGrade[grade] ?? 0) + 1;
        } catch (error) {
          report.failed.push({ tenantId: tenant.tenantId, error: (error as Error).message });
        }
      }),
    );
  }
  report.ms = Date.now() - started;
  return report;
}

/** The grade the enterprise would get now, written nowhere (admin preview). */
export async function previewGrade(store: StoreContext, tenantId: string, period: string, now: Date = new Date()) {
  const tenant = await tenantsRepository(store).getTenant(tenantId);
  if (!tenant || tenant.role !== 'enterprise') throw new NotAnEnterpriseError(tenantId);
  const staff = (await creditGradesRepository(store).staffSnapshot(tenantId, period)) ?? (await staffSnapshot(store, tenantId, now));
  const inputs = await gatherInputs(store, tenant, period, staff);
  return gradeRecordOf(tenant, inputs, now.toISOString(), 0);
}
