/**
 * The chaos spec: which faults the local platform injects, and how often
 * (`npm start -- --chaos consumer-error=0.2,throttle=0.1,duplicate=1,seed=7`).
 *
 * A spec is `key=value` pairs separated by commas. Rates are shares between 0 and 1;
 * durations are `<n>ms` or `<n>s`. Every key is optional; unknown keys are refused by name,
 * so a typo never runs a quieter chaos than the one asked for. What each fault does:
 * docs/architecture.md "Chaos mode" and local/chaos/index.ts.
 */
import { z } from 'zod';

export const CHAOS_KEYS = {
  'consumer-error': 'share of the batches an event-source mapping delivers that fail as a function error',
  'consumer-timeout': 'share of the batches whose invocation is cut off part-way by a timeout',
  throttle: "share of the functions' DynamoDB calls answered ProvisionedThroughputExceededException",
  duplicate: 'share of the batches handed to the function a second time after it processed them',
  'events-delay': 'longest delay before an EventBridge target is reached (each delivery waits a random part of it)',
  'redeliver-after':
    "how soon a batch whose invocation failed as a whole comes back (default: after the queue's visibility timeout, as on AWS)",
  seed: 'seed of the random choices (default: a random one, printed at start)',
} as const;

export interface ChaosSpec {
  consumerError: number;
  consumerTimeout: number;
  throttle: number;
  duplicate: number;
  eventsDelayMs: number;
  /** Undefined: a failed batch waits out the queue's visibility timeout. */
  redeliverAfterSeconds?: number;
  seed: number;
}

const rate = z.coerce
  .number({ error: 'must be a number between 0 and 1' })
  .min(0, 'must be between 0 and 1')
  .max(1, 'must be between 0 and 1');

const duration = z
  .string()
  .regex(/^\d+(\.\d+)?(ms|s)$/, 'must be a duration such as 200ms or 2s')
  .transform((text) => (text.endsWith('ms') ? Number(text.slice(0, -2)) : Number(text.slice(0, -1)) * 1000));

const SpecSchema = z
  .strictObject({
    'consumer-error': rate.default(0),
    'consumer-timeout': rate.default(0),
    throttle: rate.default(0),
    duplicate: rate.default(0),
    'events-delay': duration.optional().default(0),
    'redeliver-after': duration.refine((ms) => ms % 1000 === 0, 'must be whole seconds (SQS counts visibility in seconds)').optional(),
    seed: z.coerce.number({ error: 'must be an integer' }).int('must be an integer').min(0, 'must be 0 or more').max(2 ** 32 - 1).optional(),
  })
  .refine((s) => s['consumer-error'] + s['consumer-timeout'] <= 1, {
    message: 'consumer-error + consumer-timeout must not exceed 1 (they are shares of the same batches)',
  });

export class ChaosSpecError extends Error {
  constructor(message: string) {
    super(`chaos spec: ${message}`);
    this.name = 'ChaosSpecError';
  }
}

/** Parses `key=value,key=value`; throws ChaosSpecError naming the key at fault. */
export function parseChaosSpec(text: string, randomSeed: () => number = () => Math.floor(Math.random() * 2 ** 32)): ChaosSpec {
  const pairs: Record<string, string> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = part.indexOf('=');
    if (at <= 0) throw new ChaosSpecError(`"${part}" is not key=value`);
    const key = part.slice(0, at).trim();
    if (!(key in CHAOS_KEYS)) {
      throw new ChaosSpecError(`unknown key "${key}" (known: ${Object.keys(CHAOS_KEYS).join(', ')})`);
    }
    if (key in pairs) throw new ChaosSpecError(`"${key}" is given twice`);
    const value = part.slice(at + 1).trim();
    if (value === '') throw new ChaosSpecError(`${key}: has no value`);
    pairs[key] = value;
  }
  const parsed = SpecSchema.safeParse(pairs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.length > 0 ? `${String(issue.path[0])}: ` : '';
    throw new ChaosSpecError(`${key}${issue.message}`);
  }
  const s = parsed.data;
  return {
    consumerError: s['consumer-error'],
    consumerTimeout: s['consumer-timeout'],
    throttle: s.throttle,
    duplicate: s.duplicate,
    eventsDelayMs: s['events-delay'],
    ...(s['redeliver-after'] !== undefined ? { redeliverAfterSeconds: s['redeliver-after'] / 1000 } : {}),
    seed: s.seed ?? randomSeed(),
  };
}

/** The one line the platform logs at start: what is injected, with the seed to repeat it. */
export function describeChaos(spec: ChaosSpec): string {
  const pct = (share: number) => `${+(share * 100).toFixed(2)} %`;
  const parts = [
    spec.consumerError > 0 ? `consumer errors on ${pct(spec.consumerError)} of batches` : undefined,
    spec.consumerTimeout > 0 ? `consumer timeouts on ${pct(spec.consumerTimeout)} of batches` : undefined,
    spec.throttle > 0 ? `DynamoDB throttling on ${pct(spec.throttle)} of calls` : undefined,
    spec.duplicate > 0 ? `duplicate deliveries of ${pct(spec.duplicate)} of batches` : undefined,
    spec.eventsDelayMs > 0 ? `EventBridge targets delayed up to ${spec.eventsDelayMs} ms` : undefined,
    spec.redeliverAfterSeconds !== undefined ? `failed batches back after ${spec.redeliverAfterSeconds} s` : undefined,
  ].filter(Boolean);
  return `[chaos] ON, seed ${spec.seed}: ${parts.length > 0 ? parts.join('; ') : 'nothing injected (every rate is 0)'}`;
}
