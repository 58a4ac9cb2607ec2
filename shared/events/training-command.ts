/**
 * The message a training route puts on the training FIFO queue (group = worker id) and the
 * training consumer applies. The worker is named by its id only: a base may report by ID
 * number, but the route resolves it to the worker before anything is queued, so no
 * personal data (not even the keyed hash) travels on the queue.
 */
import * as z from 'zod/mini';
import { defineSchema } from '../lib/define-schema';
import { parseCommandMessage } from './parse-command-message';
import { TRAINING_COMMANDS, type TrainingCommand } from '../domain/training/training';

export const TRAINING_MESSAGE_VERSION = 1;

const Envelope = /* @__PURE__ */ defineSchema(() => z.strictObject({
  v: z.literal(TRAINING_MESSAGE_VERSION),
  eventId: z.string(),
  type: z.enum(TRAINING_COMMANDS),
  /** The training base that reported it. */
  tenantId: z.string(),
  workerId: z.string(),
  actor: z.strictObject({ tenantId: z.string(), role: z.string(), keyId: z.string() }),
  acceptedAt: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
}));

export type TrainingCommandMessage = Omit<z.infer<typeof Envelope>, 'type' | 'payload'> & TrainingCommand;

/** Parses a queue message body; undefined when it is not a training command this version understands. */
export const parseTrainingCommandMessage = (body: string): TrainingCommandMessage | undefined => parseCommandMessage<TrainingCommandMessage>(body, Envelope);
