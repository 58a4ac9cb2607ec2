import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** SHA-256 of the RFC 8785 canonical JSON form, so equal values hash equally whatever their key order. */
export function canonicalHash(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value cannot be canonicalized');
  return sha256Hex(text);
}
