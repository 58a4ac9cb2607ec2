/**
 * How every synchronous change to a worker is committed (registration, employment end,
 * consents, checks): the registry answers at once instead of queueing, because each change
 * is a read and one conditional transaction — nothing long-running to wait for.
 *
 * Idempotency works as for queued commands (Idempotency-Key → event id, one event record):
 * the event is written already `applied`, in the change's own transaction, together with
 * the answer; a retry with the same key gets that answer again, the same key with another
 * body 422. Concurrency: the change is decided on the profile as read; if another writer
 * moved it first, the transaction is cancelled and the change is decided again on fresh
 * state (a few times, then 503 — safe to retry).
 */
import type { Caller } from '../auth/roles';
import type { WorkerProfile } from '../domain/worker/worker';
import { canonicalHash } from '../lib/hash';
import { commandEventId } from '../lib/ids';
import { problems } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { eventsRepository } from '../store/events-repository';
import type { ExtraWrite } from '../store/orders-repository';
import { workersRepository, WorkerWriteConflict, type SettledEvent } from '../store/workers-repository';
import { nextEntry, type TraceEntry } from '../trace/chain';

export interface ChangeDeps {
  store: StoreContext;
  now?: () => Date;
  /**
   * Runs after the change committed and after a replayed answer (at least once; see
   * services/worker-certificate.ts). Its failure fails the request, whose retry replays.
   */
  afterChange?: (workerId: string) => Promise<unknown>;
}

export interface ChangeAnswer {
  statusCode: number;
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

export const MAX_ATTEMPTS = 4;

function replay(event: { type: string; requestHash: string; result?: ChangeAnswer }, request: ChangeRequest): ChangeAnswer {
  if (event.type !== request.type || event.requestHash !== request.requestHash || !event.result) throw problems.idempotencyKeyReused();
  return event.result;
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

  const earlier = (await events.get(caller.tenantId, eventId)) as (SettledEvent & { result?: ChangeAnswer }) | undefined;
  if (earlier) return replay(earlier, request);

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const at = (deps.now?.() ?? new Date()).toISOString();
    const plan = await request.plan(at);
    let head = plan.before?.traceHead;
    const entries: TraceEntry[] = plan.entries.map(({ type, payload }) => {
      const entry = nextEntry(head, { eventId, type, actor: { ...caller }, at, payloadHash: canonicalHash(payload) });
      head = { seq: entry.seq, hash: entry.hash };
      return entry;
    });
    const seqs = entries.map((e) => e.seq);
    const planned = plan.answer(seqs);
    const answer: ChangeAnswer = { statusCode: planned.statusCode, body: { workerId: plan.workerId, eventId, ...planned.body } };
    const profile: WorkerProfile = {
      ...plan.after(seqs),
      version: head?.seq ?? 0,
      traceHead: head ?? { seq: 0, hash: '' },
    };
    const event: SettledEvent = {
      eventId,
      tenantId: caller.tenantId,
      type: request.type,
      subjectId: plan.workerId,
      status: 'applied',
      actor: { ...caller },
      requestHash: request.requestHash,
      acceptedAt: at,
      appliedAt: at,
      result: answer,
    };
    try {
      await workers.apply({
        profile,
        previousVersion: plan.before?.version,
        entries,
        event: { put: event },
        extra: [...(plan.extra ?? []), ...plan.entries.flatMap((e, i) => e.extra?.(seqs[i]!) ?? [])],
      });
      return answer;
    } catch (error) {
      if (!(error instanceof WorkerWriteConflict)) throw error;
      if (error.part === 'event') {
        // A concurrent request with the same key committed first: answer as it did.
        const settled = await events.get(caller.tenantId, eventId);
        if (settled) return replay(settled as SettledEvent, request);
      }
      // 'worker' or 'extra': someone changed the worker or its link meanwhile; decide again.
    }
  }
  throw problems.unavailable();
}
