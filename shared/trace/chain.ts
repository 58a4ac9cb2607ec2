/**
 * The trace: an append-only, hash-chained list of what happened to an aggregate
 * (docs/architecture.md "Traces (可追溯)"). Each entry's hash covers its content and the
 * previous entry's hash, so editing, removing or reordering any entry breaks verification
 * at that point; the aggregate keeps the head (last seq + hash) so truncating the tail is
 * caught too.
 */
import { canonicalHash } from '../lib/hash';

export const GENESIS_HASH = '0'.repeat(64);

export interface TraceActor {
  tenantId: string;
  role: string;
  keyId: string;
}

export interface TraceEntry {
  seq: number;
  eventId: string;
  type: string;
  actor: TraceActor;
  at: string;
  payloadHash: string;
  prevHash: string;
  hash: string;
}

export type TraceEntryInput = Omit<TraceEntry, 'seq' | 'prevHash' | 'hash'>;

function entryHash(entry: Omit<TraceEntry, 'hash'>): string {
  const { seq, eventId, type, actor, at, payloadHash, prevHash } = entry;
  return canonicalHash({ seq, eventId, type, actor, at, payloadHash, prevHash });
}

/** The entry that follows `previous` (or starts the chain when there is none). */
export function nextEntry(previous: { seq: number; hash: string } | undefined, input: TraceEntryInput): TraceEntry {
  const body = { ...input, seq: (previous?.seq ?? 0) + 1, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...body, hash: entryHash(body) };
}

export type Verification =
  | { valid: true; length: number }
  | { valid: false; length: number; brokenAt: number; reason: string };

/**
 * Verifies a chain read in seq order. `head` is what the aggregate recorded as its last
 * entry; without it a removed tail could not be told from a short history.
 */
export function verifyChain(entries: readonly TraceEntry[], head?: { seq: number; hash: string }): Verification {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const expectedSeq = i + 1;
    const broken = (reason: string): Verification => ({ valid: false, length: entries.length, brokenAt: expectedSeq, reason });
    if (entry.seq !== expectedSeq) return broken(`expected entry ${expectedSeq}, found ${entry.seq}`);
    if (entry.prevHash !== prevHash) return broken('prevHash does not match the previous entry');
    if (entryHash(entry) !== entry.hash) return broken('entry content does not match its hash');
    prevHash = entry.hash;
  }
  if (head) {
    const last = entries.at(-1);
    if (!last || last.seq !== head.seq || last.hash !== head.hash) {
      return {
        valid: false,
        length: entries.length,
        brokenAt: Math.min(entries.length + 1, head.seq),
        reason: `the chain ends at entry ${last?.seq ?? 0}, the record says ${head.seq}`,
      };
    }
  }
  return { valid: true, length: entries.length };
}
