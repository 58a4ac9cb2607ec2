/**
 * What every action gets to work with: the state, the single `commit` through which all
 * changes go (journal first, then memory, then wake long polls), and the naming rules for
 * queue URLs and ARNs. URLs are built from the server's current endpoint on every
 * response, never stored, so a restart on another port hands out the right URLs.
 */
import { errors, SqsError } from './errors';
import type { Waiters } from './long-poll';
import type { SqsState } from './state';
import type { Op, QueueState } from './types';

export interface ServiceContext {
  readonly state: SqsState;
  readonly region: string;
  readonly accountId: string;
  readonly waiters: Waiters;
  now(): number;
  /** Journals (when durable), applies and announces one request's worth of changes, atomically. */
  commit(ops: Op[]): void;
  queueUrl(name: string): string;
  log(line: string): void;
  /** Set when the server is closing: long polls return at once. */
  readonly closing: boolean;
}

/** Per-request facts that aren't part of the input. */
export interface RequestInfo {
  /** Caller identity for the SenderId attribute (access key id from the signature, else the account). */
  senderId: string;
  /** Aborted when the client goes away (ends long polls early). */
  signal: AbortSignal;
}

export function queueArn(ctx: ServiceContext, name: string): string {
  return `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`;
}

/** Finds the queue a QueueUrl names: `<any host>/<accountId>/<name>` (the host is not checked, like AWS). */
export function queueByUrl(ctx: ServiceContext, url: string): QueueState {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // Not an absolute URL; treat it as a path.
  }
  const segments = path.split('/').filter((s) => s !== '');
  const name = segments.at(-1);
  const account = segments.at(-2);
  const queue = name === undefined ? undefined : ctx.state.queues.get(name);
  if (!queue || (account !== undefined && account !== ctx.accountId)) throw errors.queueDoesNotExist();
  return queue;
}

/** The queue name an ARN of this region and account names, or undefined. */
export function queueNameFromArn(ctx: ServiceContext, arn: string): string | undefined {
  const m = /^arn:aws[\w-]*:sqs:([^:]+):([^:]+):([^:]+)$/.exec(arn);
  if (!m || m[1] !== ctx.region || m[2] !== ctx.accountId) return undefined;
  return m[3];
}

export function queueByArn(ctx: ServiceContext, arn: string, parameter: string): QueueState {
  const name = queueNameFromArn(ctx, arn);
  const queue = name === undefined ? undefined : ctx.state.queues.get(name);
  if (!queue) {
    throw new SqsError('ResourceNotFoundException', `The resource that you specified for the ${parameter} parameter doesn't exist.`);
  }
  return queue;
}
