/**
 * Parses a queue message body in two steps — the envelope, then the payload schema its
 * `type` names — so every consumer reads its commands the same way. Undefined when the body
 * is not a command this version understands (the consumer fails it towards the DLQ).
 */
import type * as z from 'zod/mini';

export function parseCommandMessage<M>(
  body: string,
  envelope: z.ZodMiniType<{ type: string; payload: unknown }>,
  payloads: Record<string, z.ZodMiniType>,
): M | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = envelope.safeParse(value);
  if (!parsed.success) return undefined;
  const payload = payloads[parsed.data.type]?.safeParse(parsed.data.payload);
  return payload?.success ? ({ ...parsed.data, payload: payload.data } as M) : undefined;
}
