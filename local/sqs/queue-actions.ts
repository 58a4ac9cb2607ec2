/**
 * Actions on queues themselves: CreateQueue, GetQueueUrl, ListQueues, Get/SetQueueAttributes,
 * DeleteQueue, PurgeQueue, tags, permissions and ListDeadLetterSourceQueues.
 */
import { queueArn, queueByUrl, queueNameFromArn, type ServiceContext } from './context';
import { errors, SqsError } from './errors';
import { optInt, optString, optStringList, optStringMap, reqString, type Input, type Output } from './input';
import { countMessages } from './message-state';
import {
  attributesForNewQueue,
  normalizeAttributes,
  readAttributes,
  redrivePolicyOf,
  type RedrivePolicy,
} from './queue-attributes';
import { isFifo } from './state';
import type { QueueState } from './types';

/** A RedrivePolicy must point at an existing queue of the same type that allows this source. */
function checkRedriveTarget(ctx: ServiceContext, sourceName: string, sourceFifo: boolean, policyJson: string): void {
  const policy = JSON.parse(policyJson) as RedrivePolicy;
  const targetName = queueNameFromArn(ctx, policy.deadLetterTargetArn);
  const target = targetName === undefined ? undefined : ctx.state.queues.get(targetName);
  if (!target) throw errors.invalidValue('RedrivePolicy', policyJson, 'Dead letter target does not exist.');
  if (isFifo(target) !== sourceFifo) {
    throw errors.invalidValue('RedrivePolicy', policyJson, 'Dead-letter queue must be same type of queue as the source.');
  }
  const allow = target.attributes.RedriveAllowPolicy;
  if (allow) {
    const p = JSON.parse(allow) as { redrivePermission: string; sourceQueueArns?: string[] };
    const sourceArn = queueArn(ctx, sourceName);
    if (p.redrivePermission === 'denyAll' || (p.redrivePermission === 'byQueue' && !p.sourceQueueArns?.includes(sourceArn))) {
      throw errors.invalidValue(
        'RedrivePolicy',
        policyJson,
        `Queue ${sourceArn} is not allowed to use ${policy.deadLetterTargetArn} as dead-letter queue.`,
      );
    }
  }
}

export function createQueue(ctx: ServiceContext, input: Input): Output {
  const name = reqString(input, 'QueueName');
  const given = optStringMap(input, 'Attributes') ?? {};
  const tags = optStringMap(input, 'tags') ?? {};
  const attributes = attributesForNewQueue(name, given);
  const existing = ctx.state.queues.get(name);
  if (existing) {
    // Idempotent only if every attribute the caller gave matches the existing queue.
    const { set } = normalizeAttributes(given, { fifo: isFifo(existing), creating: true });
    for (const [k, v] of Object.entries(set)) {
      if (existing.attributes[k] !== v) {
        throw new SqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${k}`);
      }
    }
    return { QueueUrl: ctx.queueUrl(name) };
  }
  if (attributes.RedrivePolicy) checkRedriveTarget(ctx, name, attributes.FifoQueue === 'true', attributes.RedrivePolicy);
  ctx.commit([{ op: 'createQueue', name, attributes, tags, at: ctx.now() }]);
  ctx.log(`sqs: created queue ${name}`);
  return { QueueUrl: ctx.queueUrl(name) };
}

/** See SqsServer.ensureQueue. */
export function ensureQueue(ctx: ServiceContext, name: string, given: Record<string, string>): string {
  const existing = ctx.state.queues.get(name);
  if (!existing) return String(createQueue(ctx, { QueueName: name, Attributes: given }).QueueUrl);
  const target = attributesForNewQueue(name, given);
  if ((target.FifoQueue === 'true') !== isFifo(existing)) {
    throw new SqsError('InvalidAttributeValue', `Queue ${name} exists with a different type; delete it to change FifoQueue.`);
  }
  const set: Record<string, string> = {};
  for (const [k, v] of Object.entries(target)) if (existing.attributes[k] !== v) set[k] = v;
  const remove = Object.keys(existing.attributes).filter((k) => target[k] === undefined);
  if (Object.keys(set).length > 0 || remove.length > 0) {
    if (set.RedrivePolicy) checkRedriveTarget(ctx, name, isFifo(existing), set.RedrivePolicy);
    ctx.commit([{ op: 'setAttributes', q: name, attributes: set, remove, at: ctx.now() }]);
    ctx.log(`sqs: updated queue ${name}: ${[...Object.keys(set), ...remove.map((k) => `-${k}`)].join(', ')}`);
  }
  return ctx.queueUrl(name);
}

export function getQueueUrl(ctx: ServiceContext, input: Input): Output {
  const name = reqString(input, 'QueueName');
  const owner = optString(input, 'QueueOwnerAWSAccountId');
  if (!ctx.state.queues.has(name) || (owner !== undefined && owner !== ctx.accountId)) throw errors.queueDoesNotExist();
  return { QueueUrl: ctx.queueUrl(name) };
}

/** Pagination shared by ListQueues and ListDeadLetterSourceQueues: NextToken is the last name returned. */
function paginate(names: string[], input: Input): { page: string[]; nextToken?: string } {
  const max = optInt(input, 'MaxResults');
  if (max !== undefined && (max < 1 || max > 1000)) {
    throw errors.invalidValue('MaxResults', max, 'MaxResults must be an integer between 1 and 1000.');
  }
  const token = optString(input, 'NextToken');
  const after = token === undefined ? undefined : Buffer.from(token, 'base64').toString('utf8');
  const rest = after === undefined ? names : names.filter((n) => n > after);
  const page = rest.slice(0, max ?? 1000);
  const more = max !== undefined && rest.length > page.length;
  return { page, nextToken: more ? Buffer.from(page.at(-1) ?? '', 'utf8').toString('base64') : undefined };
}

export function listQueues(ctx: ServiceContext, input: Input): Output {
  const prefix = optString(input, 'QueueNamePrefix') ?? '';
  const names = [...ctx.state.queues.keys()].filter((n) => n.startsWith(prefix)).sort();
  const { page, nextToken } = paginate(names, input);
  const out: Output = {};
  if (page.length > 0) out.QueueUrls = page.map((n) => ctx.queueUrl(n));
  if (nextToken) out.NextToken = nextToken;
  return out;
}

export function getQueueAttributes(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  const names = optStringList(input, 'AttributeNames') ?? [];
  const attributes = readAttributes(queue, names, {
    arn: queueArn(ctx, queue.name),
    counts: countMessages(queue, ctx.now()),
  });
  return Object.keys(attributes).length > 0 ? { Attributes: attributes } : {};
}

export function setQueueAttributes(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  const given = optStringMap(input, 'Attributes') ?? {};
  const { set, remove } = normalizeAttributes(given, { fifo: isFifo(queue), creating: false });
  if (set.RedrivePolicy) checkRedriveTarget(ctx, queue.name, isFifo(queue), set.RedrivePolicy);
  if (set.KmsMasterKeyId !== undefined && set.SqsManagedSseEnabled === undefined) set.SqsManagedSseEnabled = 'false';
  ctx.commit([{ op: 'setAttributes', q: queue.name, attributes: set, remove, at: ctx.now() }]);
  return {};
}

export function deleteQueue(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  ctx.commit([{ op: 'deleteQueue', q: queue.name }]);
  ctx.log(`sqs: deleted queue ${queue.name}`);
  return {};
}

/**
 * Deletes every message, in flight or not, at once. (AWS allows one purge per 60 s and
 * may take up to 60 s; locally it is immediate and unthrottled, see index.ts.)
 */
export function purgeQueue(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  ctx.commit([{ op: 'purge', q: queue.name }]);
  return {};
}

export function tagQueue(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  const tags = optStringMap(input, 'Tags');
  if (!tags || Object.keys(tags).length === 0) throw errors.missing('Tags');
  ctx.commit([{ op: 'tag', q: queue.name, tags }]);
  return {};
}

export function untagQueue(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  const keys = optStringList(input, 'TagKeys');
  if (!keys || keys.length === 0) throw errors.missing('TagKeys');
  ctx.commit([{ op: 'untag', q: queue.name, keys }]);
  return {};
}

export function listQueueTags(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  return Object.keys(queue.tags).length > 0 ? { Tags: { ...queue.tags } } : {};
}

/** Permissions are not enforced locally: accepted (queue must exist) and otherwise ignored. */
export function acceptPermissionChange(ctx: ServiceContext, input: Input): Output {
  queueByUrl(ctx, reqString(input, 'QueueUrl'));
  reqString(input, 'Label');
  return {};
}

export function sourceQueuesOf(ctx: ServiceContext, dlq: QueueState): string[] {
  const arn = queueArn(ctx, dlq.name);
  return [...ctx.state.queues.values()]
    .filter((q) => redrivePolicyOf(q)?.deadLetterTargetArn === arn)
    .map((q) => q.name)
    .sort();
}

export function listDeadLetterSourceQueues(ctx: ServiceContext, input: Input): Output {
  const queue = queueByUrl(ctx, reqString(input, 'QueueUrl'));
  const { page, nextToken } = paginate(sourceQueuesOf(ctx, queue), input);
  const out: Output = { queueUrls: page.map((n) => ctx.queueUrl(n)) };
  if (nextToken) out.NextToken = nextToken;
  return out;
}
