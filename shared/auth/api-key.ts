/**
 * API keys: `ak_<keyId>.<secret>`. The key id is public (it names the key in lists and
 * logs); the secret is 32 random bytes, shown once and stored only as SHA-256.
 * A fast hash is the right tool here: the secret has 256 bits of entropy, so there is
 * nothing for a slow password hash (scrypt, argon2) to protect against, and the
 * authorizer stays fast.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { newKeyId } from '../lib/ids';
import { sha256Hex } from '../lib/hash';

const KEY_PATTERN = /^ak_(key_[0-9a-hjkmnp-tv-z]{26})\.([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  keyId: string;
  /** The whole key, to show once to its owner. */
  apiKey: string;
  secretHash: string;
}

export function issueApiKey(): IssuedKey {
  const keyId = newKeyId();
  const secret = randomBytes(32).toString('base64url');
  return { keyId, apiKey: `ak_${keyId}.${secret}`, secretHash: sha256Hex(secret) };
}

/** Splits an API key (optionally after "Bearer ") into key id and secret; undefined when malformed. */
export function parseApiKey(header: string | undefined): { keyId: string; secret: string } | undefined {
  if (!header) return undefined;
  const token = header.startsWith('Bearer ') ? header.slice(7).trim() : header.trim();
  const match = KEY_PATTERN.exec(token);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(sha256Hex(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
