/**
 * The in-memory state of all queues, and the one function that changes it: `apply(op)`.
 *
 * Live requests and journal replay both go through `apply`, so a restarted server ends up
 * in exactly the state the crashed one had acknowledged. `apply` is deliberately dumb: no
 * validation, no clock, no randomness; deciding what should happen is the actions' job.
 */
import type { DedupRecord, MoveTask, Op, QueueState, StoredMessage } from './types';

/** FIFO SequenceNumber: 20 digits like AWS's, increasing with the queue-local seq. */
export function sequenceNumberFor(seq: number): string {
  return (10n ** 19n + BigInt(seq)).toString();
}

export function isFifo(queue: QueueState): boolean {
  return queue.attributes.FifoQueue === 'true';
}

export class SqsState {
  readonly queues = new Map<string, QueueState>();
  /** Message move tasks, oldest first. */
  tasks: MoveTask[] = [];

  apply(op: Op): void {
    switch (op.op) {
      case 'createQueue':
        this.queues.set(op.name, {
          name: op.name,
          attributes: { ...op.attributes },
          tags: { ...op.tags },
          createdAt: op.at,
          lastModifiedAt: op.at,
          nextSeq: 1,
          messages: new Map(),
          dedup: new Map(),
        });
        return;
      case 'setAttributes': {
        const q = this.queues.get(op.q);
        if (!q) return;
        Object.assign(q.attributes, op.attributes);
        for (const name of op.remove) delete q.attributes[name];
        q.lastModifiedAt = op.at;
        return;
      }
      case 'tag': {
        const q = this.queues.get(op.q);
        if (q) Object.assign(q.tags, op.tags);
        return;
      }
      case 'untag': {
        const q = this.queues.get(op.q);
        if (q) for (const k of op.keys) delete q.tags[k];
        return;
      }
      case 'deleteQueue':
        this.queues.delete(op.q);
        return;
      case 'purge': {
        const q = this.queues.get(op.q);
        if (q) q.messages.clear();
        return;
      }
      case 'send': {
        const q = this.queues.get(op.q);
        if (!q) return;
        q.messages.set(op.msg.id, { ...op.msg });
        q.nextSeq = Math.max(q.nextSeq, op.msg.seq + 1);
        if (op.dedupKey !== undefined && op.dedupUntil !== undefined) {
          q.dedup.set(op.dedupKey, {
            messageId: op.msg.id,
            sequenceNumber: op.msg.sequenceNumber,
            expiresAt: op.dedupUntil,
          });
        }
        return;
      }
      case 'receive': {
        const m = this.queues.get(op.q)?.messages.get(op.id);
        if (!m) return;
        m.receiveCount += 1;
        m.firstReceiveAt ??= op.at;
        m.lastReceiveAt = op.at;
        m.receiptHandle = op.handle;
        m.availableAt = op.until;
        return;
      }
      case 'visibility': {
        const m = this.queues.get(op.q)?.messages.get(op.id);
        if (m) m.availableAt = op.until;
        return;
      }
      case 'delete':
        this.queues.get(op.q)?.messages.delete(op.id);
        return;
      case 'expire': {
        const q = this.queues.get(op.q);
        if (q) for (const id of op.ids) q.messages.delete(id);
        return;
      }
      case 'dropDedup': {
        const q = this.queues.get(op.q);
        if (q) for (const k of op.keys) q.dedup.delete(k);
        return;
      }
      case 'deadLetter':
        this.move(op.from, op.to, op.id, (m, to) => ({
          ...m,
          // AWS keeps the enqueue time (retention clock) for standard DLQs, resets it for FIFO.
          enqueuedAt: isFifo(to) ? op.at : m.enqueuedAt,
          availableAt: op.at,
          receiptHandle: undefined,
          deadLetterSourceArn: op.sourceArn,
        }));
        return;
      case 'redrive':
        // A redriven message starts over: it must be able to fail maxReceiveCount times again.
        this.move(op.from, op.to, op.id, (m) => ({
          ...m,
          enqueuedAt: op.at,
          availableAt: op.at,
          receiveCount: 0,
          firstReceiveAt: undefined,
          lastReceiveAt: undefined,
          receiptHandle: undefined,
          deadLetterSourceArn: undefined,
        }));
        return;
      case 'task': {
        const i = this.tasks.findIndex((t) => t.taskHandle === op.task.taskHandle);
        if (i >= 0) this.tasks[i] = { ...op.task };
        else this.tasks.push({ ...op.task });
        return;
      }
    }
  }

  private move(
    fromName: string,
    toName: string,
    id: string,
    rewrite: (m: StoredMessage, to: QueueState) => StoredMessage,
  ): void {
    const from = this.queues.get(fromName);
    const to = this.queues.get(toName);
    const m = from?.messages.get(id);
    if (!from || !to || !m) return;
    from.messages.delete(id);
    const seq = to.nextSeq++;
    const moved = rewrite({ ...m, seq }, to);
    moved.sequenceNumber = isFifo(to) ? sequenceNumberFor(seq) : undefined;
    to.messages.set(id, moved);
  }

  // --- snapshot (de)serialisation, used by the journal's compaction ---

  toSnapshot(): StateSnapshot {
    return {
      queues: [...this.queues.values()].map((q) => ({
        name: q.name,
        attributes: q.attributes,
        tags: q.tags,
        createdAt: q.createdAt,
        lastModifiedAt: q.lastModifiedAt,
        nextSeq: q.nextSeq,
        messages: [...q.messages.values()],
        dedup: [...q.dedup.entries()],
      })),
      tasks: this.tasks,
    };
  }

  static fromSnapshot(s: StateSnapshot): SqsState {
    const state = new SqsState();
    for (const q of s.queues) {
      state.queues.set(q.name, {
        name: q.name,
        attributes: q.attributes,
        tags: q.tags,
        createdAt: q.createdAt,
        lastModifiedAt: q.lastModifiedAt,
        nextSeq: q.nextSeq,
        messages: new Map(q.messages.map((m) => [m.id, m])),
        dedup: new Map(q.dedup),
      });
    }
    state.tasks = s.tasks;
    return state;
  }
}

export interface StateSnapshot {
  queues: {
    name: string;
    attributes: Record<string, string>;
    tags: Record<string, string>;
    createdAt: number;
    lastModifiedAt: number;
    nextSeq: number;
    messages: StoredMessage[];
    dedup: [string, DedupRecord][];
  }[];
  tasks: MoveTask[];
}
