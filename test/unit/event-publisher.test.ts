/**
 * shared/events/put-events-entries.ts and publisher.ts without a network: the CloudEvent →
 * PutEvents mapping, AWS's entry-size rule and batching (≤ 10 entries, ≤ 256 KB), and the
 * retry of failed entries only. (test/integration/event-publisher.test.ts runs the same
 * publisher against the local EventBridge endpoint through environment variables.)
 */
import type { EventBridgeClient, PutEventsCommand, PutEventsRequestEntry, PutEventsResultEntry } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import type { CloudEvent } from '../../shared/events/cloudevent';
import { PublishError, publishEvents } from '../../shared/events/publisher';
import { batchEntries, entrySize, EventTooLargeError, MAX_CALL_BYTES, toPutEventsEntry } from '../../shared/events/put-events-entries';

const event = (i: number, dataBytes = 10): CloudEvent => ({
  specversion: '1.0',
  id: `evt_${i}`,
  source: '/anxin/dev/orders',
  type: 'cn.anxin.order.created.v1',
  time: '2026-12-01T01:02:03Z',
  data: { pad: 'x'.repeat(dataBytes) },
});

describe('PutEvents entries', () => {
  it('maps a CloudEvent to Source/DetailType/Detail/Time on the given bus', () => {
    const { entry, eventId } = toPutEventsEntry(event(1), 'anxin-dev-events');
    expect(eventId).toBe('evt_1');
    expect(entry).toEqual({
      EventBusName: 'anxin-dev-events',
      Source: '/anxin/dev/orders',
      DetailType: 'cn.anxin.order.created.v1',
      Detail: JSON.stringify(event(1)),
      Time: new Date('2026-12-01T01:02:03Z'),
    });
  });

  it('sizes entries as AWS documents: 14 bytes for Time + UTF-8 of Source, DetailType, Detail, Resources', () => {
    expect(entrySize({ Source: 'ab', DetailType: '安', Detail: '{}', Resources: ['r1'] })).toBe(2 + 3 + 2 + 2);
    expect(entrySize({ Time: new Date(), Source: 'a', DetailType: 'b', Detail: 'c' })).toBe(14 + 3);
  });

  it('batches at most 10 entries and at most 256 KB per call, in order', () => {
    const small = Array.from({ length: 23 }, (_, i) => toPutEventsEntry(event(i), 'b'));
    expect(batchEntries(small).map((b) => b.length)).toEqual([10, 10, 3]);
    expect(batchEntries(small).flat().map((e) => e.eventId)).toEqual(small.map((e) => e.eventId));

    const big = Array.from({ length: 5 }, (_, i) => toPutEventsEntry(event(i, 100_000), 'b'));
    const batches = batchEntries(big);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    for (const b of batches) expect(b.reduce((n, e) => n + e.bytes, 0)).toBeLessThanOrEqual(MAX_CALL_BYTES);
  });

  it('refuses an event that can never fit', () => {
    expect(() => toPutEventsEntry(event(1, MAX_CALL_BYTES), 'b')).toThrow(EventTooLargeError);
  });
});

/** A client whose PutEvents answers from a script: one function per call. */
function fakeClient(script: ((entries: PutEventsRequestEntry[]) => PutEventsResultEntry[])[]) {
  const calls: PutEventsRequestEntry[][] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      const entries = command.input.Entries ?? [];
      calls.push(entries);
      const answer = script[calls.length - 1];
      if (!answer) throw new Error('unexpected PutEvents call');
      const results = answer(entries);
      return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results };
    },
  } as unknown as EventBridgeClient;
  return { client, calls };
}

const ok = (entries: PutEventsRequestEntry[]) => entries.map((_, i) => ({ EventId: `eb-${i}` }));
const ids = (entries: PutEventsRequestEntry[]) => entries.map((e) => (JSON.parse(e.Detail!) as CloudEvent).id);
const noWait = { backoffMs: () => 0 };

describe('publishEvents', () => {
  it('sends nothing for no events', async () => {
    const { client, calls } = fakeClient([]);
    await publishEvents([], { client, eventBusName: 'b' });
    expect(calls).toEqual([]);
  });

  it('retries only the entries that failed, then resolves', async () => {
    const { client, calls } = fakeClient([
      (entries) => entries.map((e, i) => (i === 1 ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' } : { EventId: `x${i}` })),
      ok,
    ]);
    await publishEvents([event(1), event(2), event(3)], { client, eventBusName: 'b', ...noWait });
    expect(calls.map(ids)).toEqual([['evt_1', 'evt_2', 'evt_3'], ['evt_2']]);
  });

  it('throws after the last attempt, naming the events and error codes', async () => {
    const failing = (entries: PutEventsRequestEntry[]) => entries.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'oops' }));
    const { client, calls } = fakeClient([failing, failing, failing]);
    const error = await publishEvents([event(7)], { client, eventBusName: 'b', maxAttempts: 3, ...noWait }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).failures).toEqual([{ eventId: 'evt_7', errorCode: 'InternalFailure', errorMessage: 'oops' }]);
    expect((error as Error).message).toMatch(/evt_7 InternalFailure/);
    expect(calls).toHaveLength(3);
  });

  it('does not retry an error a retry cannot fix', async () => {
    const { client, calls } = fakeClient([(entries) => entries.map(() => ({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }))]);
    await expect(publishEvents([event(1)], { client, eventBusName: 'b', ...noWait })).rejects.toThrow(/MalformedDetail/);
    expect(calls).toHaveLength(1);
  });

  it('treats a missing result entry as a failure', async () => {
    const { client, calls } = fakeClient([() => [{ EventId: 'only-one' }], ok]);
    await publishEvents([event(1), event(2)], { client, eventBusName: 'b', ...noWait });
    expect(calls.map(ids)).toEqual([['evt_1', 'evt_2'], ['evt_2']]);
  });

  it('needs EVENT_BUS_NAME when no bus is given', async () => {
    const saved = process.env.EVENT_BUS_NAME;
    delete process.env.EVENT_BUS_NAME;
    try {
      await expect(publishEvents([event(1)], { client: fakeClient([]).client })).rejects.toThrow(/EVENT_BUS_NAME is not set/);
    } finally {
      if (saved !== undefined) process.env.EVENT_BUS_NAME = saved;
    }
  });
});
