/** API keys: `ak_<keyId>.<secret>` (see secret-token.ts for why and how they are stored). */
import { newKeyId } from '../lib/ids';
import { issueSecret, secretParser } from './secret-token';

export { secretMatches } from './secret-token';

export interface IssuedKey {
  keyId: string;
  /** The whole key, to show once to its owner. */
  apiKey: string;
  secretHash: string;
}

export function issueApiKey(): IssuedKey {
  const issued = issueSecret('ak', newKeyId());
  return { keyId: issued.id, apiKey: issued.token, secretHash: issued.secretHash };
}

const parse = secretParser('ak', 'key_[0-9a-hjkmnp-tv-z]{26}');

/** Splits an API key (optionally after "Bearer ") into key id and secret; undefined when malformed. */
export function parseApiKey(header: string | undefined): { keyId: string; secret: string } | undefined {
  if (!header) return undefined;
  const parsed = parse(header.startsWith('Bearer ') ? header.slice(7) : header);
  return parsed ? { keyId: parsed.id, secret: parsed.secret } : undefined;
}
