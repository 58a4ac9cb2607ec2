/**
 * The applicant's side of a subsidy application (docs/subsidies.md "Applications"): submit,
 * supplement, withdraw. A submission gathers the facts, checks every rule of the scheme at
 * once and either refuses with every failed rule — storing nothing — or stores the
 * application as `submitted` with its evidence snapshot, its first trace entry, the pointer an
 * admin finds it by and the live item that keeps one live application per applicant, scheme,
 * year (and recognition), all in one transaction.
 */
import type { Caller } from '../auth/roles';
import { decideApplication, traceTypeOf } from '../domain/subsidy/application';
import { evaluateEligibility } from '../domain/subsidy/eligibility';
import { evidenceHash, evidenceSnapshot } from '../domain/subsidy/evidence';
import type { DocumentRef } from '../domain/subsidy/facts';
import { SCHEME_CATALOGUE_VERSION, SCHEMES, type SchemeId } from '../domain/subsidy/schemes';
import { subsidyStepEventId } from '../events/subsidy-cloudevent';
import { canonicalHash } from '../lib/hash';
import { problems } from '../lib/problem';
import { shanghaiDay } from '../lib/shanghai-day';
import { subsidyApplicationIdFor } from '../lib/subsidy-ids';
import { subsidyApplicationsRepository, type StoredApplication } from '../store/subsidy-applications-repository';
import { tenantsRepository } from '../store/tenants-repository';
import { tracedStoreOf, writeTraced, type Plan } from '../store/traced-write';
import { gatherFacts, requireOpen } from './subsidy-gather';
import { finishReleaseAfterRefusal, planPersonKeyRelease, releaseAfterStep } from './subsidy-person-keys';
import { problemOf } from './subsidy-problems';
import { publishStepEvent, rebuiltStepEvent, stepEvent } from './subsidy-step-events';
import { applicationView, commitStep, type SubsidyDeps } from './subsidy-steps';

export interface ApplicationInput {
  scheme: SchemeId;
  year: number;
  recognitionId?: string;
  /** The graduates (graduate-employment only). */
  workerIds?: string[];
  documents: DocumentRef[];
}

const exists = (applicationId: string) =>
  problems.conflict('subsidy-application-exists', 'A live application exists', `Application ${applicationId} for this scheme and year is live (submitted, asking for information, approved or paid); a rejected or withdrawn one frees the place.`);

function replay(existing: StoredApplication, requestHash: string) {
  if (existing.requestHash !== requestHash) throw problems.idempotencyKeyReused();
  return { created: false, application: applicationView(existing) };
}

/** The applicant's role as the registry holds it (the rules read it, not the key's claim). */
async function applicantOf(deps: SubsidyDeps, caller: Caller) {
  const tenant = await tenantsRepository(deps.store).getTenant(caller.tenantId);
  return { tenantId: caller.tenantId, role: tenant?.role ?? caller.role };
}

export async function submitApplication(deps: SubsidyDeps, caller: Caller, idempotencyKey: string, input: ApplicationInput) {
  const scheme = SCHEMES[input.scheme];
  requireOpen(scheme);
  if (input.recognitionId !== undefined && scheme.award?.subject !== 'recognised-item') {
    throw problems.validation([{ pointer: '/recognitionId', detail: 'names a recognition only for quality-outlet-award and course-standard-introduction' }]);
  }
  const named = scheme.persons?.source === 'named';
  if (named !== (input.workerIds !== undefined)) {
    throw problems.validation([{ pointer: '/workerIds', detail: named ? 'names the graduates: required for graduate-employment' : 'names graduates only for graduate-employment' }]);
  }
  const repo = subsidyApplicationsRepository(deps.store);
  const applicationId = subsidyApplicationIdFor(caller.tenantId, idempotencyKey);
  const requestHash = canonicalHash(input);
  const live = { applicantId: caller.tenantId, schemeId: scheme.id, year: input.year, recognitionId: input.recognitionId, applicationId };

  const plan = async (): Promise<Plan<{ created: boolean; application: ReturnType<typeof applicationView>; stored: StoredApplication; at?: string; hash?: string }>> => {
    const earlier = await repo.get(caller.tenantId, applicationId);
    if (earlier) return { done: { ...replay(earlier, requestHash), stored: earlier } };
    const now = deps.now?.() ?? new Date();
    const at = now.toISOString();
    const today = shanghaiDay(now);
    const applicant = await applicantOf(deps, caller);
    const facts = await gatherFacts(deps.store, { scheme, year: input.year, today, applicant, recognitionId: input.recognitionId, workerIds: input.workerIds, documents: input.documents });
    const eligibility = evaluateEligibility(scheme, facts);
    const decision = decideApplication(undefined, applicant, { type: 'submit', eligibility });
    if (!decision.ok) throw problemOf(decision.error);
    const holder = await repo.liveApplicationId(live);
    // The same key's submission committed since this one read (a concurrent retry): the write
    // below then finds the record and decides again, answering it as a replay.
    if (holder && holder !== applicationId) throw exists(holder);
    const snapshot = evidenceSnapshot(facts, eligibility);
    const hash = evidenceHash(snapshot);
    const base: Omit<StoredApplication, 'version' | 'traceHead'> = {
      applicationId,
      schemeId: scheme.id,
      year: input.year,
      applicantId: caller.tenantId,
      state: decision.to,
      catalogueVersion: SCHEME_CATALOGUE_VERSION,
      allowedFen: eligibility.amount.allowedFen,
      evidenceHash: hash,
      submittedOn: today,
      submittedAt: at,
      ...(input.recognitionId !== undefined ? { recognitionId: input.recognitionId } : {}),
      ...(input.workerIds !== undefined ? { workerIds: input.workerIds } : {}),
      documents: input.documents,
      requestHash,
      evidenceSeq: 1,
    };
    return {
      before: undefined,
      entries: [
        {
          eventId: subsidyStepEventId(caller.tenantId, applicationId, 1),
          type: traceTypeOf('submit'),
          actor: { ...caller },
          at,
          payloadHash: canonicalHash({ applicationId, schemeId: scheme.id, year: input.year, allowedFen: base.allowedFen, evidenceHash: hash }),
        },
      ],
      write: (stamp) => ({
        ...repo.record({ ...base, version: stamp.version, traceHead: stamp.traceHead }),
        side: [repo.pointerPut(caller.tenantId, applicationId), repo.livePut(live), repo.evidencePut(caller.tenantId, applicationId, stamp.seqs[0]!, snapshot)],
      }),
      result: (stamp) => {
        const stored = { ...base, version: stamp.version, traceHead: stamp.traceHead };
        return { created: true, application: applicationView(stored), stored, at, hash: stamp.traceHead.hash };
      },
      // Index 1: another application took the place meanwhile (answered 409); otherwise decide again.
      onSideConflict: async (index) => {
        if (index === 1) {
          const holder = await repo.liveApplicationId(live);
          if (holder && holder !== applicationId) throw exists(holder);
        }
        return undefined;
      },
    };
  };
  const outcome = await writeTraced(tracedStoreOf(deps.store), plan);
  // A repeat publishes the submission's event again (subsidy-step-events.ts): a publication that failed is made now.
  if (deps.publish) {
    await publishStepEvent(deps, outcome.created ? stepEvent(deps, 'submit', outcome.stored, { seq: 1, hash: outcome.hash!, at: outcome.at! }) : await rebuiltStepEvent(deps.store, deps, outcome.stored, 1));
  }
  return { created: outcome.created, application: outcome.application };
}

/**
 * The applicant answers a request for information with the documents it now refers to: the
 * facts are read and every rule checked again on that day, and a new evidence snapshot
 * replaces the current one (the old stays, attested by its own trace entry). A rule failing
 * now refuses the supplement with every failed rule; the application stays as it was.
 */
export async function supplementApplication(deps: SubsidyDeps, caller: Caller, applicationId: string, idempotencyKey: string, input: { documents: DocumentRef[] }) {
  const repo = subsidyApplicationsRepository(deps.store);
  const stored = await commitStep(deps, {
    actor: caller,
    tenantId: caller.tenantId,
    applicationId,
    command: 'supplement',
    idempotencyKey,
    body: input,
    plan: async (application, now) => {
      const today = shanghaiDay(now);
      const applicant = await applicantOf(deps, caller);
      const scheme = SCHEMES[application.schemeId];
      const facts = await gatherFacts(deps.store, { scheme, year: application.year, today, applicant, recognitionId: application.recognitionId, workerIds: application.workerIds, documents: input.documents });
      const eligibility = evaluateEligibility(scheme, facts);
      const decision = decideApplication(application, applicant, { type: 'supplement', eligibility });
      if (!decision.ok) throw problemOf(decision.error);
      const snapshot = evidenceSnapshot(facts, eligibility);
      const hash = evidenceHash(snapshot);
      const seq = application.traceHead.seq + 1;
      return {
        next: { ...application, state: decision.to, allowedFen: eligibility.amount.allowedFen, evidenceHash: hash, evidenceSeq: seq, documents: input.documents },
        attested: { state: decision.to, allowedFen: eligibility.amount.allowedFen, evidenceHash: hash },
        side: (s) => [repo.evidencePut(application.applicantId, applicationId, s, snapshot)],
      };
    },
  });
  return applicationView(stored);
}

/**
 * The applicant withdraws before a decision; the live place is freed in the same write, and
 * the person keys an approval that stopped midway left held are given back as a rejection
 * gives them back (subsidy-review.ts rejectApplication).
 */
export async function withdrawApplication(deps: SubsidyDeps, caller: Caller, applicationId: string, idempotencyKey: string) {
  const repo = subsidyApplicationsRepository(deps.store);
  let after: string[] = [];
  try {
    const stored = await commitStep(deps, {
      actor: caller,
      tenantId: caller.tenantId,
      applicationId,
      command: 'withdraw',
      idempotencyKey,
      body: {},
      plan: async (application) => {
        const decision = decideApplication(application, await applicantOf(deps, caller), { type: 'withdraw' });
        if (!decision.ok) throw problemOf(decision.error);
        const release = await planPersonKeyRelease(deps.store, application, deps.personKeysPerTransaction);
        after = release.after;
        return { next: { ...application, state: decision.to }, attested: { state: decision.to }, side: () => [repo.liveDelete(application), ...release.inStep] };
      },
      afterCommit: (repeated) => releaseAfterStep(deps.store, applicationId, repeated, after),
    });
    return applicationView(stored);
  } catch (error) {
    await finishReleaseAfterRefusal(deps.store, applicationId, error);
    throw error;
  }
}
