/**
 * How every change to a group policy is committed (issue, cancel, enrol, end an
 * enrolment): synchronously, like the worker registry (worker-change.ts) — each change
 * is a read and one conditional transaction, nothing long-running to queue for.
 *
 * Idempotency comes from the request's natural key rather than an Idempotency-Key: an
 * insurer's policy number, a worker's enrolment start, an enrolment's end day, a
 * cancellation's effective day. The same request again finds its own result in place and
 * answers it again (200) without a new trace entry; a different request on the same key
 * is a conflict. Each trace entry's event id is derived from that natural key, so a
 * repeated change could never add a second entry with another id.
 *
 * Concurrency: the change is decided on the policy as read and written through the traced
 * write path (store/traced-write.ts), which decides it again on fresh state when another
 * writer moved the policy first. Every change to a policy (its roster included) extends one
 * trace, so an enterprise enrolling many workers at once makes them race: the path's
 * jittered retries spread such a burst out.
 */
import type { Caller } from '../auth/roles';
import type { Policy } from '../domain/insurance/policy';
import { canonicalHash } from '../lib/hash';
import { commandEventId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import type { ExtraWrite } from '../store/orders-repository';
import { policiesRepository } from '../store/policies-repository';
import { tracedStoreOf, writeTraced, type Plan } from '../store/traced-write';

export interface PolicyDeps {
  store: StoreContext;
  now?: () => Date;
  /**
   * Runs for each worker whose cover changed, after the change committed and after a
   * repeated request (at least once; see services/worker-certificate.ts). Its failure
   * fails the request, whose retry runs it again.
   */
  afterChange?: (workerId: string) => Promise<unknown>;
}

/** What a change answers: the view, and whether it created the policy or enrolment (rather than changed or repeated it). */
export interface PolicyAnswer {
  created: boolean;
  body: Record<string, unknown>;
}

export type PlannedPolicyChange =
  /** Nothing to write: the request is a repeat (or needs no change); answer this. */
  | { kind: 'unchanged'; answer: PolicyAnswer; workerIds?: string[] }
  | {
      kind: 'change';
      /** The policy the decision was based on; undefined issues it. */
      before: Policy | undefined;
      after: Omit<Policy, 'version' | 'traceHead'>;
      /** Payloads are hashed into the trace: ids, dates, enums, amounts — never personal data. */
      entries: { type: string; payload: unknown }[];
      extra?: ExtraWrite[];
      answer: (policy: Policy) => PolicyAnswer;
      /** Workers whose certificate should be brought up to date after the change. */
      workerIds?: string[];
      /**
       * A side item's guard failed (e.g. the policy number was claimed meanwhile): the
       * answer to give (a repeat of the same request), throw a Problem to refuse, or
       * undefined to decide again on fresh state.
       */
      onExtraConflict?: (index: number) => Promise<PolicyAnswer | undefined>;
    };

export interface PolicyChangeRequest {
  caller: Caller;
  /** The change's natural key, e.g. `enrol:<policyId>:<workerId>:<from>`: names its trace entries' event id. */
  naturalKey: string;
  /** Decides the change on fresh state; throws a Problem to refuse it. Called again after a conflict. */
  plan: (at: string) => Promise<PlannedPolicyChange>;
}

/** Certificates refreshed in parallel, a few at a time (a cancellation may touch a whole roster). */
const REFRESH_CONCURRENCY = 8;

export async function commitPolicyChange(deps: PolicyDeps, request: PolicyChangeRequest): Promise<PolicyAnswer> {
  const { answer, workerIds } = await commit(deps, request);
  const after = deps.afterChange;
  if (after) {
    for (let i = 0; i < workerIds.length; i += REFRESH_CONCURRENCY) await Promise.all(workerIds.slice(i, i + REFRESH_CONCURRENCY).map((id) => after(id)));
  }
  return answer;
}

async function commit(deps: PolicyDeps, request: PolicyChangeRequest): Promise<{ answer: PolicyAnswer; workerIds: string[] }> {
  const policies = policiesRepository(deps.store);
  const eventId = commandEventId(request.caller.tenantId, `policy:${request.naturalKey}`);
  type Committed = { answer: PolicyAnswer; workerIds: string[] };
  const plan = async (): Promise<Plan<Committed>> => {
    const at = (deps.now?.() ?? new Date()).toISOString();
    const planned = await request.plan(at);
    const workerIds = planned.workerIds ?? [];
    if (planned.kind === 'unchanged') return { done: { answer: planned.answer, workerIds } };
    return {
      before: planned.before,
      entries: planned.entries.map(({ type, payload }) => ({ eventId, type, actor: { ...request.caller }, at, payloadHash: canonicalHash(payload) })),
      write: (stamp) => ({ ...policies.record({ ...planned.after, version: stamp.version, traceHead: stamp.traceHead }), side: planned.extra }),
      result: (stamp) => ({ answer: planned.answer({ ...planned.after, version: stamp.version, traceHead: stamp.traceHead }), workerIds }),
      onSideConflict: async (index) => {
        const answer = await planned.onExtraConflict?.(index);
        return answer && { answer, workerIds };
      },
    };
  };
  return writeTraced(tracedStoreOf(deps.store), plan);
}
