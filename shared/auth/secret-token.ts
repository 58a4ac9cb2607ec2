/**
 * Bearer secrets of the form `<prefix>_<id>.<secret>`: a public id that names the record
 * and 32 random bytes shown once and stored only as SHA-256. A fast hash is the right tool
 * here: the secret has 256 bits of entropy, so there is nothing for a slow password hash
 * (scrypt, argon2) to protect against, and lookups stay fast.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../lib/hash';

export interface IssuedSecret {
  id: string;
  /** The whole token, to show once to its owner. */
  token: string;
  secretHash: string;
}

export function issueSecret(prefix: string, id: string): IssuedSecret {
  const secret = randomBytes(32).toString('base64url');
  return { id, token: `${prefix}_${id}.${secret}`, secretHash: sha256Hex(secret) };
}

/** A parser for one prefix and id shape; undefined when the token is malformed. */
export function secretParser(prefix: string, idPattern: string) {
  const pattern = new RegExp(`^${prefix}_(${idPattern})\\.([A-Za-z0-9_-]{43})$`);
  return (token: string | undefined): { id: string; secret: string } | undefined => {
    const match = token ? pattern.exec(token.trim()) : null;
    return match ? { id: match[1]!, secret: match[2]! } : undefined;
  };
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
