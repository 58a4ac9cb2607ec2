/**
 * A training base reports an enrolment, completion or exam result (the synchronous half):
 * find the worker (by the ID number's keyed hash, or by worker id), record the command once
 * under its Idempotency-Key, put it on the training FIFO queue (group = worker id, so one
 * worker's records apply in order), answer 202. The training consumer applies it
 * (services/apply-training-command.ts). Crash safety as for every queued command
 * (services/accept-queued-command.ts): record first, then send; a retry re-sends.
 */
import type { Caller } from '../auth/roles';
import type { TrainingCommand } from '../domain/training/training';
import { TRAINING_MESSAGE_VERSION } from '../events/training-command';
import { canonicalHash } from '../lib/hash';
import { commandEventId } from '../lib/ids';
import { Problem } from '../lib/problem';
import type { StoreContext } from '../store/client';
import { workersRepository } from '../store/workers-repository';
import { acceptQueuedCommand, type QueuedCommandDeps } from './accept-queued-command';
import { idNumberHash } from './register-worker';

export type TrainingDeps = QueuedCommandDeps;

export type WorkerReference = { idNumber: string } | { workerId: string };

export interface TrainingAccepted {
  workerId: string;
  eventId: string;
  status: 'accepted';
}

/**
 * A base may only report on registered workers (registration is the enterprise's act, with
 * the worker's name and consent). The answer says no more than "not registered".
 */
const notRegistered = () =>
  new Problem(422, 'worker-not-registered', 'Worker not registered', 'No registered worker matches this ID number or worker id.');

async function resolveWorker(store: StoreContext, ref: WorkerReference): Promise<string> {
  const workers = workersRepository(store);
  const workerId = 'workerId' in ref ? ref.workerId : await workers.workerIdOf(await idNumberHash(ref.idNumber));
  if (!workerId || !(await workers.get(workerId))) throw notRegistered();
  return workerId;
}

export async function acceptTrainingCommand(
  deps: TrainingDeps,
  caller: Caller,
  idempotencyKey: string,
  ref: WorkerReference,
  command: TrainingCommand,
): Promise<TrainingAccepted> {
  const workerId = await resolveWorker(deps.store, ref);
  const eventId = commandEventId(caller.tenantId, idempotencyKey);
  // Over the resolved worker, never the ID number: a plain hash of it could be reversed.
  const requestHash = canonicalHash({ type: command.type, workerId, payload: command.payload });
  const record = await acceptQueuedCommand(deps, {
    eventId,
    tenantId: caller.tenantId,
    type: command.type,
    subjectId: workerId,
    actor: { ...caller },
    requestHash,
    payload: command.payload,
    v: TRAINING_MESSAGE_VERSION,
    subjectField: 'workerId',
  });
  return { workerId: record.subjectId, eventId, status: 'accepted' };
}
