/**
 * How every step of a subsidy application after its submission is committed: the application
 * as read, the step planned on it (shared/domain/subsidy/application.ts decides), then ONE
 * transaction through the traced write path — the application under its version guard, the
 * step's trace entry, the step's event record (named by the caller's Idempotency-Key, written
 * already applied, with the trace seq it appended) and the step's side items (the budget's
 * reservation, the payment keys, the evidence snapshot, the live item, the public award line).
 * A moved application or a side item whose state changed is decided again on fresh state; the
 * step's CloudEvent is published once the transaction committed.
 *
 * The same request again (same key, same step, same body) finds the step done: it answers the
 * application as it is now and publishes the step's event again, the same event with the same
 * id (subsidy-step-events.ts) — so a publication that failed after the commit is made by the
 * repeat. The same key with another request is 422, as everywhere.
 */
import type { Caller } from '../auth/roles';
import type { ApplicationCommandType } from '../domain/subsidy/application';
import { traceTypeOf } from '../domain/subsidy/application';
import { subsidyStepEventId } from '../events/subsidy-cloudevent';
import { canonicalHash } from '../lib/hash';
import { commandEventId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { eventsRepository, type EventRecord } from '../store/events-repository';
import { subsidyApplicationsRepository, type StoredApplication } from '../store/subsidy-applications-repository';
import { tracedStoreOf, writeTraced, type Plan } from '../store/traced-write';
import type { TransactItem } from '../store/transact-items';
import { publishStepEvent, rebuiltStepEvent, stepEvent, type StepPublisher } from './subsidy-step-events';

export interface SubsidyDeps extends StepPublisher {
  store: StoreContext;
  now?: () => Date;
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
  /** The caller's Idempotency-Key: names the step's event record. */
  idempotencyKey: string;
  /** The request's body, fingerprinted with the step and the application: the same key with another request is 422. */
  body: unknown;
  plan: (application: StoredApplication, now: Date) => Promise<StepPlan>;
  /**
   * Runs once the step committed, and again when a repeated request finds it done
   * (`repeated`), before the event is published: work that follows the commit and must be
   * finished by a repeat (a release of payment keys).
   */
  afterCommit?: (repeated: boolean) => Promise<void>;
}

/** A step's event record: written applied in the step's transaction, it makes the step idempotent. */
const stepRecord = (request: StepRequest, eventId: string, requestHash: string, at: string, seq: number): EventRecord => ({
  eventId,
  tenantId: request.actor.tenantId,
  type: traceTypeOf(request.command),
  subjectId: request.applicationId,
  status: 'applied',
  actor: { ...request.actor },
  requestHash,
  acceptedAt: at,
  appliedAt: at,
  seq,
});

type Committed = { application: StoredApplication; entry: { seq: number; hash: string; at: string } } | { application: StoredApplication; repeatOf: number };

export async function commitStep(deps: SubsidyDeps, request: StepRequest) {
  const repo = subsidyApplicationsRepository(deps.store);
  const events = eventsRepository(deps.store);
  const tenantId = request.tenantId ?? (await repo.applicantOf(request.applicationId));
  if (!tenantId) throw problems.notFound('The application');
  const eventId = commandEventId(request.actor.tenantId, request.idempotencyKey);
  const requestHash = canonicalHash({ type: traceTypeOf(request.command), applicationId: request.applicationId, payload: request.body });

  const plan = async (): Promise<Plan<Committed>> => {
    const application = await repo.get(tenantId, request.applicationId);
    if (!application) throw problems.notFound('The application');
    // Consistent: a repeat decided on a stale read would be refused by the step it repeats.
    const earlier = await events.get(request.actor.tenantId, eventId, true);
    if (earlier) {
      if (earlier.requestHash !== requestHash || earlier.seq === undefined) throw problems.idempotencyKeyReused();
      return { done: { application, repeatOf: earlier.seq } };
    }
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
      write: (stamp) => ({ ...repo.record(stored(stamp)), event: { put: stepRecord(request, eventId, requestHash, at, seq) }, side: planned.side?.(seq) ?? [] }),
      result: (stamp) => ({ application: stored(stamp), entry: { ...stamp.traceHead, at } }),
      onSideConflict: async (index) => {
        await planned.onSideConflict?.(index);
        return undefined;
      },
    };
  };
  const committed = await writeTraced(tracedStoreOf(deps.store), plan);
  const repeated = 'repeatOf' in committed;
  await request.afterCommit?.(repeated);
  if (deps.publish) {
    await publishStepEvent(deps, repeated ? await rebuiltStepEvent(deps.store, deps, committed.application, committed.repeatOf) : stepEvent(deps, request.command, committed.application, committed.entry));
  }
  return committed.application;
}
