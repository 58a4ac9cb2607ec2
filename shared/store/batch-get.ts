/**
 * Reads items by their table keys with BatchGetItem, answering in the order asked. The
 * lists use it after reading a page of keys from a KEYS_ONLY index (index-page.ts).
 *
 * BatchGetItem takes at most 100 keys and may leave some unprocessed (throttling, the
 * 16 MB response limit): those are asked again after a growing, jittered pause, and if
 * some are still unprocessed after the last attempt the read fails rather than answer a
 * silently shorter list. A key with no item (deleted meanwhile) answers `undefined`.
 */
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { equalJitterMs, sleep } from '../lib/backoff';
import type { StoreContext } from './client';

export interface TableKey {
  pk: string;
  sk: string;
}

export interface BatchGetOptions {
  /** BatchGetItem calls per chunk of 100 keys, counting the first (default 6). */
  maxAttempts?: number;
  /** Wait before retry `attempt` (1-based), ms. Default: 25 ms doubling, with jitter. */
  backoffMs?: (attempt: number) => number;
}

/** The most keys one BatchGetItem accepts. */
export const BATCH_GET_MAX_KEYS = 100;

export class UnprocessedKeysError extends Error {
  constructor(readonly keys: TableKey[]) {
    super(`BatchGetItem left ${keys.length} key(s) unprocessed after every attempt`);
  }
}

const defaultBackoff = (attempt: number) => equalJitterMs(attempt, 25);
const idOf = (key: { pk: unknown; sk: unknown }) => `${String(key.pk)}\n${String(key.sk)}`;

export async function batchGetInOrder(
  store: StoreContext,
  keys: readonly TableKey[],
  options: BatchGetOptions = {},
): Promise<(Record<string, unknown> | undefined)[]> {
  const found = new Map<string, Record<string, unknown>>();
  // BatchGetItem refuses duplicate keys in one request.
  const distinct = [...new Map(keys.map((key) => [idOf(key), { pk: key.pk, sk: key.sk }])).values()];
  const chunks: TableKey[][] = [];
  for (let i = 0; i < distinct.length; i += BATCH_GET_MAX_KEYS) chunks.push(distinct.slice(i, i + BATCH_GET_MAX_KEYS));
  await Promise.all(chunks.map((chunk) => readChunk(store, chunk, found, options)));
  return keys.map((key) => found.get(idOf(key)));
}

async function readChunk(
  { doc, tableName }: StoreContext,
  chunk: TableKey[],
  found: Map<string, Record<string, unknown>>,
  options: BatchGetOptions,
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 6;
  const backoff = options.backoffMs ?? defaultBackoff;
  let pending = chunk;
  for (let attempt = 1; ; attempt++) {
    const out = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
    for (const item of out.Responses?.[tableName] ?? []) found.set(idOf(item as TableKey), item);
    pending = (out.UnprocessedKeys?.[tableName]?.Keys as TableKey[] | undefined) ?? [];
    if (pending.length === 0) return;
    if (attempt >= maxAttempts) throw new UnprocessedKeysError(pending);
    await sleep(backoff(attempt));
  }
}
