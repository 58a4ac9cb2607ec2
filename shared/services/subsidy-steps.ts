/**
 * How every step of a subsidy application after its submission is committed: the application
 * as read, the step planned on it (shared/domain/subsidy/application.ts decides), then ONE
 * transaction through the traced write path — the application under its version guard, the
 * step's trace entry, and the step's side items (the budget's reservation, the payment keys,
 * the evidence snapshot, the live item, the public award line). A moved application or a
 * side item whose state changed is decided again on fresh state; the step's CloudEvent is
 * published once the transaction committed.
 */
import type { Caller } from '../auth/roles';
import type { ApplicationCommandType } from '../domain/subsidy/application';
import { traceTypeOf } from '../domain/subsidy/application';
import type { CloudEvent } from '../events/cloudevent';
import { stepOf, subsidyEvent, subsidyStepEventId } from '../events/subsidy-cloudevent';
import { canonicalHash } from '../lib/hash';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { subsidyApplicationsRepository, type StoredApplication } from '../store/subsidy-applications-repository';
import { tracedStoreOf, writeTraced, type Plan } from '../store/traced-write';
import type { TransactItem } from '../store/transact-items';

export interface SubsidyDeps {
  store: StoreContext;
  now?: () => Date;
  /** Publishes the step's event (EventBridge in Lambda); absent, nothing is published. */
  publish?: (events: CloudEvent[]) => Promise<void>;
  /** STAGE: part of the event's source. */
  stage?: string;
  /** Person keys an approval's own transaction holds (subsidy-review.ts); tests lower it to reach the claims made ahead. */
  personKeysPerTransaction?: number;
}

/** The application as answered: the request's fingerprint and the evidence pointer stay in the table. */
export function applicationView(application: StoredApplication) {
  const { requestHash: _hash, evidenceSeq: _seq, ...view } = application;
  return view;
}

/** What one attempt of a step planned: the application after it, what its entry attests, its side items. */
export interface StepPlan {
  next: Omit<StoredApplication, 'version' | 'traceHead'>;
  /** Hashed into the trace entry: ids, amounts, days — never free text. */
  attested: Record<string, unknown>;
  side?: (seq: number) => TransactItem[];
  /** A side item refused: throw the answer, or return to decide again on fresh state. */
  onSideConflict?: (index: number) => Promise<void>;
}

export interface StepRequest {
  actor: Caller;
  /** The applicant's tenant when the caller is the applicant; undefined for an admin, who names the application by id. */
  tenantId?: string;
  applicationId: string;
  command: ApplicationCommandType;
  plan: (application: StoredApplication, now: Date) => Promise<StepPlan>;
}

/** Publishes the event of a committed step (at least once; a retried publication has the same id). */
export async function publishStep(deps: SubsidyDeps, command: ApplicationCommandType, application: StoredApplication, entry: { seq: number; hash: string; at: string }) {
  if (!deps.publish) return;
  await deps.publish([subsidyEvent(deps.stage ?? 'dev', stepOf(command), application, entry)]);
}

export async function commitStep(deps: SubsidyDeps, request: StepRequest) {
  const repo = subsidyApplicationsRepository(deps.store);
  const tenantId = request.tenantId ?? (await repo.applicantOf(request.applicationId));
  if (!tenantId) throw problems.notFound('The application');

  const plan = async (): Promise<Plan<{ application: StoredApplication; entry: { seq: number; hash: string; at: string } }>> => {
    const application = await repo.get(tenantId, request.applicationId);
    if (!application) throw problems.notFound('The application');
    const now = deps.now?.() ?? new Date();
    const at = now.toISOString();
    const planned = await request.plan(application, now);
    const seq = application.traceHead.seq + 1;
    const stored = (stamp: { version: number; traceHead: { seq: number; hash: string } }): StoredApplication => ({ ...planned.next, version: stamp.version, traceHead: stamp.traceHead });
    return {
      before: application,
      entries: [
        {
          eventId: subsidyStepEventId(application.applicantId, application.applicationId, seq),
          type: traceTypeOf(request.command),
          actor: { ...request.actor },
          at,
          payloadHash: canonicalHash({ applicationId: application.applicationId, ...planned.attested }),
        },
      ],
      write: (stamp) => ({ ...repo.record(stored(stamp)), side: planned.side?.(seq) ?? [] }),
      result: (stamp) => ({ application: stored(stamp), entry: { ...stamp.traceHead, at } }),
      onSideConflict: async (index) => {
        await planned.onSideConflict?.(index);
        return undefined;
      },
    };
  };
  const { application, entry } = await writeTraced(tracedStoreOf(deps.store), plan);
  await publishStep(deps, request.command, application, entry);
  return application;
}
