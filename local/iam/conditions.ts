/**
 * The condition operators and keys the local platform evaluates. Only these: a policy
 * using another operator, a set operator (ForAllValues:/ForAnyValue:) or a key the
 * platform does not put in the request context is refused when the platform starts
 * (UnsupportedPolicyError), never evaluated as "absent" — absent keys make a Deny with a
 * positive operator silently inert.
 *
 * Semantics as IAM documents them: the values listed for one key are ORed, the keys and
 * operators of one statement ANDed; a key missing from the request makes the condition
 * false, except for the negated operators (true) and `…IfExists` (true); `Null` tests
 * presence. Which keys a request carries: context.ts.
 */
import { UnsupportedPolicyError } from './policy';
import { arnLike, stringLike } from './wildcard';

/** The request's condition keys: lower-cased key → values (one for a single-valued key). */
export type ConditionContext = ReadonlyMap<string, string>;

export interface CompiledCondition {
  operator: string;
  key: string;
  test(context: ConditionContext): boolean;
}

type ValueTest = (actual: string, expected: string) => boolean;

/** Positive operators; a `Not` twin is the negation. */
const OPERATORS: Record<string, { test: ValueTest; negated: boolean }> = {
  StringEquals: { test: (a, e) => a === e, negated: false },
  StringNotEquals: { test: (a, e) => a === e, negated: true },
  StringEqualsIgnoreCase: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false },
  StringNotEqualsIgnoreCase: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: true },
  StringLike: { test: (a, e) => stringLike(e)(a), negated: false },
  StringNotLike: { test: (a, e) => stringLike(e)(a), negated: true },
  ArnEquals: { test: (a, e) => arnLike(e)(a), negated: false },
  ArnLike: { test: (a, e) => arnLike(e)(a), negated: false },
  ArnNotEquals: { test: (a, e) => arnLike(e)(a), negated: true },
  ArnNotLike: { test: (a, e) => arnLike(e)(a), negated: true },
  Bool: { test: (a, e) => a.toLowerCase() === e.toLowerCase(), negated: false },
};

/**
 * Keys the platform can put in a request's context (context.ts). A key is compared
 * case-insensitively, as IAM does; the part after `kms:EncryptionContext:` is the
 * encryption context's own key.
 */
const KNOWN_KEYS = ['aws:securetransport', 'aws:principalarn', 'aws:principalaccount', 'aws:sourcearn', 'aws:sourceaccount', 'aws:requestedregion'];
const KNOWN_PREFIXES = ['kms:encryptioncontext:'];

export const isKnownConditionKey = (key: string): boolean => {
  const k = key.toLowerCase();
  return KNOWN_KEYS.includes(k) || KNOWN_PREFIXES.some((p) => k.startsWith(p) && k.length > p.length);
};

export function compileCondition(operator: string, key: string, rawValues: unknown, where: string): CompiledCondition {
  if (operator.includes(':')) throw new UnsupportedPolicyError(where, `condition set operator ${operator.split(':')[0]}: (on ${key})`);
  if (!isKnownConditionKey(key)) throw new UnsupportedPolicyError(where, `condition key ${key} (with ${operator})`);
  const values = (Array.isArray(rawValues) ? rawValues : [rawValues]).map(String);
  const lowerKey = key.toLowerCase();
  if (operator === 'Null') {
    return { operator, key, test: (ctx) => values.some((v) => (v.toLowerCase() === 'true') === !ctx.has(lowerKey)) };
  }
  const ifExists = operator.endsWith('IfExists');
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  const op = OPERATORS[base];
  if (!op) throw new UnsupportedPolicyError(where, `condition operator ${operator} (on ${key})`);
  return {
    operator,
    key,
    test(ctx) {
      const actual = ctx.get(lowerKey);
      if (actual === undefined) return ifExists || op.negated;
      const matched = values.some((v) => op.test(actual, v));
      return op.negated ? !matched : matched;
    },
  };
}
