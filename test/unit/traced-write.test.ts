/**
 * The write path's policy without DynamoDB: chaining, the transaction's layout, what each
 * conflict means, and the bounded, jittered retries (store/traced-write.ts). That a real
 * transaction refuses as these fakes do is tested against DynamoDB Local
 * (test/integration/traced-write.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  RETRY,
  retryPause,
  stamp,
  transactionOf,
  TracedWriteConflict,
  writeTraced,
  type Plan,
  type TracedStore,
  type TracedWrite,
} from '../../shared/store/traced-write';
import { GENESIS_HASH, verifyChain } from '../../shared/trace/chain';

const actor = { tenantId: 'ten_a', role: 'enterprise', keyId: 'key_a' };
const input = (eventId: string) => ({ eventId, type: 'thing.changed', actor, at: '2026-01-01T00:00:00.000Z', payloadHash: 'p' });

/** A port that refuses the first writes with the given conflicts, then commits. */
function fakePort(refusals: TracedWriteConflict[]): TracedStore & { commits: TracedWrite[]; attempts: number } {
  const port = {
    commits: [] as TracedWrite[],
    attempts: 0,
    async commit(write: TracedWrite) {
      port.attempts++;
      const refusal = refusals.shift();
      if (refusal) throw refusal;
      port.commits.push(write);
    },
  };
  return port;
}

const noPause = { pause: async () => undefined };

function plan(overrides: Partial<Extract<Plan<string>, { before: unknown }>> = {}): Plan<string> {
  return {
    before: { version: 0 },
    entries: [input('evt_1')],
    write: (s) => ({ items: [{ pk: 'P', sk: 'R', version: s.version }], tracePartition: 'P' }),
    result: (s) => `v${s.version}`,
    ...overrides,
  };
}

describe('stamp', () => {
  it('chains new entries onto the last one; the version is the last seq', () => {
    const first = stamp(undefined, [input('e1'), input('e1')]);
    expect(first.seqs).toEqual([1, 2]);
    expect(first.entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(first.version).toBe(2);
    const next = stamp({ version: 2, traceHead: first.traceHead }, [input('e2')]);
    expect(next.entries[0]!.prevHash).toBe(first.traceHead.hash);
    expect(verifyChain([...first.entries, ...next.entries], next.traceHead)).toEqual({ valid: true, length: 3 });
  });

  it('without entries keeps the version and head (a change that adds nothing to the trace)', () => {
    const head = { seq: 4, hash: 'h' };
    expect(stamp({ version: 4, traceHead: head }, [])).toEqual({ entries: [], seqs: [], version: 4, traceHead: head });
  });
});

describe('transactionOf', () => {
  it('lays out [guarded record, copies, trace entries, event, side items]', () => {
    const { entries } = stamp({ version: 3, traceHead: { seq: 3, hash: 'h' } }, [input('e')]);
    const { items, eventIndex, sideStart } = transactionOf('T', {
      items: [{ pk: 'R' }, { pk: 'COPY' }],
      previousVersion: 3,
      tracePartition: 'R',
      entries,
      event: { settle: { tenantId: 't', eventId: 'e', at: 'now' } },
      side: [{ ConditionCheck: { TableName: 'T', Key: { pk: 'S', sk: 'S' }, ConditionExpression: 'attribute_exists(pk)' } }],
    });
    expect(items[0]!.Put).toMatchObject({ Item: { pk: 'R' }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': 3 } });
    expect(items[1]!.Put).toEqual({ TableName: 'T', Item: { pk: 'COPY' } });
    expect(items[2]!.Put).toMatchObject({ Item: { pk: 'R', sk: 'TRACE#0000000004' }, ConditionExpression: 'attribute_not_exists(pk)' });
    expect(eventIndex).toBe(3);
    expect(items[3]!.Update?.ConditionExpression).toBe('#s = :accepted');
    expect(sideStart).toBe(4);
    expect(items).toHaveLength(5);
  });

  it('guards a record the change creates by its absence', () => {
    const { items, eventIndex } = transactionOf('T', { items: [{ pk: 'R' }], previousVersion: undefined, tracePartition: 'R', entries: [] });
    expect(items[0]!.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(eventIndex).toBe(-1);
  });
});

describe('writeTraced', () => {
  it('commits what one attempt planned and answers from the stamp', async () => {
    const port = fakePort([]);
    expect(await writeTraced(port, async () => plan(), noPause)).toBe('v1');
    expect(port.commits[0]).toMatchObject({ previousVersion: 0, items: [{ version: 1 }] });
  });

  it('decides again on fresh state after a moved record or a busy transaction, pausing before each retry', async () => {
    const port = fakePort([new TracedWriteConflict('record'), new TracedWriteConflict('busy')]);
    const seen: number[] = [];
    const paused: number[] = [];
    const answer = await writeTraced(
      port,
      async (attempt) => {
        seen.push(attempt);
        return plan({ before: { version: 10 + attempt, traceHead: { seq: 10 + attempt, hash: 'h' } } });
      },
      { pause: async (attempt) => void paused.push(attempt) },
    );
    // The third decision, made on the state its attempt read, is what commits.
    expect(answer).toBe('v14');
    expect(port.commits).toHaveLength(1);
    expect(port.commits[0]!.previousVersion).toBe(13);
    expect(seen).toEqual([1, 2, 3]);
    expect(paused).toEqual([2, 3]);
  });

  it('gives up after RETRY.attempts and throws the conflict', async () => {
    const port = fakePort(Array.from({ length: 20 }, () => new TracedWriteConflict('record')));
    await expect(writeTraced(port, async () => plan(), noPause)).rejects.toMatchObject({ name: 'TracedWriteConflict', part: 'record' });
    expect(port.attempts).toBe(RETRY.attempts);
  });

  it('answers a settled event as the planner says (a duplicate), without retrying', async () => {
    const port = fakePort([new TracedWriteConflict('event')]);
    expect(await writeTraced(port, async () => plan({ onEventSettled: async () => 'duplicate' }), noPause)).toBe('duplicate');
    expect(port.attempts).toBe(1);
  });

  it('lets the planner answer a side item that refused, or decide again', async () => {
    const taken = fakePort([new TracedWriteConflict('side', 1)]);
    expect(await writeTraced(taken, async () => plan({ onSideConflict: async (i) => `taken ${i}` }), noPause)).toBe('taken 1');
    const again = fakePort([new TracedWriteConflict('side', 0)]);
    expect(await writeTraced(again, async () => plan({ onSideConflict: async () => undefined }), noPause)).toBe('v1');
    expect(again.attempts).toBe(2);
  });

  it('answers without writing when the plan needs no change, and lets refusals and other errors through at once', async () => {
    const port = fakePort([]);
    expect(await writeTraced(port, async () => ({ done: 'unchanged' }), noPause)).toBe('unchanged');
    expect(port.attempts).toBe(0);
    await expect(writeTraced(port, async () => Promise.reject(new Error('refused')), noPause)).rejects.toThrow('refused');
    const broken: TracedStore = { commit: async () => Promise.reject(new Error('network')) };
    await expect(writeTraced(broken, async () => plan(), noPause)).rejects.toThrow('network');
  });
});

describe('retryPause', () => {
  it('is full jitter: anywhere up to a cap that doubles per retry, bounded', () => {
    expect(retryPause(2, () => 0)).toBe(0);
    expect(retryPause(2, () => 1)).toBe(RETRY.baseMs * 2);
    expect(retryPause(3, () => 1)).toBe(RETRY.baseMs * 4);
    expect(retryPause(50, () => 1)).toBe(RETRY.maxMs);
  });
});
