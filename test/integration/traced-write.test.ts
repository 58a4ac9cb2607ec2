/**
 * The write path against DynamoDB Local: the version guard, the event guard and the retry
 * policy under six concurrent writers on one record (store/traced-write.ts). Every version
 * is won by exactly one writer; the others are decided again on fresh state, or — writers
 * of one and the same command — answered as duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StoreContext } from '../../shared/store/client';
import { readTrace } from '../../shared/store/trace-items';
import { dynamoTracedStore, stamp, TracedWriteConflict, writeTraced, type Plan } from '../../shared/store/traced-write';
import { verifyChain, type TraceEntry } from '../../shared/trace/chain';
import { createTestStore } from '../support/test-store';

let store: StoreContext & { client: { destroy(): void } };
beforeAll(async () => {
  store = await createTestStore();
});
afterAll(() => store?.client.destroy());

const WRITERS = 6;
const actor = { tenantId: 'ten_test', role: 'enterprise', keyId: 'key_test' };
const newRecord = () => `TEST#${randomUUID()}`;

async function read(pk: string) {
  const out = await store.doc.send(new GetCommand({ TableName: store.tableName, Key: { pk, sk: 'RECORD' }, ConsistentRead: true }));
  return out.Item as { version: number; traceHead: { seq: number; hash: string }; writers: string[] } | undefined;
}

/** One writer's change: read the record, add itself to it, one trace entry; settles its own event when given one. */
const change = (pk: string, writer: string, eventId: string, event?: boolean) => async (): Promise<Plan<{ won: number } | 'duplicate'>> => {
  const before = await read(pk);
  return {
    before,
    entries: [{ eventId, type: 'test.changed', actor, at: new Date().toISOString(), payloadHash: writer }],
    write: (s) => ({
      items: [{ pk, sk: 'RECORD', version: s.version, traceHead: s.traceHead, writers: [...(before?.writers ?? []), writer] }],
      tracePartition: pk,
      ...(event
        ? {
            event: {
              put: {
                eventId,
                tenantId: actor.tenantId,
                type: 'test.changed',
                subjectId: pk,
                status: 'applied' as const,
                actor,
                requestHash: 'h',
                acceptedAt: new Date().toISOString(),
              },
            },
          }
        : {}),
    }),
    result: (s) => ({ won: s.version }),
    onEventSettled: async () => 'duplicate',
  };
};

describe('traced write under concurrency (DynamoDB Local)', () => {
  it(`${WRITERS} writers decided on one version: exactly one commits, the others are refused`, async () => {
    const pk = newRecord();
    const port = dynamoTracedStore(store);
    const attempts = Array.from({ length: WRITERS }, (_, i) => {
      const { entries, version, traceHead } = stamp(undefined, [{ eventId: `evt_${i}`, type: 'test.changed', actor, at: 'now', payloadHash: String(i) }]);
      return port.commit({ items: [{ pk, sk: 'RECORD', version, traceHead, writers: [String(i)] }], previousVersion: undefined, tracePartition: pk, entries });
    });
    const settled = await Promise.allSettled(attempts);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    for (const s of settled.filter((s) => s.status === 'rejected')) {
      const reason = (s as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(TracedWriteConflict);
      expect(['record', 'busy']).toContain(reason.part);
    }
    expect(await readTrace(store, pk)).toHaveLength(1);
  });

  it(`${WRITERS} writers of different commands: all commit, each version won once, one unbroken chain`, async () => {
    const pk = newRecord();
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => writeTraced(dynamoTracedStore(store), change(pk, `w${i}`, `evt_${pk}_${i}`, true))),
    );
    const won = results.map((r) => (r as { won: number }).won).sort((a, b) => a - b);
    expect(won).toEqual([1, 2, 3, 4, 5, 6]);
    const record = (await read(pk))!;
    expect(record.version).toBe(WRITERS);
    expect([...record.writers].sort()).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5']);
    const trace: TraceEntry[] = await readTrace(store, pk);
    expect(trace.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verifyChain(trace, record.traceHead)).toEqual({ valid: true, length: WRITERS });
  });

  it(`${WRITERS} deliveries of one command: one applies, the others are answered as duplicates`, async () => {
    const pk = newRecord();
    const eventId = `evt_${pk}_same`;
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, i) => writeTraced(dynamoTracedStore(store), change(pk, `w${i}`, eventId, true))));
    expect(results.filter((r) => r !== 'duplicate')).toEqual([{ won: 1 }]);
    expect(results.filter((r) => r === 'duplicate')).toHaveLength(WRITERS - 1);
    expect((await read(pk))!.version).toBe(1);
    expect(await readTrace(store, pk)).toHaveLength(1);
  });
});
