/**
 * Questions about a message's state at a given time. A message is
 *   - delayed     never received and not yet available (DelaySeconds),
 *   - in flight   received and its visibility timeout not yet over,
 *   - visible     available to ReceiveMessage,
 *   - expired     older than the queue's MessageRetentionPeriod (dropped at the next chance).
 * Time is only ever compared, never scheduled per message, so idle queues cost nothing.
 */
import type { MessageCounts } from './queue-attributes';
import type { QueueState, StoredMessage } from './types';

export function isExpired(queue: QueueState, m: StoredMessage, now: number): boolean {
  return m.enqueuedAt + Number(queue.attributes.MessageRetentionPeriod) * 1000 <= now;
}

export function isInFlight(m: StoredMessage, now: number): boolean {
  return m.receiveCount > 0 && m.availableAt > now;
}

export function countMessages(queue: QueueState, now: number): MessageCounts {
  const counts: MessageCounts = { visible: 0, notVisible: 0, delayed: 0 };
  for (const m of queue.messages.values()) {
    if (isExpired(queue, m, now)) continue;
    if (m.availableAt <= now) counts.visible += 1;
    else if (m.receiveCount > 0) counts.notVisible += 1;
    else counts.delayed += 1;
  }
  return counts;
}

/** When the next not-yet-available message becomes available on its own, if any. */
export function nextAvailableAt(queue: QueueState, now: number): number | undefined {
  let next: number | undefined;
  for (const m of queue.messages.values()) {
    if (m.availableAt > now && (next === undefined || m.availableAt < next)) next = m.availableAt;
  }
  return next;
}

export function expiredMessageIds(queue: QueueState, now: number): string[] {
  const ids: string[] = [];
  for (const m of queue.messages.values()) if (isExpired(queue, m, now)) ids.push(m.id);
  return ids;
}
