/**
 * Request text is checked and normalised once, at the edge (shared/lib/text-input.ts), and
 * the canonical hash does not fail on text that slipped past it (shared/lib/hash.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../shared/lib/hash';
import { MAX_DEPTH, normalizeTextInput } from '../../shared/lib/text-input';

describe('normalizeTextInput', () => {
  it('names every string with a lone surrogate or a control character by its JSON Pointer', () => {
    const body = { place: '天河\ud800', nested: { items: ['ok', '\udc00x', { note: 'a\u0000' }] }, fine: '第一行\n\t第二行\r\n', 'a/b': '\u0085' };
    expect(normalizeTextInput(body)).toEqual([
      { pointer: '/place', detail: 'must be well-formed Unicode text (it holds a lone surrogate)' },
      { pointer: '/nested/items/1', detail: 'must be well-formed Unicode text (it holds a lone surrogate)' },
      { pointer: '/nested/items/2/note', detail: 'must not contain control characters (tab, line feed and carriage return are allowed)' },
      { pointer: '/a~1b', detail: 'must not contain control characters (tab, line feed and carriage return are allowed)' },
    ]);
  });

  it('refuses nesting deeper than MAX_DEPTH without walking it (8,192 levels fit in 16 KiB)', () => {
    const deep = JSON.parse('['.repeat(8192) + ']'.repeat(8192)) as unknown;
    const errors = normalizeTextInput(deep);
    expect(errors).toEqual([{ pointer: '/0'.repeat(MAX_DEPTH), detail: `nests deeper than ${MAX_DEPTH} levels` }]);
    expect(normalizeTextInput(JSON.parse('{"a":'.repeat(MAX_DEPTH) + '"x"' + '}'.repeat(MAX_DEPTH)))).toEqual([]);
  });

  it('names a field name that is not text, without repeating the lone surrogate', () => {
    const errors = normalizeTextInput({ ['k\ud800']: 1 });
    expect(errors).toEqual([{ pointer: '/k\ufffd', detail: expect.stringMatching(/^is a field name that must be well-formed/) }]);
  });

  it('puts every accepted string in NFC, in place', () => {
    const body = { a: 'cafe\u0301', list: ['\u212b'], deep: { b: '한국어'.normalize('NFD') } };
    expect(normalizeTextInput(body)).toEqual([]);
    expect(body).toEqual({ a: 'caf\u00e9', list: ['\u00c5'], deep: { b: '한국어' } });
  });

  it('accepts every well-formed string without control characters, and refuses every other one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const refused = /\p{Cs}/u.test(text) || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(text);
        const body = { text };
        expect(normalizeTextInput(body).length).toBe(refused ? 1 : 0);
        if (!refused) expect(body.text).toBe(text.normalize('NFC'));
      }),
      { seed: 19, numRuns: 500 },
    );
  });
});

describe('canonicalHash', () => {
  it('hashes a lone surrogate as the U+FFFD it is stored as, instead of throwing', () => {
    expect(canonicalHash({ description: 'x\ud800' })).toBe(canonicalHash({ description: 'x\ufffd' }));
    expect(canonicalHash({ description: 'x' })).not.toBe(canonicalHash({ description: 'x\ufffd' }));
  });
});
