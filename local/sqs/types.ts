/**
 * The data model of the local SQS endpoint: what a queue and a message are, and the
 * mutations ("ops") that change them. Every change to state is expressed as an Op so that
 * the very same code path applies it live and when replaying the journal after a restart
 * (see state.ts and journal.ts). Ops therefore carry every decided value (ids, times,
 * receipt handles, sequence numbers): replay never consults the clock or randomness.
 */

/** A message attribute as it travels in the JSON protocol (binary values base64-encoded). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}
export type MessageAttributes = Record<string, MessageAttributeValue>;

export interface StoredMessage {
  id: string;
  /** Position in its queue; increases with every message appended to the queue. */
  seq: number;
  body: string;
  attributes: MessageAttributes;
  /** MessageSystemAttributes given on send (only AWSTraceHeader exists). */
  systemAttributes: MessageAttributes;
  senderId: string;
  /** SentTimestamp (epoch ms), kept when the message moves to a DLQ. */
  sentAt: number;
  /** Start of the retention period (epoch ms). */
  enqueuedAt: number;
  /** The message can be received when now >= availableAt (covers delay and visibility timeout). */
  availableAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  /** Time of the latest receive; ChangeMessageVisibility may not extend past it + 12 h. */
  lastReceiveAt?: number;
  /** Handle of the most recent receive; older handles are stale. */
  receiptHandle?: string;
  groupId?: string;
  dedupId?: string;
  /** FIFO SequenceNumber (20 digits, increasing per queue). */
  sequenceNumber?: string;
  /** Set when the message was moved here by a RedrivePolicy (the DeadLetterQueueSourceArn attribute). */
  deadLetterSourceArn?: string;
}

export interface DedupRecord {
  messageId: string;
  sequenceNumber?: string;
  expiresAt: number;
}

export interface QueueState {
  name: string;
  /** Every queue attribute that is stored (settable ones, defaults filled in), as AWS strings. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  lastModifiedAt: number;
  nextSeq: number;
  /** Insertion order == seq order == delivery order. */
  messages: Map<string, StoredMessage>;
  /** FIFO deduplication window, keyed by dedup id (or group + dedup id for messageGroup scope). */
  dedup: Map<string, DedupRecord>;
}

export type MoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

export interface MoveTask {
  taskHandle: string;
  sourceArn: string;
  destinationArn?: string;
  maxPerSecond?: number;
  status: MoveTaskStatus;
  toMove: number;
  moved: number;
  startedAt: number;
  failureReason?: string;
}

export type Op =
  | { op: 'createQueue'; name: string; attributes: Record<string, string>; tags: Record<string, string>; at: number }
  | { op: 'setAttributes'; q: string; attributes: Record<string, string>; remove: string[]; at: number }
  | { op: 'tag'; q: string; tags: Record<string, string> }
  | { op: 'untag'; q: string; keys: string[] }
  | { op: 'deleteQueue'; q: string }
  | { op: 'purge'; q: string }
  | { op: 'send'; q: string; msg: StoredMessage; dedupKey?: string; dedupUntil?: number }
  | { op: 'receive'; q: string; id: string; handle: string; until: number; at: number }
  | { op: 'visibility'; q: string; id: string; until: number }
  | { op: 'delete'; q: string; id: string }
  | { op: 'expire'; q: string; ids: string[] }
  | { op: 'dropDedup'; q: string; keys: string[] }
  /** RedrivePolicy: receive count exceeded, move to the dead-letter queue. */
  | { op: 'deadLetter'; from: string; to: string; id: string; sourceArn: string; sequenceNumber?: string; at: number }
  /** Message move task (DLQ redrive): move back to a source / chosen destination as a fresh message. */
  | { op: 'redrive'; from: string; to: string; id: string; sequenceNumber?: string; at: number }
  | { op: 'task'; task: MoveTask };
