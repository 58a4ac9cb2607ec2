/** shared/domain/worker: resident ID validation (ISO 7064 MOD 11-2) and display masking. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from '../../shared/domain/worker/masking';
import { residentIdCheckCharacter, validateResidentId } from '../../shared/domain/worker/resident-id';

describe('validateResidentId', () => {
  it.each([
    // The GB 11643-1999 example; check character X.
    ['11010519491231002X', '11010519491231002X', '1949-12-31'],
    ['11010519491231002x', '11010519491231002X', '1949-12-31'],
    [' 440308199001011239 ', '440308199001011239', '1990-01-01'],
    ['440106198808080819', '440106198808080819', '1988-08-08'],
    ['510108197708150011', '510108197708150011', '1977-08-15'],
    // 29 February of a leap year.
    ['440308200002291231', '440308200002291231', '2000-02-29'],
  ])('accepts %s', (input, normalized, birthDate) => {
    expect(validateResidentId(input)).toEqual({ valid: true, normalized, birthDate });
  });

  it.each([
    ['440308199001011234', 'checkDigit'], // the masking example: well-formed, wrong check digit (should be 9)
    ['11010519491231002 ', 'format'],
    ['110105194912310021', 'checkDigit'], // X replaced by a digit
    ['11010519491231002Y', 'format'],
    ['01010519491231002X', 'format'], // region code cannot start with 0
    ['4403081990010112', 'format'], // 16 characters
    ['4403081990010112390', 'format'], // 19 characters
    ['440308180001011239', 'format'], // born 1800
    ['440308199013011239', 'birthDate'], // month 13
    ['440308199002301239', 'birthDate'], // 30 February
    ['440308190002291239', 'birthDate'], // 1900 was not a leap year
    ['４４０３０８１９９００１０１１２３９', 'format'], // full-width digits: normalize before validating
    ['', 'format'],
  ])('rejects %s (%s)', (input, problem) => {
    expect(validateResidentId(input)).toEqual({ valid: false, problem });
  });

  it.each([undefined, null, 440308199001011239, {}, ['440308199001011239']])('rejects non-strings without throwing: %s', (input) => {
    expect(validateResidentId(input)).toEqual({ valid: false, problem: 'format' });
  });

  it('computes check characters that make every number valid, and any other last character invalid', () => {
    const digits = fc.stringMatching(/^[1-9]\d{5}(19[0-9]{2}|20[0-2][0-9])(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])\d{3}$/);
    fc.assert(
      fc.property(digits, fc.constantFrom(...'0123456789X'), (first17, other) => {
        const check = residentIdCheckCharacter(first17);
        expect(validateResidentId(first17 + check).valid).toBe(true);
        if (other !== check) expect(validateResidentId(first17 + other)).toEqual({ valid: false, problem: 'checkDigit' });
      }),
    );
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['440308199001011234', '440308********1234'],
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    [' 440308 19900101 1234 ', '440308********1234'],
    ['440308900101123', '440308*****1123'], // 15-digit first-generation number
    ['E12345678', '*******78'], // not an ID number: last quarter only
    ['1234', '***4'],
    ['abc', '***'],
    ['', ''],
  ])('%s → %s', (input, expected) => expect(maskIdNumber(input)).toBe(expected));

  it.each([undefined, null, 42, {}, []])('gives "" for %s', (input) => expect(maskIdNumber(input)).toBe(''));

  it('never shows more than the first 6 and last 4 characters, and keeps the length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 14, maxLength: 40 }).filter((s) => !/\s/u.test(s)), (s) => {
        const masked = Array.from(maskIdNumber(s));
        const original = Array.from(s.toUpperCase());
        expect(masked).toHaveLength(original.length);
        expect(masked.slice(6, -4).every((c) => c === '*')).toBe(true);
      }),
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.anything(), (v) => void maskIdNumber(v)));
  });
});

describe('maskName', () => {
  it.each([
    ['王小明', '王**'],
    ['王明', '王*'],
    ['欧阳娜娜', '欧***'],
    ['阿依古丽·买买提', '阿*******'],
    ['𠀀小明', '𠀀**'], // a supplementary-plane character counts once
    [' 王小明 ', '王**'],
    ['Li Wei', 'L*****'],
    ['john  smith', 'j*********'],
    ['王', '王'],
    ['', ''],
    ['   ', ''],
  ])('%s → %s', (input, expected) => expect(maskName(input)).toBe(expected));

  it.each([undefined, null, 42, {}, ['王小明']])('gives "" for %s', (input) => expect(maskName(input)).toBe(''));

  it('never throws and never shows more than the first character', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const masked = maskName(v);
        expect(Array.from(masked).slice(1).every((c) => c === '*')).toBe(true);
      }),
    );
  });
});
