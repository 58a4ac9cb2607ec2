/**
 * DLQ redrive: StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask, and the
 * runner that moves the messages.
 *
 * The source must be a dead-letter queue of some queue. Without DestinationArn each
 * message goes back to the queue it was dead-lettered from (its DeadLetterQueueSourceArn);
 * messages that were sent to the DLQ directly have no such origin and stay. A moved
 * message starts over in its new queue (receive count 0, new retention period), keeping
 * its id, body, attributes and group. The task moves the messages present when it started
 * (ApproximateNumberOfMessagesToMove), MaxNumberOfMessagesPerSecond at a time if given,
 * skipping messages that are in flight, and is COMPLETED when none of them is left to
 * move. Tasks are journaled, so a RUNNING task resumes after a restart.
 */
import { randomUUID } from 'node:crypto';
import { queueArn, queueByArn, queueNameFromArn, type ServiceContext } from './context';
import { errors, SqsError } from './errors';
import { optInt, optString, reqString, type Input, type Output } from './input';
import { countMessages, isExpired } from './message-state';
import { sourceQueuesOf } from './queue-actions';
import { isFifo } from './state';
import type { MoveTask, Op } from './types';

const TICK_MS = 50;
/** Messages moved per tick when no rate is given ("optimised by the system" in AWS). */
const DEFAULT_PER_TICK = 100;

export function startMessageMoveTask(ctx: ServiceContext, input: Input, runner: MoveTaskRunner): Output {
  const sourceArn = reqString(input, 'SourceArn');
  const source = queueByArn(ctx, sourceArn, 'SourceArn');
  if (sourceQueuesOf(ctx, source).length === 0) {
    throw errors.invalidValue('SourceArn', sourceArn, 'Source queue must be configured as a Dead Letter Queue.');
  }
  const destinationArn = optString(input, 'DestinationArn') || undefined;
  if (destinationArn !== undefined) {
    const destination = queueByArn(ctx, destinationArn, 'DestinationArn');
    if (isFifo(destination) !== isFifo(source)) {
      throw errors.invalidValue('DestinationArn', destinationArn, 'Destination queue must be same type of queue as the source.');
    }
  }
  const maxPerSecond = optInt(input, 'MaxNumberOfMessagesPerSecond');
  if (maxPerSecond !== undefined && (maxPerSecond < 1 || maxPerSecond > 500)) {
    throw errors.invalidValue('MaxNumberOfMessagesPerSecond', maxPerSecond, 'Must be between 1 and 500.');
  }
  if (ctx.state.tasks.some((t) => t.sourceArn === sourceArn && t.status === 'RUNNING')) {
    throw new SqsError(
      'UnsupportedOperation',
      'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    );
  }
  const counts = countMessages(source, ctx.now());
  const task: MoveTask = {
    taskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn }), 'utf8').toString('base64'),
    sourceArn,
    destinationArn,
    maxPerSecond,
    status: 'RUNNING',
    toMove: counts.visible + counts.notVisible + counts.delayed,
    moved: 0,
    startedAt: ctx.now(),
  };
  ctx.commit([{ op: 'task', task }]);
  runner.kick();
  return { TaskHandle: task.taskHandle };
}

export function listMessageMoveTasks(ctx: ServiceContext, input: Input): Output {
  const sourceArn = reqString(input, 'SourceArn');
  queueByArn(ctx, sourceArn, 'SourceArn');
  const max = optInt(input, 'MaxResults') ?? 1;
  if (max < 1 || max > 10) throw errors.invalidValue('MaxResults', max, 'Must be between 1 and 10.');
  const results = ctx.state.tasks
    .filter((t) => t.sourceArn === sourceArn)
    .reverse()
    .slice(0, max)
    .map((t) => {
      const entry: Output = {};
      if (t.status === 'RUNNING') entry.TaskHandle = t.taskHandle;
      entry.Status = t.status;
      entry.SourceArn = t.sourceArn;
      if (t.destinationArn !== undefined) entry.DestinationArn = t.destinationArn;
      if (t.maxPerSecond !== undefined) entry.MaxNumberOfMessagesPerSecond = t.maxPerSecond;
      entry.ApproximateNumberOfMessagesMoved = t.moved;
      entry.ApproximateNumberOfMessagesToMove = t.toMove;
      if (t.failureReason !== undefined) entry.FailureReason = t.failureReason;
      entry.StartedTimestamp = t.startedAt;
      return entry;
    });
  return { Results: results };
}

export function cancelMessageMoveTask(ctx: ServiceContext, input: Input): Output {
  const handle = reqString(input, 'TaskHandle');
  const task = ctx.state.tasks.find((t) => t.taskHandle === handle);
  if (!task || task.status !== 'RUNNING') {
    throw new SqsError('ResourceNotFoundException', 'The specified task handle does not exist or is not running.');
  }
  ctx.commit([{ op: 'task', task: { ...task, status: 'CANCELLED' } }]);
  return { ApproximateNumberOfMessagesMoved: task.moved };
}

/** Drives RUNNING tasks with one unref'd timer that exists only while a task runs. */
export class MoveTaskRunner {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly ctx: ServiceContext) {}

  kick(): void {
    if (this.stopped || this.timer) return;
    if (!this.ctx.state.tasks.some((t) => t.status === 'RUNNING')) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const task of this.ctx.state.tasks.filter((t) => t.status === 'RUNNING')) this.step(task);
      this.kick();
    }, TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private step(task: MoveTask): void {
    const ctx = this.ctx;
    const now = ctx.now();
    const fail = (reason: string) => ctx.commit([{ op: 'task', task: { ...task, status: 'FAILED', failureReason: reason } }]);
    const sourceName = queueNameFromArn(ctx, task.sourceArn);
    const source = sourceName === undefined ? undefined : ctx.state.queues.get(sourceName);
    if (!source) return fail('AWS.SimpleQueueService.NonExistentQueue: the source queue was deleted.');

    const budget =
      task.maxPerSecond === undefined
        ? DEFAULT_PER_TICK
        : Math.floor(((now - task.startedAt) / 1000) * task.maxPerSecond) + 1 - task.moved;
    const ops: Op[] = [];
    let moved = task.moved;
    let movable = false;
    for (const m of source.messages.values()) {
      if (moved >= task.toMove) break;
      const targetArn = task.destinationArn ?? m.deadLetterSourceArn;
      if (targetArn === undefined || isExpired(source, m, now) || m.availableAt > now) continue;
      movable = true;
      if (ops.length >= budget) break;
      const targetName = queueNameFromArn(ctx, targetArn);
      const target = targetName === undefined ? undefined : ctx.state.queues.get(targetName);
      if (!target || targetName === undefined) {
        return fail(`AWS.SimpleQueueService.NonExistentQueue: destination ${targetArn} does not exist.`);
      }
      ops.push({ op: 'redrive', from: source.name, to: targetName, id: m.id, at: now });
      moved += 1;
    }
    const done = moved >= task.toMove || !movable;
    if (moved === task.moved && !done) return; // rate-limited tick: nothing to record
    ops.push({ op: 'task', task: { ...task, moved, status: done ? 'COMPLETED' : 'RUNNING' } });
    ctx.commit(ops);
    if (moved > task.moved) ctx.log(`sqs: move task from ${queueArn(ctx, source.name)} moved ${moved}/${task.toMove}`);
  }
}
