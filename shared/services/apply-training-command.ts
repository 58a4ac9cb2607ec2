/**
 * Applying a training command (the asynchronous half, run by the training consumer): read
 * the worker and its records at the reporting base, let the pure rules decide
 * (domain/training/training.ts), then write in ONE transaction (store/traced-write.ts) the
 * worker profile, its trace entry, the event's outcome, the training record and the base's
 * yearly counters — so the statistics always match the records.
 *
 * Needs no key material: the message names the worker by id.
 */
import { trainingCompleted } from '../domain/programme/deltas';
import { decideTraining, type TrainingCommandType } from '../domain/training/training';
import { WORKER_TRACE_TYPES, type WorkerProfile } from '../domain/worker/worker';
import type { TrainingCommandMessage } from '../events/training-command';
import { canonicalHash } from '../lib/hash';
import type { StoreContext } from '../store/client';
import { eventsRepository } from '../store/events-repository';
import { programmeCount } from '../store/programme-figures-repository';
import { trainingStatsRepository } from '../store/training-stats-repository';
import { commandEntry, tracedStoreOf, writeTraced, type Plan } from '../store/traced-write';
import { workersRepository } from '../store/workers-repository';

export type TrainingOutcome = { outcome: 'applied'; seq: number } | { outcome: 'rejected'; reason: string } | { outcome: 'duplicate' };

/** Thrown for a message that can never be applied; the record fails and ends in the DLQ. */
export class UnprocessableTrainingMessageError extends Error {}

const TRACE_TYPE: Record<TrainingCommandType, string> = {
  'training.enrolment': WORKER_TRACE_TYPES.trainingEnrolled,
  'training.completion': WORKER_TRACE_TYPES.trainingCompleted,
  'training.exam-result': WORKER_TRACE_TYPES.examRecorded,
};

export async function applyTrainingCommand(store: StoreContext, message: TrainingCommandMessage, now: () => Date = () => new Date()): Promise<TrainingOutcome> {
  const events = eventsRepository(store);
  const workers = workersRepository(store);
  const stats = trainingStatsRepository(store);

  const event = await events.get(message.tenantId, message.eventId);
  if (!event) throw new UnprocessableTrainingMessageError('no accepted event for this message');
  if (event.status !== 'accepted') return { outcome: 'duplicate' };
  const requestHash = canonicalHash({ type: message.type, workerId: message.workerId, payload: message.payload });
  if (event.subjectId !== message.workerId || event.type !== message.type || event.requestHash !== requestHash) {
    throw new UnprocessableTrainingMessageError('message does not match its accepted event');
  }

  const plan = async (): Promise<Plan<TrainingOutcome>> => {
    const at = now().toISOString();
    const profile = await workers.get(message.workerId, true);
    if (!profile) {
      await events.reject(message.tenantId, message.eventId, `no worker ${message.workerId}`, at);
      return { done: { outcome: 'rejected', reason: `no worker ${message.workerId}` } };
    }
    const records = await workers.trainingRecords(message.workerId, message.tenantId);
    const decision = decideTraining(message.tenantId, records, { type: message.type, payload: message.payload } as never);
    if (!decision.ok) {
      await events.reject(message.tenantId, message.eventId, decision.reason, at);
      return { done: { outcome: 'rejected', reason: decision.reason } };
    }
    const trained = decision.passedNow ? [...new Set([...profile.trainedCategories, decision.record.category])].sort() : profile.trainedCategories;
    return {
      before: profile,
      entries: [commandEntry(message, TRACE_TYPE[message.type], { baseTenantId: message.tenantId, ...message.payload })],
      write: (stamp) => ({
        ...workers.record({ ...profile, trainedCategories: trained, version: stamp.version, traceHead: stamp.traceHead } satisfies WorkerProfile),
        event: { settle: { tenantId: message.tenantId, eventId: message.eventId, at } },
        side: [
          workers.trainingRecordPut(message.workerId, decision.record),
          stats.statsWrite(message.tenantId, decision.stats),
          // A completed course is one training person-time of the programme.
          ...programmeCount(store, message.type === 'training.completion' ? trainingCompleted(message.workerId, decision.record.completedOn!) : undefined),
        ],
      }),
      result: (stamp) => ({ outcome: 'applied', seq: stamp.version }),
      onEventSettled: async () => ({ outcome: 'duplicate' }),
    };
  };
  // The worker changed (a check, another base's record) or the counters were busy: decided again.
  return writeTraced(tracedStoreOf(store), plan);
}
