/**
 * A rule target's InputPath: the part of the matched event the target receives instead of
 * the whole event (`$.detail` — what Anxin's insurer and webhook queues use, so their
 * message body is the CloudEvent itself). Pure.
 *
 * Locally supported: `$` and dotted member paths (`$.detail`, `$.detail.data.claimId`),
 * member names of letters, digits, `_` and `-`. Bracket notation, wildcards, filters and
 * array indexes are refused when the template is read, naming the rule — not guessed.
 * The selected value is delivered as its JSON text. A path that selects nothing delivers
 * nothing (the delivery is dropped with a log line) rather than an empty or `null` message.
 */

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** The member names of a supported path (`[]` for `$`), or undefined when it is not supported locally. */
export function parseInputPath(path: string): string[] | undefined {
  if (path === '$') return [];
  if (!path.startsWith('$.')) return undefined;
  const segments = path.slice(2).split('.');
  return segments.every((s) => SEGMENT.test(s)) ? segments : undefined;
}

/** The value at `path` in `event`; undefined when the path selects nothing. */
export function selectInputPath(event: unknown, path: string): unknown {
  const segments = parseInputPath(path);
  if (!segments) throw new Error(`InputPath ${path} is not supported locally`);
  let value: unknown = event;
  for (const name of segments) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}
