/**
 * The message a training route puts on the training FIFO queue (group = worker id) and the
 * training consumer applies. The worker is named by its id only: a base may report by ID
 * number, but the route resolves it to the worker before anything is queued, so no
 * personal data (not even the keyed hash) travels on the queue.
 */
import * as z from 'zod/mini';
import { TRAINING_COMMANDS, type TrainingCommand } from '../domain/training/training';
import { TRAINING_PAYLOADS } from '../schemas/training';

export const TRAINING_MESSAGE_VERSION = 1;

const Envelope = z.strictObject({
  v: z.literal(TRAINING_MESSAGE_VERSION),
  eventId: z.string(),
  type: z.enum(TRAINING_COMMANDS),
  /** The training base that reported it. */
  tenantId: z.string(),
  workerId: z.string(),
  actor: z.strictObject({ tenantId: z.string(), role: z.string(), keyId: z.string() }),
  acceptedAt: z.iso.datetime({ offset: true }),
  payload: z.unknown(),
});

export type TrainingCommandMessage = Omit<z.infer<typeof Envelope>, 'type' | 'payload'> & TrainingCommand;

/** Parses a queue message body; undefined when it is not a training command this version understands. */
export function parseTrainingCommandMessage(body: string): TrainingCommandMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const envelope = Envelope.safeParse(value);
  if (!envelope.success) return undefined;
  const payload = TRAINING_PAYLOADS[envelope.data.type].safeParse(envelope.data.payload);
  return payload.success ? ({ ...envelope.data, payload: payload.data } as TrainingCommandMessage) : undefined;
}
