/**
 * The CloudEvent of a step of a subsidy application (docs/subsidies.md "Events and privacy"),
 * built when the step commits and built again when a repeated request finds the step done.
 *
 * A step's event is published after its transaction, so a publication that fails fails the
 * request while the step stands. The caller repeats the request with the same Idempotency-Key
 * and the step is found done: answered again, and its event published again with the same id
 * — at least once, like every Anxin event (consumers deduplicate on the id). The event is
 * rebuilt from what the table keeps, so the repeat publishes the first event byte for byte
 * even when later steps moved the application on.
 */
import { commandOfTraceType, stateAfter, traceTypeOf, type ApplicationCommandType } from '../domain/subsidy/application';
import type { CloudEvent } from '../events/cloudevent';
import { stepOf, subsidyEvent, type SubsidyEvent } from '../events/subsidy-cloudevent';
import type { StoreContext } from '../store/client';
import { subsidyApplicationsRepository, type StoredApplication } from '../store/subsidy-applications-repository';

export interface StepPublisher {
  /** Publishes the step's event (EventBridge in Lambda); absent, nothing is published. */
  publish?: (events: CloudEvent[]) => Promise<void>;
  /** STAGE: part of the event's source. */
  stage?: string;
}

/** The event of a step that just committed: the application after it and the step's trace entry. */
export const stepEvent = (deps: StepPublisher, command: ApplicationCommandType, application: StoredApplication, entry: { seq: number; hash: string; at: string }): SubsidyEvent =>
  subsidyEvent(deps.stage ?? 'dev', stepOf(command), application, entry);

/** The steps that evaluate the rules and keep an evidence snapshot (and with it the allowed amount). */
const EVALUATING = new Set([traceTypeOf('submit'), traceTypeOf('supplement')]);

/**
 * The event of the step at trace `seq`, from the application as it is now: the entry gives the
 * step, its time and hash; the state is the one the step leads to; the allowed amount is the
 * one of the evidence current at that step (a later supplement may have changed it); an
 * approved amount is set once, by the approval, and kept after it.
 */
export async function rebuiltStepEvent(store: StoreContext, deps: StepPublisher, application: StoredApplication, seq: number): Promise<SubsidyEvent> {
  const repo = subsidyApplicationsRepository(store);
  const trace = await repo.trace(application.applicantId, application.applicationId);
  const entry = trace.find((e) => e.seq === seq);
  const command = entry && commandOfTraceType(entry.type);
  if (!entry || !command) throw new Error(`application ${application.applicationId} has no step at seq ${seq}`);
  const state = stateAfter(command);
  const evidenceSeq = Math.max(...trace.filter((e) => e.seq <= seq && EVALUATING.has(e.type)).map((e) => e.seq));
  const allowedFen =
    evidenceSeq === application.evidenceSeq ? application.allowedFen : (await repo.evidence(application.applicantId, application.applicationId, evidenceSeq))?.amount.allowedFen;
  if (allowedFen === undefined) throw new Error(`application ${application.applicationId} has no evidence snapshot at ${evidenceSeq}`);
  const approved = state === 'approved' || state === 'paid';
  const { approvedFen: _approvedFen, ...rest } = application;
  return subsidyEvent(deps.stage ?? 'dev', stepOf(command), { ...rest, state, allowedFen, ...(approved && application.approvedFen !== undefined ? { approvedFen: application.approvedFen } : {}) }, { seq, hash: entry.hash, at: entry.at });
}

export async function publishStepEvent(deps: StepPublisher, event: SubsidyEvent): Promise<void> {
  await deps.publish?.([event]);
}
