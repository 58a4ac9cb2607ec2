import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** Lone surrogates become U+FFFD, as UTF-8 encoding (DynamoDB, the wire) turns them into. */
const wellFormed = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replace(/\p{Cs}/gu, '\uFFFD') : v)));

/**
 * SHA-256 of the RFC 8785 canonical JSON form, so equal values hash equally whatever their
 * key order. RFC 8785 refuses a string with a lone surrogate: requests are refused such text
 * at the edge (text-input.ts), and should one reach here all the same it is hashed as the
 * U+FFFD it is stored as, rather than failing the write that hashes it. The repair runs
 * only then, so a well-formed value costs nothing more.
 */
export function canonicalHash(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalize(value);
  } catch (error) {
    if (!/surrogate/i.test(String((error as Error)?.message))) throw error;
    text = canonicalize(wellFormed(value));
  }
  if (text === undefined) throw new TypeError('value cannot be canonicalized');
  return sha256Hex(text);
}
