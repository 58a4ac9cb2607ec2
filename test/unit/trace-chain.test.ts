import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, nextEntry, verifyChain, type TraceEntry } from '../../shared/trace/chain';

const actor = { tenantId: 'ten_A', role: 'enterprise', keyId: 'key_a' };

function chain(length: number): TraceEntry[] {
  const entries: TraceEntry[] = [];
  for (let i = 0; i < length; i++) {
    entries.push(
      nextEntry(entries.at(-1), {
        eventId: `evt_${i}`,
        type: i === 0 ? 'order.create' : 'order.assign',
        actor,
        at: `2026-11-26T0${i}:00:00.000Z`,
        payloadHash: 'a'.repeat(64),
      }),
    );
  }
  return entries;
}
const headOf = (entries: TraceEntry[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });

describe('trace chain', () => {
  it('starts at seq 1 from the genesis hash and links each entry to the previous', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(verifyChain(entries, headOf(entries))).toEqual({ valid: true, length: 3 });
  });

  it('is deterministic: the same input gives the same hash', () => {
    expect(chain(2)[1]!.hash).toBe(chain(2)[1]!.hash);
  });

  it('detects an edited entry at that entry', () => {
    const entries = chain(4);
    entries[1] = { ...entries[1]!, type: 'order.cancel' };
    expect(verifyChain(entries, headOf(entries))).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('detects an edited actor or time', () => {
    const a = chain(3);
    a[2] = { ...a[2]!, actor: { ...actor, keyId: 'key_b' } };
    expect(verifyChain(a)).toMatchObject({ valid: false, brokenAt: 3 });
    const b = chain(3);
    b[0] = { ...b[0]!, at: '2020-01-01T00:00:00.000Z' };
    expect(verifyChain(b)).toMatchObject({ valid: false, brokenAt: 1 });
  });

  it('detects a removed middle entry', () => {
    const entries = chain(4);
    const head = headOf(entries);
    entries.splice(2, 1);
    expect(verifyChain(entries, head)).toMatchObject({ valid: false, brokenAt: 3 });
  });

  it('detects a removed last entry through the recorded head', () => {
    const entries = chain(4);
    const head = headOf(entries);
    entries.pop();
    expect(verifyChain(entries)).toEqual({ valid: true, length: 3 });
    expect(verifyChain(entries, head)).toMatchObject({ valid: false, brokenAt: 4 });
  });

  it('detects reordered entries', () => {
    const entries = chain(4);
    const head = headOf(entries);
    [entries[1], entries[2]] = [entries[2]!, entries[1]!];
    expect(verifyChain(entries, head)).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('detects a rehashed forgery that does not link to its predecessor', () => {
    const entries = chain(3);
    const forged = nextEntry(undefined, { eventId: 'evt_x', type: 'order.create', actor, at: 'x', payloadHash: 'b'.repeat(64) });
    entries[1] = { ...forged, seq: 2 };
    expect(verifyChain(entries)).toMatchObject({ valid: false, brokenAt: 2 });
  });
});
