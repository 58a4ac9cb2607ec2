import { describe, expect, it } from 'vitest';
import { issueApiKey, parseApiKey, secretMatches } from '../../shared/auth/api-key';
import { commandEventId, ID_PATTERNS, newOrderId } from '../../shared/lib/ids';

describe('API keys', () => {
  it('issues a key whose secret is stored only as a hash', () => {
    const key = issueApiKey();
    const parsed = parseApiKey(`Bearer ${key.apiKey}`);
    expect(parsed?.keyId).toBe(key.keyId);
    expect(key.secretHash).not.toContain(parsed!.secret);
    expect(secretMatches(parsed!.secret, key.secretHash)).toBe(true);
    expect(secretMatches(parsed!.secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), key.secretHash)).toBe(false);
  });

  it('two keys never share an id or a secret', () => {
    const a = issueApiKey();
    const b = issueApiKey();
    expect(a.keyId).not.toBe(b.keyId);
    expect(a.secretHash).not.toBe(b.secretHash);
  });

  it.each([undefined, '', 'Bearer', 'Bearer nope', 'ak_key_x.y', 'Basic Zm9vOmJhcg=='])('rejects malformed %s', (h) => {
    expect(parseApiKey(h)).toBeUndefined();
  });
});

describe('ids', () => {
  it('derives one event id per (tenant, idempotency key)', () => {
    expect(commandEventId('ten_A', 'key-1')).toBe(commandEventId('ten_A', 'key-1'));
    expect(commandEventId('ten_A', 'key-1')).not.toBe(commandEventId('ten_B', 'key-1'));
    expect(commandEventId('ten_A', 'key-1')).not.toBe(commandEventId('ten_A', 'key-2'));
    expect(commandEventId('ten_A', 'key-1')).toMatch(ID_PATTERNS.event);
    expect(newOrderId()).toMatch(ID_PATTERNS.order);
  });
});
