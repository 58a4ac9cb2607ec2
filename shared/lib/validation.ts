/**
 * Turns zod issues into RFC 9457 field errors with readable messages. We use zod/mini
 * (see docs/architecture.md "Cold-start budget"), which ships no message locale, so the few
 * messages a partner needs are written here.
 */
import type * as z from 'zod/mini';
import type { core } from 'zod/mini';
import type { FieldError } from './problem';

export function toPointer(path: PropertyKey[]): string {
  return '/' + path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

function describe(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be of type ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${issue.minimum} characters`
        : issue.origin === 'array'
          ? `must have at least ${issue.minimum} items`
          : `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters`
        : issue.origin === 'array'
          ? `must have at most ${issue.maximum} items`
          : `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'must be an RFC 3339 date-time with a time zone offset, e.g. 2026-12-01T09:00:00+08:00'
        : `must match the ${issue.format} format`;
    case 'unrecognized_keys':
      return `unknown field(s): ${issue.keys.join(', ')}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'custom':
      return issue.message;
    default:
      return 'is invalid';
  }
}

export function fieldErrors(issues: readonly core.$ZodIssue[]): FieldError[] {
  return issues.slice(0, 20).map((issue) => ({ pointer: toPointer(issue.path), detail: describe(issue) }));
}

export type Validated<T> = { success: true; data: T } | { success: false; errors: FieldError[] };

/**
 * Validates with the input reported on each issue (so a missing field reads "is required"
 * rather than "must be of type string"); the input itself never leaves this function.
 */
export function validate<T extends z.ZodMiniType>(schema: T, value: unknown): Validated<z.infer<T>> {
  const parsed = schema.safeParse(value, { reportInput: true });
  return parsed.success ? { success: true, data: parsed.data } : { success: false, errors: fieldErrors(parsed.error.issues) };
}
