/**
 * Parses a queue message body: its envelope (version, ids, command type, actor, time), so
 * every consumer reads its commands the same way. Undefined when the body is not a command
 * this version understands (the consumer fails it towards the DLQ).
 *
 * The payload is deliberately NOT re-validated here. The accepting function validated it
 * against its schema and stored the hash of the validated command on the event record;
 * every apply service compares the message with that hash before it uses the payload
 * (services/apply-*-command.ts), and refuses the message (→ DLQ) when they differ. A payload
 * that passes is byte for byte the one that was validated, so a second schema check would
 * add nothing — while it would make every consumer build every command's schema at cold
 * start (bench/: cold start).
 */
import type * as z from 'zod/mini';

export function parseCommandMessage<M>(body: string, envelope: z.ZodMiniType<{ type: string; payload: unknown }>): M | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = envelope.safeParse(value);
  return parsed.success ? (parsed.data as M) : undefined;
}
