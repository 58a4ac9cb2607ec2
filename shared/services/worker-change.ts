/**
 * How every synchronous change to a worker is committed (registration, employment end,
 * consents, checks): the registry answers at once instead of queueing, because each change
 * is a read and one conditional transaction — nothing long-running to wait for.
 *
 * Idempotency works as for queued commands (Idempotency-Key → event id, one event record):
 * the event is written already `applied`, in the change's own transaction, together with
 * the answer; a retry with the same key gets that answer again, the same key with another
 * body 422. Concurrency: the change is decided on the profile as read and written through
 * the traced write path (store/traced-write.ts), which decides it again on fresh state
 * when another writer moved the worker first.
 */
import type { Caller } from '../auth/roles';
import type { WorkerProfile } from '../domain/worker/worker';
import { canonicalHash } from '../lib/hash';
import { commandEventId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { eventsRepository } from '../store/events-repository';
import type { ExtraWrite } from '../store/orders-repository';
import { tracedStoreOf, writeTraced, type Plan, type Stamp } from '../store/traced-write';
import { workersRepository, type SettledEvent, type StoredAnswer } from '../store/workers-repository';

export interface ChangeDeps {
  store: StoreContext;
  now?: () => Date;
  /**
   * Runs after the change committed and after a replayed answer (at least once; see
   * services/worker-certificate.ts). Its failure fails the request, whose retry replays.
   */
  afterChange?: (workerId: string) => Promise<unknown>;
}

/** What a change answers: whether it registered the worker (rather than changed or repeated), and the view. */
export interface ChangeAnswer {
  created: boolean;
  body: Record<string, unknown>;
}

/** What one attempt decided. `entries` become trace entries in this order. */
export interface PlannedChange {
  workerId: string;
  /** The profile the decision was based on; undefined creates the worker. */
  before: WorkerProfile | undefined;
  /** The new profile state, given the new entries' sequence numbers (version and trace head are set here). */
  after: (seqs: number[]) => Omit<WorkerProfile, 'version' | 'traceHead'>;
  /**
   * Payloads are hashed into the trace: ids, dates, enums — never personal data. An entry's
   * `extra` are side items that need its sequence number (e.g. a consent period).
   */
  entries: { type: string; payload: unknown; extra?: (seq: number) => ExtraWrite[] }[];
  /** Side items of the change as a whole (PERSON item, employment link). */
  extra?: ExtraWrite[];
  /** The answer; `workerId` and `eventId` are put first by commitWorkerChange. */
  answer: (seqs: number[]) => ChangeAnswer;
}

export interface ChangeRequest {
  caller: Caller;
  idempotencyKey: string;
  /** Event type, e.g. `worker.consent`. */
  type: string;
  /** Fingerprint of the request; never a plain hash of personal data (see register-worker.ts). */
  requestHash: string;
  /** Decides the change on fresh state; throws a Problem to refuse it. Called again after a conflict. */
  plan: (at: string) => Promise<PlannedChange>;
}

function replay(event: { type: string; requestHash: string; result?: StoredAnswer }, request: ChangeRequest): ChangeAnswer {
  if (event.type !== request.type || event.requestHash !== request.requestHash || !event.result) throw problems.idempotencyKeyReused();
  const { created, statusCode, body } = event.result;
  // Answers stored before `created` kept the HTTP status instead (read until their TTL ends them).
  return { created: created ?? statusCode === 201, body };
}

export async function commitWorkerChange(deps: ChangeDeps, request: ChangeRequest): Promise<ChangeAnswer> {
  const answer = await commit(deps, request);
  await deps.afterChange?.(String(answer.body.workerId));
  return answer;
}

async function commit(deps: ChangeDeps, request: ChangeRequest): Promise<ChangeAnswer> {
  const { store } = deps;
  const { caller } = request;
  const events = eventsRepository(store);
  const workers = workersRepository(store);
  const eventId = commandEventId(caller.tenantId, request.idempotencyKey);

  const earlier = (await events.get(caller.tenantId, eventId)) as SettledEvent | undefined;
  if (earlier) return replay(earlier, request);

  const plan = async (): Promise<Plan<ChangeAnswer>> => {
    const at = (deps.now?.() ?? new Date()).toISOString();
    const planned = await request.plan(at);
    const answerOf = (stamp: Stamp): ChangeAnswer => {
      const { created, body } = planned.answer(stamp.seqs);
      return { created, body: { workerId: planned.workerId, eventId, ...body } };
    };
    return {
      before: planned.before,
      entries: planned.entries.map(({ type, payload }) => ({ eventId, type, actor: { ...caller }, at, payloadHash: canonicalHash(payload) })),
      write: (stamp) => ({
        ...workers.record({ ...planned.after(stamp.seqs), version: stamp.version, traceHead: stamp.traceHead }),
        event: {
          put: {
            eventId,
            tenantId: caller.tenantId,
            type: request.type,
            subjectId: planned.workerId,
            status: 'applied',
            actor: { ...caller },
            requestHash: request.requestHash,
            acceptedAt: at,
            appliedAt: at,
            result: answerOf(stamp),
          } satisfies SettledEvent,
        },
        side: [...(planned.extra ?? []), ...planned.entries.flatMap((e, i) => e.extra?.(stamp.seqs[i]!) ?? [])],
      }),
      result: answerOf,
      // A concurrent request with the same key committed first: answer as it did.
      onEventSettled: async () => replay((await events.get(caller.tenantId, eventId, true)) as SettledEvent, request),
    };
  };
  return writeTraced(tracedStoreOf(store), plan);
}
