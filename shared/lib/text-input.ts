/**
 * Every string of a request — body values and field names, query parameters — is checked
 * and normalised here, once, before its schema sees it (docs/conventions.md "Inputs: strict
 * zod"):
 *
 * - well-formed Unicode: a lone surrogate (`"\ud800"` is valid JSON) names no character, and
 *   could be neither stored as UTF-8 nor hashed canonically (RFC 8785 refuses it);
 * - no control characters other than tab, line feed and carriage return (C0, DEL, C1): they
 *   are never text a person typed, and break logs, CSV exports and printed cards;
 * - NFC: "é" typed as e + combining accent and as one character is the same text, so it
 *   is stored, compared, counted against a length limit and hashed once, as NFC.
 *
 * Each refused string is named by its JSON Pointer. The walk is one regular-expression test
 * per string (bodies are at most 16 KiB), and NFC of text already in NFC returns at once.
 *
 * Nesting deeper than MAX_DEPTH is refused before it is walked: 16 KiB holds arrays 8,192
 * levels deep, enough to overflow the stack of a recursive walk (a 500), and no request of
 * the API nests more than a few levels.
 */
import type { FieldError } from './problem';
import { toPointer } from './validation';

/** A lone surrogate, or a control character other than \t, \n, \r. */
const REFUSED = /[\p{Cs}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LONE_SURROGATE = /\p{Cs}/u;
const MAX_ERRORS = 20;
export const MAX_DEPTH = 32;

function refusal(text: string): string | undefined {
  if (!REFUSED.test(text)) return undefined;
  return LONE_SURROGATE.test(text)
    ? 'must be well-formed Unicode text (it holds a lone surrogate)'
    : 'must not contain control characters (tab, line feed and carriage return are allowed)';
}

/**
 * Checks every string in a parsed JSON value and puts it in NFC, in place (the value is
 * the request's own parse). Returns the refused strings; none means `value` is clean.
 */
export function normalizeTextInput(value: unknown, path: PropertyKey[] = [], errors: FieldError[] = []): FieldError[] {
  if (path.length >= MAX_DEPTH && value !== null && typeof value === 'object') {
    errors.push({ pointer: toPointer(path), detail: `nests deeper than ${MAX_DEPTH} levels` });
    return errors;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && errors.length < MAX_ERRORS; i++) {
      if (typeof value[i] === 'string') value[i] = checked(value[i] as string, [...path, i], errors);
      else normalizeTextInput(value[i], [...path, i], errors);
    }
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (errors.length >= MAX_ERRORS) break;
      const problem = refusal(key);
      // A field name is reported (its lone surrogates shown as U+FFFD), never repaired.
      if (problem) errors.push({ pointer: toPointer([...path, key.replace(/\p{Cs}/gu, '\uFFFD')]), detail: `is a field name that ${problem}` });
      else if (typeof record[key] === 'string') record[key] = checked(record[key] as string, [...path, key], errors);
      else normalizeTextInput(record[key], [...path, key], errors);
    }
  }
  return errors;
}

function checked(text: string, path: PropertyKey[], errors: FieldError[]): string {
  const problem = refusal(text);
  if (problem) {
    errors.push({ pointer: toPointer(path), detail: problem });
    return text;
  }
  return text.normalize('NFC');
}
