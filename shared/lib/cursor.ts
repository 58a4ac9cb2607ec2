/**
 * Opaque list cursors: base64url JSON of the position only (never the tenant; the
 * partition key is rebuilt from the caller), validated on the way back in.
 */
import * as z from 'zod/mini';
import { defineSchema } from './define-schema';
import { problems } from './problem';

const Position = /* @__PURE__ */ defineSchema(() => z.strictObject({ sk: z.string().check(z.maxLength(200)), orderId: z.string().check(z.maxLength(64)) }));
export type Position = z.infer<typeof Position>;

export const encodeCursor = (position: Position): string => Buffer.from(JSON.stringify(position)).toString('base64url');

export function decodeCursor(cursor: string): Position {
  try {
    const parsed = Position.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the problem below
  }
  throw problems.invalidQuery([{ pointer: '/cursor', detail: 'is not a cursor this API issued' }]);
}

/** A cursor that is just a GSI sort key (lists whose sort key ends with the item id, e.g. complaints). */
const SortKeyPosition = /* @__PURE__ */ defineSchema(() => z.strictObject({ sk: z.string().check(z.maxLength(200)) }));

export const encodeSortKeyCursor = (sk: string): string => Buffer.from(JSON.stringify({ sk })).toString('base64url');

export function decodeSortKeyCursor(cursor: string): string {
  try {
    const parsed = SortKeyPosition.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data.sk;
  } catch {
    // fall through to the problem below
  }
  throw problems.invalidQuery([{ pointer: '/cursor', detail: 'is not a cursor this API issued' }]);
}
