/**
 * POST /v1/training/{enrolments|completions|exam-results} — a training base reports on a
 * worker, named by ID number or worker id: 202, applied by the training consumer. One
 * function for the three routes: the route key names the command.
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import type { TrainingCommand } from '../../shared/domain/training/training';
import { residentIdInput } from '../../shared/domain/worker/id-number-input';
import { requiredEnv } from '../../shared/lib/env';
import { httpHandler, json, parseBody, requireRole } from '../../shared/lib/http';
import { requiredIdempotencyKey } from '../../shared/lib/idempotency';
import { problems } from '../../shared/lib/problem';
import { TRAINING_REQUESTS, TRAINING_ROUTES } from '../../shared/schemas/training';
import { acceptTrainingCommand, type WorkerReference } from '../../shared/services/accept-training-command';
import { defaultStore } from '../../shared/store/client';

const deps = { store: defaultStore(), sqs: new SQSClient({}), queueUrl: requiredEnv('TRAINING_QUEUE_URL') };

export const handler = httpHandler(async (event, caller) => {
  requireRole(caller, 'training-base');
  const type = TRAINING_ROUTES[event.routeKey.split('/').at(-1) as keyof typeof TRAINING_ROUTES];
  if (!type) throw problems.notFound('Route');
  const key = requiredIdempotencyKey(event);
  const { idNumber, workerId, ...payload } = parseBody(event, TRAINING_REQUESTS[type]);
  // Exactly one of the two (the schema checked); the ID number in its normalized form.
  const ref: WorkerReference = workerId !== undefined ? { workerId } : { idNumber: residentIdInput(idNumber!)! };
  const accepted = await acceptTrainingCommand(deps, caller, key, ref, { type, payload } as TrainingCommand);
  return json(202, accepted, { location: `/v1/events/${accepted.eventId}` });
});
