/**
 * PRC resident identity card numbers (公民身份号码, GB 11643-1999): 18 characters —
 * 6-digit administrative region code, 8-digit birth date (YYYYMMDD), 3-digit sequence
 * (odd for men, even for women), and a check character computed with ISO 7064 MOD 11-2,
 * which is a digit or `X` (standing for 10). Pure; never throws.
 */

export type ResidentIdProblem = 'format' | 'birthDate' | 'checkDigit';

export type ResidentIdResult =
  | { valid: true; /** Upper-case, trimmed: the form to store and hash. */ normalized: string; birthDate: string }
  | { valid: false; problem: ResidentIdProblem };

// Weights 2^(17-i) mod 11 for positions 0..16 (ISO 7064 MOD 11-2).
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Check character for (sum of weighted digits) mod 11.
const CHECK = '10X98765432';

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * Validates an 18-character resident ID number: shape (region code not starting with 0,
 * a birth date from 1900 on that exists in the calendar, lower-case `x` accepted) and the
 * check character. Dates in the future are not rejected here (that needs a clock).
 */
export function validateResidentId(input: unknown): ResidentIdResult {
  if (typeof input !== 'string') return { valid: false, problem: 'format' };
  const id = input.trim().toUpperCase();
  const m = /^[1-9]\d{5}((?:19|20)\d{2})(\d{2})(\d{2})\d{3}[\dX]$/.exec(id);
  if (!m) return { valid: false, problem: 'format' };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDate(year, month, day)) return { valid: false, problem: 'birthDate' };
  if (residentIdCheckCharacter(id) !== id[17]) return { valid: false, problem: 'checkDigit' };
  return { valid: true, normalized: id, birthDate: `${m[1]}-${m[2]}-${m[3]}` };
}
