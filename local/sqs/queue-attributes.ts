/**
 * Queue attributes: names, defaults, validation and normalisation (CreateQueue and
 * SetQueueAttributes), plus reading them back (GetQueueAttributes). Limits and defaults
 * are those of the current SQS API reference, e.g. MaximumMessageSize defaults to and is
 * capped at 1 MiB since AWS raised the message size limit from 256 KiB in 2025.
 */
import { errors, SqsError } from './errors';
import type { QueueState } from './types';

const INTEGER_RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};
const BOOLEANS = new Set(['SqsManagedSseEnabled', 'ContentBasedDeduplication', 'FifoQueue']);
const ENUMS: Record<string, string[]> = {
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};
const FREE_TEXT = new Set(['Policy', 'KmsMasterKeyId', 'RedrivePolicy', 'RedriveAllowPolicy']);
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** Attributes that exist on every queue, with AWS's defaults. */
const DEFAULTS: Record<string, string> = {
  DelaySeconds: '0',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  SqsManagedSseEnabled: 'true',
};
const FIFO_DEFAULTS: Record<string, string> = {
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'queue',
  FifoThroughputLimit: 'perQueue',
};

const COMPUTED = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
] as const;

const unknownAttribute = (name: string) => new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
const invalidAttribute = (name: string) =>
  new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export function redrivePolicyOf(queue: QueueState): RedrivePolicy | undefined {
  const raw = queue.attributes.RedrivePolicy;
  return raw ? (JSON.parse(raw) as RedrivePolicy) : undefined;
}

/** Parses RedrivePolicy as AWS does (maxReceiveCount may be a number or a numeric string) and normalises it. */
function normalizeRedrivePolicy(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw errors.invalidValue('RedrivePolicy', raw, 'Redrive policy is not a valid JSON map.');
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw errors.invalidValue('RedrivePolicy', raw, 'Redrive policy is not a valid JSON map.');
  }
  const { deadLetterTargetArn, maxReceiveCount } = parsed as Record<string, unknown>;
  if (typeof deadLetterTargetArn !== 'string' || deadLetterTargetArn === '') {
    throw errors.invalidValue('RedrivePolicy', raw, 'Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  }
  const count = typeof maxReceiveCount === 'string' ? Number(maxReceiveCount) : maxReceiveCount;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 1000) {
    throw errors.invalidValue('RedrivePolicy', raw, 'Invalid value for maxReceiveCount: must be an integer from 1 to 1000.');
  }
  return JSON.stringify({ deadLetterTargetArn, maxReceiveCount: count });
}

function normalizeRedriveAllowPolicy(raw: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw errors.invalidValue('RedriveAllowPolicy', raw, 'Redrive allow policy is not a valid JSON map.');
  }
  const p = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (!['allowAll', 'denyAll', 'byQueue'].includes(String(p.redrivePermission))) {
    throw errors.invalidValue('RedriveAllowPolicy', raw, 'Invalid value for redrivePermission.');
  }
  return JSON.stringify(p);
}

/**
 * Validates and normalises attributes given to CreateQueue / SetQueueAttributes. An empty
 * value for RedrivePolicy, RedriveAllowPolicy, Policy or KmsMasterKeyId means "remove".
 */
export function normalizeAttributes(
  given: Record<string, string>,
  opts: { fifo: boolean; creating: boolean },
): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (name === 'FifoQueue') {
      if (!opts.creating) throw unknownAttribute(name);
    } else if (FIFO_ONLY.has(name) && !opts.fifo) {
      throw unknownAttribute(name);
    } else if (!(name in INTEGER_RANGES) && !BOOLEANS.has(name) && !(name in ENUMS) && !FREE_TEXT.has(name)) {
      throw unknownAttribute(name);
    }
    if (name in INTEGER_RANGES) {
      const [min, max] = INTEGER_RANGES[name];
      const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (!Number.isInteger(n) || n < min || n > max) throw invalidAttribute(name);
      set[name] = String(n);
    } else if (BOOLEANS.has(name)) {
      const v = value.toLowerCase();
      if (v !== 'true' && v !== 'false') throw invalidAttribute(name);
      set[name] = v;
    } else if (name in ENUMS) {
      if (!ENUMS[name].includes(value)) throw invalidAttribute(name);
      set[name] = value;
    } else if (value === '') {
      remove.push(name);
    } else if (name === 'RedrivePolicy') {
      set[name] = normalizeRedrivePolicy(value);
    } else if (name === 'RedriveAllowPolicy') {
      set[name] = normalizeRedriveAllowPolicy(value);
    } else if (name === 'Policy') {
      try {
        JSON.parse(value);
      } catch {
        throw invalidAttribute(name);
      }
      set[name] = value;
    } else {
      set[name] = value;
    }
  }
  if (set.KmsMasterKeyId !== undefined && set.SqsManagedSseEnabled === 'true') {
    throw new SqsError('InvalidAttributeName', 'You can use one type of server-side encryption (SSE) at one time.');
  }
  return { set, remove };
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/** The full attribute record of a new queue (defaults filled in); validates the name against the type. */
export function attributesForNewQueue(name: string, given: Record<string, string>): Record<string, string> {
  const fifoRequested = (given.FifoQueue ?? '').toLowerCase() === 'true';
  const fifoName = name.endsWith('.fifo');
  if (fifoName && !fifoRequested) {
    // AWS: a .fifo name requires FifoQueue=true, otherwise the name itself is invalid.
    throw new SqsError(
      'InvalidParameterValue',
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  if (fifoRequested && !FIFO_NAME.test(name)) {
    throw new SqsError(
      'InvalidParameterValue',
      'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
    );
  }
  if (!fifoRequested && !NAME.test(name)) {
    throw new SqsError(
      'InvalidParameterValue',
      'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  const { set } = normalizeAttributes(given, { fifo: fifoRequested, creating: true });
  const attributes = { ...DEFAULTS, ...(fifoRequested ? FIFO_DEFAULTS : {}), ...set };
  if (set.KmsMasterKeyId !== undefined && given.SqsManagedSseEnabled === undefined) {
    attributes.SqsManagedSseEnabled = 'false';
  }
  if (!fifoRequested) delete attributes.FifoQueue;
  return attributes;
}

export interface MessageCounts {
  visible: number;
  notVisible: number;
  delayed: number;
}

/** GetQueueAttributes: `names` may contain "All"; unknown names are an error. */
export function readAttributes(
  queue: QueueState,
  names: string[],
  computed: { arn: string; counts: MessageCounts },
): Record<string, string> {
  const all: Record<string, string> = {
    QueueArn: computed.arn,
    ApproximateNumberOfMessages: String(computed.counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(computed.counts.notVisible),
    ApproximateNumberOfMessagesDelayed: String(computed.counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
    ...queue.attributes,
  };
  if (names.includes('All')) return all;
  const out: Record<string, string> = {};
  for (const name of names) {
    const known =
      (COMPUTED as readonly string[]).includes(name) ||
      name in INTEGER_RANGES ||
      BOOLEANS.has(name) ||
      name in ENUMS ||
      FREE_TEXT.has(name);
    if (!known) throw unknownAttribute(name);
    // Attributes a queue doesn't have (FifoQueue on a standard queue, an unset Policy) are omitted.
    if (all[name] !== undefined) out[name] = all[name];
  }
  return out;
}

