/**
 * local/eventbridge/pattern.ts: EventBridge event-pattern matching and validation, table
 * by table, following the user guide's examples (content filtering, comparison operators,
 * null and empty values, arrays, $or).
 */
import { describe, expect, it } from 'vitest';
import { InvalidEventPatternError, matchesPattern, parseEventPattern } from '../../local/eventbridge/pattern';
import { thrownBy } from '../support/thrown';

/** An EventBridge event envelope around a CloudEvent-like detail. */
const EVENT = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'cn.anxin.order.checked-in.v1',
  source: '/anxin/dev/orders',
  account: '000000000000',
  time: '2026-12-01T01:02:03Z',
  region: 'us-east-1',
  resources: ['arn:aws:s3:::a', 'arn:aws:s3:::b'],
  detail: {
    specversion: '1.0',
    type: 'cn.anxin.order.checked-in.v1',
    anxintenant: 'ten_A',
    anxintraceseq: 4,
    empty: '',
    nothing: null,
    flag: true,
    ip: '10.0.0.42',
    file: 'photos/2026/lib/img.PNG',
    tags: ['live_in', 'nanny'],
    scores: [3, 5],
    items: [
      { kind: 'a', qty: 1 },
      { kind: 'b', qty: 7 },
    ],
    data: { orderId: 'ord_1', status: 'IN_SERVICE', previousStatus: 'CONFIRMED', version: 4, price: { amountFen: 15000 } },
  },
};

type Row = [name: string, pattern: Record<string, unknown>, expected: boolean];

const ROWS: Row[] = [
  // exact values, arrays as OR, AND across fields
  ['exact source', { source: ['/anxin/dev/orders'] }, true],
  ['exact source, other value', { source: ['/anxin/prod/orders'] }, false],
  ['array is OR', { source: ['x', '/anxin/dev/orders'] }, true],
  ['fields are AND (one fails)', { source: ['/anxin/dev/orders'], 'detail-type': ['nope'] }, false],
  ['empty pattern matches everything', {}, true],
  ['nested detail field', { detail: { data: { status: ['IN_SERVICE'] } } }, true],
  ['deeply nested number', { detail: { data: { price: { amountFen: [15000] } } } }, true],
  ['missing field does not match a value', { detail: { data: { workerId: ['w1'] } } }, false],
  ['missing parent does not match a value', { detail: { absent: { x: ['y'] } } }, false],
  ['matching is case-sensitive', { source: ['/ANXIN/dev/orders'] }, false],
  ['numbers are not strings', { detail: { anxintraceseq: ['4'] } }, false],
  ['numbers match by value', { detail: { anxintraceseq: [4.0] } }, true],
  ['booleans', { detail: { flag: [true] } }, true],
  ['booleans (false)', { detail: { flag: [false] } }, false],
  ['null matches null', { detail: { nothing: [null] } }, true],
  ['empty string matches empty string', { detail: { empty: [''] } }, true],
  ['null is not the empty string', { detail: { nothing: [''] } }, false],
  ['the empty string is not null', { detail: { empty: [null] } }, false],
  ['an object value is not a leaf', { detail: { data: ['x'] } }, false],
  // event arrays
  ['event array: any element', { resources: ['arn:aws:s3:::b'] }, true],
  ['event array: none', { resources: ['arn:aws:s3:::c'] }, false],
  ['event array of numbers', { detail: { scores: [5] } }, true],
  ['array of objects: one element has it', { detail: { items: { kind: ['b'] } } }, true],
  ['array of objects: conditions met by one element', { detail: { items: { kind: ['b'], qty: [7] } } }, true],
  ['array of objects: conditions split across elements', { detail: { items: { kind: ['a'], qty: [7] } } }, false],
  // prefix / suffix / equals-ignore-case / wildcard
  ['prefix', { 'detail-type': [{ prefix: 'cn.anxin.order.' }] }, true],
  ['prefix, no', { 'detail-type': [{ prefix: 'cn.anxin.claim.' }] }, false],
  ['prefix does not apply to numbers', { detail: { anxintraceseq: [{ prefix: '4' }] } }, false],
  ['prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': '/ANXIN/' } }] }, true],
  ['suffix', { 'detail-type': [{ suffix: '.v1' }] }, true],
  ['suffix, no', { 'detail-type': [{ suffix: '.v2' }] }, false],
  ['suffix ignoring case', { detail: { file: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, true],
  ['equals-ignore-case', { detail: { anxintenant: [{ 'equals-ignore-case': 'TEN_a' }] } }, true],
  ['wildcard', { detail: { file: [{ wildcard: 'photos/*/lib/*' }] } }, true],
  ['wildcard, no', { detail: { file: [{ wildcard: 'videos/*' }] } }, false],
  ['wildcard without star is exact', { detail: { anxintenant: [{ wildcard: 'ten_A' }] } }, true],
  ['wildcard escaped star is literal', { detail: { anxintenant: [{ wildcard: 'ten\\*' }] } }, false],
  // anything-but
  ['anything-but a string', { detail: { data: { status: [{ 'anything-but': 'CANCELLED' }] } } }, true],
  ['anything-but the value itself', { detail: { data: { status: [{ 'anything-but': 'IN_SERVICE' }] } } }, false],
  ['anything-but a list', { detail: { data: { status: [{ 'anything-but': ['CANCELLED', 'IN_SERVICE'] }] } } }, false],
  ['anything-but a number', { detail: { anxintraceseq: [{ 'anything-but': 3 }] } }, true],
  ['anything-but numbers', { detail: { anxintraceseq: [{ 'anything-but': [3, 4] }] } }, false],
  ['anything-but prefix', { source: [{ 'anything-but': { prefix: '/anxin/prod/' } }] }, true],
  ['anything-but prefix, excluded', { source: [{ 'anything-but': { prefix: '/anxin/' } }] }, false],
  ['anything-but suffix, excluded', { 'detail-type': [{ 'anything-but': { suffix: '.v1' } }] }, false],
  ['anything-but ignoring case, excluded', { detail: { anxintenant: [{ 'anything-but': { 'equals-ignore-case': ['TEN_A'] } }] } }, false],
  ['anything-but wildcard, excluded', { detail: { file: [{ 'anything-but': { wildcard: '*/lib/*' } }] } }, false],
  ['anything-but does not match a missing field', { detail: { absent: [{ 'anything-but': 'x' }] } }, false],
  ['anything-but on an array: some element differs', { detail: { tags: [{ 'anything-but': 'nanny' }] } }, true],
  // numeric
  ['numeric range', { detail: { anxintraceseq: [{ numeric: ['>', 0, '<=', 5] }] } }, true],
  ['numeric range, outside', { detail: { anxintraceseq: [{ numeric: ['>', 4] }] } }, false],
  ['numeric =', { detail: { data: { price: { amountFen: [{ numeric: ['=', 15000] }] } } } }, true],
  ['numeric >= and <', { detail: { data: { version: [{ numeric: ['>=', 4, '<', 5] }] } } }, true],
  ['numeric does not apply to strings', { detail: { anxintenant: [{ numeric: ['>', 0] }] } }, false],
  ['numeric on an array', { detail: { scores: [{ numeric: ['>', 4] }] } }, true],
  // exists
  ['exists true', { detail: { anxintenant: [{ exists: true }] } }, true],
  ['exists true, missing', { detail: { absent: [{ exists: true }] } }, false],
  ['exists false, missing', { detail: { absent: [{ exists: false }] } }, true],
  ['exists false, present', { detail: { anxintenant: [{ exists: false }] } }, false],
  ['exists false, missing parent', { detail: { absent: { x: [{ exists: false }] } } }, true],
  ['exists true on null (a value)', { detail: { nothing: [{ exists: true }] } }, true],
  ['exists true on an object (not a leaf)', { detail: { data: [{ exists: true }] } }, false],
  ['exists OR value', { detail: { absent: [{ exists: false }, 'x'] } }, true],
  // cidr
  ['cidr', { detail: { ip: [{ cidr: '10.0.0.0/24' }] } }, true],
  ['cidr, outside', { detail: { ip: [{ cidr: '10.0.1.0/24' }] } }, false],
  // $or
  ['$or: second branch', { detail: { $or: [{ anxintenant: ['ten_B'] }, { anxintraceseq: [4] }] } }, true],
  ['$or: no branch', { detail: { $or: [{ anxintenant: ['ten_B'] }, { anxintraceseq: [5] }] } }, false],
  ['$or with sibling fields (AND)', { source: ['nope'], $or: [{ 'detail-type': [{ prefix: 'cn.' }] }, { region: ['x'] }] }, false],
  ['$or at the top level', { $or: [{ source: ['nope'] }, { detail: { data: { status: ['IN_SERVICE'] } } }] }, true],
  // a realistic Anxin rule: this tenant's check-ins
  [
    'tenant check-ins',
    { source: [{ prefix: '/anxin/' }], 'detail-type': ['cn.anxin.order.checked-in.v1'], detail: { anxintenant: ['ten_A'] } },
    true,
  ],
];

describe('event pattern matching', () => {
  it.each(ROWS)('%s', (_name, pattern, expected) => {
    expect(matchesPattern(parseEventPattern(pattern), EVENT)).toBe(expected);
  });

  it('parses a pattern given as JSON text (as CloudFormation and PutRule pass it)', () => {
    expect(matchesPattern(parseEventPattern(JSON.stringify({ source: ['/anxin/dev/orders'] })), EVENT)).toBe(true);
  });
});

const INVALID: [name: string, pattern: unknown, reason: RegExp][] = [
  ['not JSON', '{source: [', /not valid JSON/],
  ['not an object', '["a"]', /not an object/],
  ['a scalar value', { source: 'x' }, /must be an object or an array/],
  ['an empty array', { source: [] }, /Empty arrays/],
  ['an empty nested object', { detail: {} }, /Empty objects/],
  ['an unknown operator', { source: [{ contains: 'x' }] }, /Unrecognized match type/],
  ['two operators in one matcher', { source: [{ prefix: 'a', suffix: 'b' }] }, /Unrecognized match type/],
  ['prefix of a number', { source: [{ prefix: 1 }] }, /prefix match/],
  ['exists not boolean', { source: [{ exists: 'yes' }] }, /exists match/],
  ['numeric with a bad operator', { n: [{ numeric: ['>>', 1] }] }, /unknown operator/],
  ['numeric with a string bound', { n: [{ numeric: ['>', '1'] }] }, /not a number/],
  ['numeric with two lower bounds', { n: [{ numeric: ['>', 1, '>=', 2] }] }, /lower and an upper bound/],
  ['anything-but of mixed types', { s: [{ 'anything-but': ['a', 1] }] }, /only strings or only numbers/],
  ['anything-but of an unknown operator', { s: [{ 'anything-but': { numeric: ['>', 1] } }] }, /anything-but match/],
  ['wildcard with consecutive stars', { s: [{ wildcard: 'a**b' }] }, /consecutive wildcard/],
  ['IPv6 cidr', { ip: [{ cidr: '2001:db8::/32' }] }, /IPv4 CIDR/],
  ['$or with one branch', { $or: [{ a: ['x'] }] }, /"\$or"/],
];

describe('event pattern validation', () => {
  it.each(INVALID)('refuses %s', (_name, pattern, reason) => {
    const error = thrownBy(() => parseEventPattern(pattern));
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect((error as Error).message).toMatch(/^Event pattern is not valid\. Reason: /);
    expect((error as Error).message).toMatch(reason);
  });
});
