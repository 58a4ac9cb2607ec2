/**
 * shared/store/batch-get.ts without a network: BatchGetItem answers in the order asked,
 * at most 100 keys a call, each key once; unprocessed keys are asked again, and a read
 * that still has some after the last attempt fails instead of answering less.
 * (test/integration/index-lists.test.ts runs it against DynamoDB Local.)
 */
import type { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { BATCH_GET_MAX_KEYS, batchGetInOrder, UnprocessedKeysError, type TableKey } from '../../shared/store/batch-get';

const TABLE = 'test-table';
const key = (i: number): TableKey => ({ pk: `T#t#ORDER#o${String(i).padStart(3, '0')}`, sk: 'ORDER' });
const itemOf = (k: TableKey) => ({ ...k, payload: `item of ${k.pk}` });

/**
 * A table in a map behind BatchGetItem. `unprocessed(call, keys)` picks, per call, which of
 * the asked keys DynamoDB "did not get to"; responses come back in reverse, as DynamoDB
 * promises no order.
 */
function fakeStore(stored: TableKey[], unprocessed: (call: number, keys: TableKey[]) => TableKey[] = () => []) {
  const items = new Map(stored.map((k) => [`${k.pk}|${k.sk}`, itemOf(k)]));
  const calls: TableKey[][] = [];
  const doc = {
    send: async (command: BatchGetCommand) => {
      const asked = command.input.RequestItems![TABLE]!.Keys as TableKey[];
      if (asked.length > BATCH_GET_MAX_KEYS) throw new Error('ValidationException: Too many items requested for the BatchGetItem call');
      if (new Set(asked.map((k) => `${k.pk}|${k.sk}`)).size !== asked.length) throw new Error('ValidationException: Provided list of item keys contains duplicates');
      calls.push(asked);
      const left = unprocessed(calls.length, asked);
      const leftIds = new Set(left.map((k) => `${k.pk}|${k.sk}`));
      const responses = asked.filter((k) => !leftIds.has(`${k.pk}|${k.sk}`)).flatMap((k) => items.get(`${k.pk}|${k.sk}`) ?? []);
      return {
        Responses: { [TABLE]: responses.reverse() },
        ...(left.length ? { UnprocessedKeys: { [TABLE]: { Keys: left } } } : {}),
      };
    },
  };
  return { store: { doc: doc as unknown as DynamoDBDocumentClient, tableName: TABLE }, calls };
}

const noWait = { backoffMs: () => 0 };

describe('batchGetInOrder', () => {
  it('answers in the order asked, undefined for a key with no item, and asks each key once', async () => {
    const keys = [key(3), key(1), key(2), key(1)];
    const { store, calls } = fakeStore([key(1), key(3)]);
    expect(await batchGetInOrder(store, keys, noWait)).toEqual([itemOf(key(3)), itemOf(key(1)), undefined, itemOf(key(1))]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toHaveLength(3);
  });

  it('splits more than 100 keys over several calls', async () => {
    const keys = Array.from({ length: 250 }, (_, i) => key(i));
    const { store, calls } = fakeStore(keys);
    expect(await batchGetInOrder(store, keys, noWait)).toEqual(keys.map(itemOf));
    expect(calls.map((c) => c.length).sort((a, b) => a - b)).toEqual([50, 100, 100]);
  });

  it('asks again for the unprocessed keys only, until none is left', async () => {
    const keys = Array.from({ length: 5 }, (_, i) => key(i));
    // First call: DynamoDB gets to two keys; second: to one more; third: to the rest.
    const { store, calls } = fakeStore(keys, (call, asked) => (call === 1 ? asked.slice(2) : call === 2 ? asked.slice(1) : []));
    expect(await batchGetInOrder(store, keys, noWait)).toEqual(keys.map(itemOf));
    expect(calls.map((c) => c.length)).toEqual([5, 3, 2]);
  });

  it('fails, naming the keys, when some are still unprocessed after the last attempt', async () => {
    const keys = [key(1), key(2)];
    const { store, calls } = fakeStore(keys, (_call, asked) => asked.filter((k) => k.pk === key(2).pk));
    const error = await batchGetInOrder(store, keys, { ...noWait, maxAttempts: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessedKeysError);
    expect((error as UnprocessedKeysError).keys).toEqual([key(2)]);
    expect(calls).toHaveLength(3);
  });

  it('waits before each retry, longer each time', async () => {
    const waits: number[] = [];
    const keys = [key(1)];
    const { store } = fakeStore(keys, (call, asked) => (call < 4 ? asked : []));
    const backoffMs = (attempt: number) => {
      waits.push(attempt);
      return 0;
    };
    expect(await batchGetInOrder(store, keys, { backoffMs })).toEqual([itemOf(key(1))]);
    expect(waits).toEqual([1, 2, 3]);
  });

  it('makes no call for no keys', async () => {
    const { store, calls } = fakeStore([]);
    expect(await batchGetInOrder(store, [], noWait)).toEqual([]);
    expect(calls).toHaveLength(0);
  });
});
