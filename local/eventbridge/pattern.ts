/**
 * EventBridge event patterns, locally: validation (what PutRule / TestEventPattern refuse)
 * and matching, as the EventBridge user guide ("Event patterns", "Content filtering",
 * "Comparison operators") describes them. Pure: no I/O, no clock.
 *
 * Matching rules reproduced here:
 *   - A pattern is an object; its keys must all match (AND). A value is either a nested
 *     pattern (object, for a nested field such as `detail`) or an array of matchers (a
 *     leaf): the array is an OR.
 *   - An event array matches when ANY of its elements matches (arrays are flattened,
 *     arrays of objects are searched element by element, and the fields of one nested
 *     pattern must all be met by the same element).
 *   - Matchers: a literal (string, number, boolean, null — exact, type-sensitive: "5" is
 *     not 5, "" is not null), {prefix}, {suffix} (both also with {equals-ignore-case}),
 *     {equals-ignore-case}, {wildcard}, {anything-but} (a value, a list, or {prefix},
 *     {suffix}, {equals-ignore-case}, {wildcard}), {numeric} (one or two comparisons),
 *     {exists} and {cidr} (IPv4). `$or` (an array of sub-patterns) at any level.
 *   - Matchers apply to leaf values only: a field holding an object never satisfies
 *     {exists: true}; a missing field satisfies only {exists: false} (anything-but does
 *     not match a missing field).
 * Not reproduced: IPv6 {cidr} (refused as invalid here), and the service's limits on
 * pattern size and numeric precision.
 */

export type EventPattern = { [key: string]: unknown };

export class InvalidEventPatternError extends Error {
  constructor(reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternException';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const NUMERIC_OPS = new Set(['<', '<=', '=', '>', '>=']);
const OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'exists', 'cidr']);

// ---- validation -------------------------------------------------------------------------

/** Parses (when given a string) and validates a pattern; throws InvalidEventPatternError. */
export function parseEventPattern(source: string | unknown): EventPattern {
  let pattern: unknown = source;
  if (typeof source === 'string') {
    try {
      pattern = JSON.parse(source);
    } catch (error) {
      throw new InvalidEventPatternError(`Filter is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isObject(pattern)) throw new InvalidEventPatternError('Filter is not an object');
  validateObject(pattern, '');
  return pattern;
}

function validateObject(pattern: Record<string, unknown>, path: string): void {
  for (const [key, value] of Object.entries(pattern)) {
    const at = path ? `${path}.${key}` : key;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2 || !value.every(isObject)) {
        throw new InvalidEventPatternError(`"$or" at ${path || 'top level'} must be an array of at least two objects`);
      }
      for (const sub of value) validateObject(sub as Record<string, unknown>, path);
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new InvalidEventPatternError(`Empty arrays are not allowed ("${at}")`);
      for (const matcher of value) validateMatcher(matcher, at);
    } else if (isObject(value)) {
      if (Object.keys(value).length === 0) throw new InvalidEventPatternError(`Empty objects are not allowed ("${at}")`);
      validateObject(value, at);
    } else {
      throw new InvalidEventPatternError(`"${at}" must be an object or an array`);
    }
  }
}

function validateMatcher(matcher: unknown, at: string): void {
  if (!isObject(matcher)) return; // literals: string, number, boolean, null
  const keys = Object.keys(matcher);
  const op = keys[0];
  if (keys.length !== 1 || op === undefined || !OPERATORS.has(op)) {
    throw new InvalidEventPatternError(`Unrecognized match type ${JSON.stringify(keys.join(','))} at "${at}"`);
  }
  const value = matcher[op];
  const fail = (why: string): never => {
    throw new InvalidEventPatternError(`${op} match at "${at}" ${why}`);
  };
  switch (op) {
    case 'prefix':
    case 'suffix':
      if (typeof value === 'string') return;
      if (isObject(value) && Object.keys(value).length === 1 && typeof value['equals-ignore-case'] === 'string') return;
      return fail('must be a string or {"equals-ignore-case": string}');
    case 'equals-ignore-case':
    case 'wildcard':
      if (typeof value !== 'string') fail('must be a string');
      if (op === 'wildcard' && /\*\*/.test(value as string)) fail('must not contain consecutive wildcard characters');
      return;
    case 'exists':
      if (typeof value !== 'boolean') fail('must be true or false');
      return;
    case 'cidr':
      if (typeof value !== 'string' || !parseIpv4Cidr(value)) fail('must be an IPv4 CIDR block (IPv6 is not supported locally)');
      return;
    case 'numeric':
      validateNumeric(value, fail);
      return;
    case 'anything-but':
      validateAnythingBut(value, fail);
      return;
  }
}

function validateNumeric(value: unknown, fail: (why: string) => never): void {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 4)) fail('must be [op, number] or [op, number, op, number]');
  const list = value as unknown[];
  for (let i = 0; i < list.length; i += 2) {
    if (typeof list[i] !== 'string' || !NUMERIC_OPS.has(list[i] as string)) fail(`has an unknown operator ${JSON.stringify(list[i])}`);
    if (typeof list[i + 1] !== 'number' || !Number.isFinite(list[i + 1])) fail('compares with something that is not a number');
  }
  if (list.length === 4) {
    const [a, , b] = list as string[];
    const lower = (op: string) => op === '>' || op === '>=';
    const upper = (op: string) => op === '<' || op === '<=';
    if (!((lower(a!) && upper(b!)) || (upper(a!) && lower(b!)))) fail('must give a lower and an upper bound');
  }
}

function validateAnythingBut(value: unknown, fail: (why: string) => never): void {
  if (typeof value === 'string' || typeof value === 'number') return;
  if (Array.isArray(value)) {
    if (value.length === 0) fail('must not be an empty list');
    if (!(value.every((v) => typeof v === 'string') || value.every((v) => typeof v === 'number'))) {
      fail('must list only strings or only numbers');
    }
    return;
  }
  if (isObject(value) && Object.keys(value).length === 1) {
    const [op] = Object.keys(value) as [string];
    const inner = value[op];
    if ((op === 'prefix' || op === 'suffix') && typeof inner === 'string') return;
    if ((op === 'equals-ignore-case' || op === 'wildcard') && (typeof inner === 'string' || (Array.isArray(inner) && inner.length > 0 && inner.every((v) => typeof v === 'string')))) {
      return;
    }
  }
  fail('must be a string, a number, a list of either, or {prefix|suffix|equals-ignore-case|wildcard}');
}

// ---- matching ---------------------------------------------------------------------------

/** True when `event` (an EventBridge event envelope, or any JSON) matches a validated pattern. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return matchObject(pattern, isObject(event) ? event : undefined);
}

function matchObject(pattern: Record<string, unknown>, event: Record<string, unknown> | undefined): boolean {
  for (const [key, expected] of Object.entries(pattern)) {
    if (key === '$or') continue;
    const value = event?.[key];
    if (Array.isArray(expected)) {
      if (!matchLeaf(expected, leafValues(value))) return false;
    } else {
      const candidates = objectValues(value);
      const nested = expected as Record<string, unknown>;
      if (candidates.length === 0 ? !matchObject(nested, undefined) : !candidates.some((c) => matchObject(nested, c))) return false;
    }
  }
  const alternatives = pattern.$or as Record<string, unknown>[] | undefined;
  return alternatives === undefined || alternatives.some((alt) => matchObject(alt, event));
}

type Leaf = string | number | boolean | null;

/** The leaf values at a field: primitives, arrays flattened; objects are not leaves. */
function leafValues(value: unknown): Leaf[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leafValues);
  if (isObject(value)) return [];
  return [value as Leaf];
}

function objectValues(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectValues);
  return isObject(value) ? [value] : [];
}

function matchLeaf(matchers: unknown[], values: Leaf[]): boolean {
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) return (values.length > 0) === matcher.exists;
    return values.some((v) => matchValue(matcher, v));
  });
}

function matchValue(matcher: unknown, v: Leaf): boolean {
  if (!isObject(matcher)) return matcher === v;
  const [op] = Object.keys(matcher) as [string];
  const arg = matcher[op];
  switch (op) {
    case 'prefix':
      return typeof v === 'string' && (typeof arg === 'string' ? v.startsWith(arg) : lower(v).startsWith(lower(ignoreCase(arg))));
    case 'suffix':
      return typeof v === 'string' && (typeof arg === 'string' ? v.endsWith(arg) : lower(v).endsWith(lower(ignoreCase(arg))));
    case 'equals-ignore-case':
      return typeof v === 'string' && lower(v) === lower(arg as string);
    case 'wildcard':
      return typeof v === 'string' && wildcardRegExp(arg as string).test(v);
    case 'numeric':
      return typeof v === 'number' && numericMatch(arg as (string | number)[], v);
    case 'cidr':
      return typeof v === 'string' && cidrMatch(arg as string, v);
    case 'anything-but':
      return anythingBut(arg, v);
    default:
      return false;
  }
}

const lower = (s: string) => s.toLowerCase();
const ignoreCase = (arg: unknown) => (arg as { 'equals-ignore-case': string })['equals-ignore-case'];

function anythingBut(arg: unknown, v: Leaf): boolean {
  if (Array.isArray(arg)) return !arg.some((x) => x === v);
  if (!isObject(arg)) return arg !== v;
  const [op] = Object.keys(arg) as [string];
  const inner = arg[op];
  if (typeof v !== 'string') return true; // string-only conditions never exclude a number, boolean or null
  const list = Array.isArray(inner) ? (inner as string[]) : [inner as string];
  switch (op) {
    case 'prefix':
      return !v.startsWith(inner as string);
    case 'suffix':
      return !v.endsWith(inner as string);
    case 'equals-ignore-case':
      return !list.some((x) => lower(x) === lower(v));
    case 'wildcard':
      return !list.some((x) => wildcardRegExp(x).test(v));
    default:
      return false;
  }
}

function numericMatch(spec: (string | number)[], v: number): boolean {
  for (let i = 0; i < spec.length; i += 2) {
    const bound = spec[i + 1] as number;
    const ok = { '<': v < bound, '<=': v <= bound, '=': v === bound, '>': v > bound, '>=': v >= bound }[spec[i] as string];
    if (!ok) return false;
  }
  return true;
}

const wildcardCache = new Map<string, RegExp>();

/** `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash. */
function wildcardRegExp(wildcard: string): RegExp {
  let re = wildcardCache.get(wildcard);
  if (re) return re;
  let source = '';
  for (let i = 0; i < wildcard.length; i++) {
    const ch = wildcard[i]!;
    if (ch === '\\' && (wildcard[i + 1] === '*' || wildcard[i + 1] === '\\')) {
      source += `\\${wildcard[++i]}`;
    } else if (ch === '*') {
      source += '.*';
    } else {
      source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
  }
  re = new RegExp(`^${source}$`, 's');
  wildcardCache.set(wildcard, re);
  return re;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function parseIpv4Cidr(cidr: string): { base: number; bits: number } | undefined {
  const [addr, bitsText] = cidr.split('/');
  const base = addr === undefined ? undefined : ipv4(addr);
  const bits = Number(bitsText);
  if (base === undefined || !/^\d{1,2}$/.test(bitsText ?? '') || bits > 32) return undefined;
  return { base, bits };
}

function cidrMatch(cidr: string, v: string): boolean {
  const block = parseIpv4Cidr(cidr);
  const addr = ipv4(v);
  if (!block || addr === undefined) return false;
  const size = 2 ** (32 - block.bits);
  return Math.floor(addr / size) === Math.floor(block.base / size);
}
