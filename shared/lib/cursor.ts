/**
 * List cursors, sealed to the query that issued them (docs/conventions.md "List cursors").
 *
 * A cursor is `<position>.<mac>`: the last sort key read (base64url) and an HMAC-SHA256
 * (first 128 bits, base64url) over the route, the tenant whose partition is read, the
 * query's filter and bounds, and that sort key. The tenant and the query are not in the
 * cursor: they are taken from the request again and must give the same MAC. So a cursor
 * only continues the very list it came from; one reused with other bounds, another
 * filter, another tenant, or made up or edited, is refused with 400 `invalid-cursor`
 * before any read — DynamoDB never sees a start key outside the query's range.
 *
 * Cost per request: one local HMAC; the key is derived from KMS once per function
 * instance (shared/crypto/cursor-key.ts), and only when a cursor is read or issued.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { cursorMacKey } from '../crypto/cursor-key';
import { problems } from './problem';

/** What selects a list: a cursor is valid for exactly one scope. */
export interface CursorScope {
  /** The route (the event's routeKey, e.g. `GET /v1/orders`). */
  readonly route: string;
  /** The tenant whose items are listed (for an admin, the tenant acted for). */
  readonly tenantId: string;
  /** Everything else that selects the items: filter, bounds, parent id. Undefined values are left out; the page size is not part of it. */
  readonly query?: Readonly<Record<string, string | number | undefined>>;
}

const MAC_BYTES = 16;
/** 128 bits in base64url: 22 characters. */
const MAC_CHARS = 22;
/** Sort keys are short (times, ids, a district name): anything longer was not issued here. */
const MAX_POSITION_CHARS = 400;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function macOf(key: Buffer, scope: CursorScope, position: string): string {
  const query = Object.entries(scope.query ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => [name, String(value)])
    .sort(([a], [b]) => (a! < b! ? -1 : 1));
  // JSON of an array: unambiguous however the parts are spelled (no separator to smuggle).
  const message = JSON.stringify(['list-cursor', scope.route, scope.tenantId, query, position]);
  return createHmac('sha256', key).update(message, 'utf8').digest().subarray(0, MAC_BYTES).toString('base64url');
}

/** The page's continuation, as the response field: `{ nextCursor }`, or nothing on the last page. */
export async function nextCursorOf(lastSortKey: string | undefined, scope: CursorScope): Promise<{ nextCursor?: string }> {
  if (lastSortKey === undefined) return {};
  const position = Buffer.from(lastSortKey, 'utf8').toString('base64url');
  return { nextCursor: `${position}.${macOf(await cursorMacKey(), scope, position)}` };
}

/** The sort key to continue after, or undefined without a cursor; a cursor not issued for `scope` is a 400 problem. */
export async function readCursor(cursor: string | undefined, scope: CursorScope): Promise<string | undefined> {
  if (cursor === undefined) return undefined;
  const [position, mac, ...rest] = cursor.split('.');
  if (rest.length > 0 || !position || !mac || mac.length !== MAC_CHARS || position.length > MAX_POSITION_CHARS || !BASE64URL.test(position) || !BASE64URL.test(mac)) {
    throw problems.invalidCursor();
  }
  // Compared as the canonical strings: base64url's unused low bits cannot make two spellings of one MAC.
  const expected = macOf(await cursorMacKey(), scope, position);
  if (!timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) throw problems.invalidCursor();
  return Buffer.from(position, 'base64url').toString('utf8');
}
