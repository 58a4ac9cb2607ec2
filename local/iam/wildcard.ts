/**
 * IAM's wildcards: `*` (any run of characters) and `?` (one character), in actions and in
 * resource ARNs. Actions match case-insensitively, ARNs case-sensitively. An ARN pattern is
 * matched segment by segment (partition, service, region, account, resource), as IAM
 * compares ARNs, so a `*` in the region does not swallow the account; the resource part
 * (`table/x/index/*`) is one segment, where `*` spans slashes.
 */

/** True when a value is matched; `not` patterns (NotAction, NotResource) are inverted. */
export type Matcher = (value: string) => boolean;

function globRegExp(pattern: string, flags: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}

export function compileActionPattern(patterns: string[], not: boolean): Matcher {
  const res = patterns.map((p) => globRegExp(p, 'i'));
  return (action) => res.some((re) => re.test(action)) !== not;
}

/** `arn:partition:service:region:account:resource` → its six segments (the resource keeps its colons). */
export function arnSegments(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function arnMatcher(pattern: string): Matcher {
  if (pattern === '*') return () => true;
  const segments = arnSegments(pattern);
  // Not an ARN (a typo, or a name where an ARN belongs): matches only itself, as in IAM.
  if (!segments) return (value) => value === pattern;
  const res = segments.map((s) => globRegExp(s, ''));
  return (value) => {
    const got = arnSegments(value);
    return got !== undefined && res.every((re, i) => re.test(got[i]!));
  };
}

export function compileArnPattern(patterns: string[], not: boolean): Matcher {
  const matchers = patterns.map(arnMatcher);
  return (arn) => matchers.some((m) => m(arn)) !== not;
}

/** String conditions (StringLike): the whole value, `*` and `?` spanning anything. */
export function stringLike(pattern: string): Matcher {
  const re = globRegExp(pattern, '');
  return (value) => re.test(value);
}

/** ArnLike conditions: the same segment-wise match as Resource. */
export const arnLike = (pattern: string): Matcher => arnMatcher(pattern);
