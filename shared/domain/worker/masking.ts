/**
 * How personal data is shown (docs/domain.md "Workers"): ID numbers as `440308********1234`,
 * names as `王**`. Pure and total: any input gives a string, nothing throws, and odd input
 * reveals less rather than more. Masking is for display; it is not a way to store data.
 */

const chars = (s: string) => Array.from(s); // code points, so 𠀀-style CJK characters count once

/**
 * Keeps the first 6 characters (region code) and the last 4, masking each character in
 * between: `440308199001011234` → `440308********1234`. Does not validate (see
 * validateResidentId): a malformed number is masked the same way. Values shorter than 14
 * characters (not an ID number: a passport number, a typo) keep only their last quarter,
 * e.g. `E12345678` → `*******78`; anything that is not a non-empty string gives `''`.
 */
export function maskIdNumber(value: unknown): string {
  if (typeof value !== 'string') return '';
  const c = chars(value.replace(/\s+/gu, '').toUpperCase());
  if (c.length >= 14) return [...c.slice(0, 6), ...c.slice(6, -4).map(() => '*'), ...c.slice(-4)].join('');
  const keep = Math.floor(c.length / 4);
  return [...c.slice(0, c.length - keep).map(() => '*'), ...c.slice(c.length - keep)].join('');
}

/**
 * Keeps the first character and replaces each remaining one with `*`: `王小明` → `王**`,
 * `欧阳娜娜` → `欧***`, `阿依古丽·买买提` → `阿*******`. Latin names keep their first
 * letter the same way (`Li Wei` → `L*****`); surrounding whitespace is dropped and inner
 * runs of whitespace count as one character. A one-character name stays as it is (the
 * surname alone is what every masked name shows). Anything that is not a non-empty
 * string gives `''`.
 */
export function maskName(value: unknown): string {
  if (typeof value !== 'string') return '';
  const c = chars(value.trim().replace(/\s+/gu, ' '));
  if (c.length === 0) return '';
  return c[0]! + '*'.repeat(c.length - 1);
}
