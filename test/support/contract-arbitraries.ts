/**
 * fast-check arbitraries for the contract fuzz, from the JSON Schemas of docs/openapi.json:
 * values valid by a schema (`validValue`), strings and JSON a careless or hostile client
 * sends (`hostileString`, `hostileJson`), a valid body with one thing broken (`brokenBody`),
 * and made-up list cursors. Sizes stay small so a few thousand requests run in seconds.
 */
import fc from 'fast-check';
import { resolve, type JsonSchema } from './contract-document';

const MAX_DEPTH = 6;

/** Days and instants around now: far enough to cover past, present and future rules. */
const day = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true });
const isoDay = day.map((d) => d.toISOString().slice(0, 10));
const isoInstant = fc.tuple(day, fc.constantFrom('Z', '+08:00', '-05:00')).map(([d, zone]) => (zone === 'Z' ? d.toISOString() : d.toISOString().replace('Z', zone)));

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const pattern = schema.pattern as string | undefined;
  if (schema.format === 'date' || pattern?.includes('-02-29)$')) return isoDay;
  if (schema.format === 'date-time' || pattern?.includes('-02-29|')) return isoInstant;
  if (pattern) return fc.stringMatching(new RegExp(pattern, 'u'));
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 24, Math.max(minLength, 24));
  return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ minLength, maxLength, unit: 'grapheme' }));
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusive = schema.exclusiveMinimum as number | undefined;
  const min = (schema.minimum as number | undefined) ?? (exclusive !== undefined ? exclusive + (integer ? 1 : 0.01) : integer ? -10 : -10);
  const max = Math.max(min, (schema.maximum as number | undefined) ?? (integer ? 1_000_000 : 1_000_000));
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A value the schema accepts (best effort where keywords are rare: `propertyNames`, length with a pattern). */
export function validValue(raw: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return fc.oneof(...branches.map((b) => validValue(b, depth + 1)));
  const type = schema.type;
  if (Array.isArray(type)) return fc.oneof(...type.map((t) => validValue({ ...schema, type: t }, depth)));
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.min((schema.maxItems as number | undefined) ?? 3, minLength + 3);
      if (depth > MAX_DEPTH) return fc.constant([]);
      return fc.array(validValue((schema.items as JsonSchema | undefined) ?? {}, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
        const key = schema.propertyNames ? stringOf(resolve(schema.propertyNames as JsonSchema)) : fc.string({ minLength: 1, maxLength: 8 });
        return fc.dictionary(key, validValue(schema.additionalProperties as JsonSchema, depth + 1), { maxKeys: 3 });
      }
      if (depth > MAX_DEPTH) return fc.constant({});
      const arbitraries = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, validValue(s, depth + 1)]));
      return fc.record(arbitraries, { requiredKeys: required.filter((r) => r in properties) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Text that has broken services before: separators, encodings, lone surrogates, control and format characters, sizes. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '/',
  '%2F',
  'a/b',
  'a%2Fb',
  '../../etc/passwd',
  '.',
  '\u0000',
  '\u0007bell',
  '\ud800',
  '\udfff',
  'a\ud800b',
  '\ud83d\ude00',
  '\u202eevil',
  'e\u0301',
  '\ufeff',
  '天河区',
  '𠀀𠀁',
  "' OR '1'='1",
  '${jndi:ldap://x}',
  '<script>alert(1)</script>',
  'null',
  'undefined',
  '-1',
  '0',
  '1e309',
  'NaN',
  '{}',
  '[]',
  'T#ten_01J0000000000000000000000A#ORDER',
  'ord_01J0000000000000000000000A',
  'ord_01J0000000000000000000000a',
  'ord_01J0000000000000000000000A/trace',
  'x'.repeat(300),
  'x'.repeat(5000),
  '啊'.repeat(2000),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => 'y'.repeat(n)) },
);

/** Nesting deeper than any schema allows (the deepest that fit the 16 KiB limit: `DEEPEST_BODIES`). */
export const deepNesting = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
export const deepObject = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
/** The most deeply nested JSON bodies within 16 KiB: arrays 8 192 deep, objects 2 730 deep. */
export const DEEPEST_BODIES: readonly string[] = [deepNesting(8192), deepObject(2730)];

/** JSON of the wrong shape: any value, a scalar where an object belongs, deep nesting. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, 0, -1, 1e308, true, 'string', [], [{}], {}),
  fc.dictionary(fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 8 })), fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.jsonValue({ maxDepth: 1 })), { maxKeys: 4 }),
);

/** A raw body (already text): JSON or not, at or over the size limit, nested too deep. */
export const hostileRawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'not json', '{', '{"a":1,}', "{'a':1}", 'null', '\ud800', '{"a":"\\ud800"}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}'),
  // Deep, not deepest: how deep a handler's stack already is varies, so the deepest bodies are sent to every operation by a test of their own.
  fc.constantFrom(deepNesting(100), deepObject(100), deepNesting(1000)),
  fc.integer({ min: 16 * 1024 - 16, max: 40_000 }).map((n) => JSON.stringify({ big: 'z'.repeat(n) })),
);

type Mutation = 'extra-field' | 'drop-field' | 'wrong-type' | 'hostile-text' | 'duplicate-key-case';

/** Every [parent, key] of a JSON value, depth first. */
function slots(value: unknown, out: [Record<string, unknown> | unknown[], string | number][] = []): typeof out {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([value, i]), slots(v, out)));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([value as Record<string, unknown>, k]), slots(v, out);
  return out;
}

/** A body valid by `schema` with one thing broken: a field added, dropped, of the wrong type or hostile text. */
export function brokenBody(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc
    .tuple(validValue(schema), fc.constantFrom<Mutation>('extra-field', 'drop-field', 'wrong-type', 'hostile-text', 'duplicate-key-case'), fc.nat(), hostileString, hostileJson)
    .map(([valid, mutation, n, text, json]) => {
      const value = structuredClone(valid);
      const all = slots(value);
      if (mutation === 'extra-field') {
        const objects = [value, ...all.map(([p, k]) => (p as Record<string | number, unknown>)[k])].filter((v) => v && typeof v === 'object' && !Array.isArray(v)) as Record<string, unknown>[];
        const target = objects[n % Math.max(objects.length, 1)];
        if (target) target[text || 'extra'] = json;
        return value;
      }
      if (all.length === 0) return mutation === 'wrong-type' ? json : text;
      const [parent, key] = all[n % all.length]!;
      if (mutation === 'drop-field' && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
      else if (mutation === 'duplicate-key-case' && !Array.isArray(parent)) (parent as Record<string, unknown>)[String(key).toUpperCase() + '\u0301'] = (parent as Record<string, unknown>)[key as string];
      else (parent as Record<string | number, unknown>)[key] = mutation === 'wrong-type' ? json : text;
      return value;
    });
}

/** Cursors a client could make up: the issued shape with a wrong MAC, base64 of a key, padding, separators. */
export const forgedCursor: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '.', 'a.b', 'x'.repeat(2000), '%00', '\ud800.\udfff', 'eyJwayI6IlQjeCIsInNrIjoiMSJ9', 'eyJwayI6IlQjeCIsInNrIjoiMSJ9.AAAAAAAAAAAAAAAAAAAAAA'),
  fc.tuple(fc.base64String({ maxLength: 64 }), fc.base64String({ minLength: 20, maxLength: 24 })).map(([a, b]) => `${a.replace(/=+$/, '')}.${b.replace(/=+$/, '')}`),
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
);

/** Idempotency-Key values: valid ones mostly, then too short, too long, non-ASCII, with control characters. */
export const idempotencyKey: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{8,40}$/) },
  { weight: 2, arbitrary: fc.constantFrom(undefined, '', 'short', 'k'.repeat(129), 'key with spaces ok', '密钥密钥密钥密钥', 'key\u0000key-1', '\ud800\ud800\ud800\ud800\ud800\ud800\ud800\ud800') },
);

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(undefined, '', 'text/plain', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/merge-patch+json', 'application/jsonx', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'),
  },
);
