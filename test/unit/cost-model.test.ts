/**
 * The bench's cost model (local/metering + bench/cost/pricing.ts): every counting rule
 * checked against numbers worked out by hand below, so a change to a rule or a price shows
 * up here instead of silently moving the figures in the README.
 */
import { describe, expect, it } from 'vitest';
import { FLOOR_TARGET_RATIO, floorVerdict, loadPrices, priceUsage, shapeFloor, type Prices } from '../../bench/cost/pricing';
import {
  accessLogLineBytes,
  billedEvents,
  billedMilliseconds,
  billedSqsRequests,
  chargeItemReads,
  chargePageRead,
  chargeWrite,
  emptyUsage,
  gigabyteSeconds,
  itemSize,
  messagePayloadBytes,
  numberSize,
  putEventsEntryBytes,
  readUnitsFor,
  writeUnitsFor,
  type TableShape,
  type WireItem,
} from '../../local/metering';

const s = (text: string) => ({ S: text });
const n = (text: string) => ({ N: text });
/** A string attribute value of exactly `bytes` ASCII bytes. */
const pad = (bytes: number) => s('x'.repeat(bytes));

describe('item size (AWS "DynamoDB item sizes and formats")', () => {
  it('strings count the UTF-8 bytes of name and value', () => {
    expect(itemSize({ name: s('Anxin') })).toBe(4 + 5);
    // 天河区: 3 characters, 9 bytes in UTF-8.
    expect(itemSize({ d: s('天河区') })).toBe(1 + 9);
  });

  it('numbers count 1 byte per two significant digits plus 1, zeroes trimmed', () => {
    expect(numberSize('123.450')).toBe(4); // 12345: 5 digits → 3 + 1
    expect(numberSize('0.0012')).toBe(2); // 12 → 1 + 1
    expect(numberSize('-1000')).toBe(2); // 1 → 1 + 1
    expect(numberSize('15000')).toBe(2);
    expect(itemSize({ version: n('7') })).toBe(7 + 2);
  });

  it('binary counts raw bytes, not base64; booleans and nulls 1 byte', () => {
    expect(itemSize({ b: { B: Buffer.alloc(10).toString('base64') } })).toBe(1 + 10);
    expect(itemSize({ ok: { BOOL: true } })).toBe(2 + 1);
    expect(itemSize({ x: { NULL: true } })).toBe(1 + 1);
  });

  it('maps and lists: 3 bytes overhead plus 1 byte per element, map keys counted', () => {
    // price: 5 + 3 + (amountFen 9 + number 2 + 1) + (currency 8 + CNY 3 + 1) = 32
    expect(itemSize({ price: { M: { amountFen: n('15000'), currency: s('CNY') } } })).toBe(32);
    // tags: 4 + 3 + (1 + 1) + (2 + 1) = 12
    expect(itemSize({ tags: { L: [s('a'), s('bc')] } })).toBe(12);
    expect(itemSize({ e: { M: {} } })).toBe(1 + 3);
  });

  it('sets: the sum of their members', () => {
    expect(itemSize({ ss: { SS: ['a', 'bc'] } })).toBe(2 + 3);
    expect(itemSize({ ns: { NS: ['1', '22', '333'] } })).toBe(2 + 2 + 2 + 3);
  });
});

describe('request units', () => {
  it('writes: 1 WRU per started KB, at least 1', () => {
    expect([0, 1, 1024, 1025, 3000].map(writeUnitsFor)).toEqual([1, 1, 1, 2, 3]);
  });

  it('reads: 1 RRU per started 4 KB strongly consistent, half eventually consistent, double transactional', () => {
    expect(readUnitsFor(4096, 'strong')).toBe(1);
    expect(readUnitsFor(4097, 'strong')).toBe(2);
    expect(readUnitsFor(4097, 'eventual')).toBe(1);
    expect(readUnitsFor(100, 'eventual')).toBe(0.5);
    expect(readUnitsFor(100, 'transactional')).toBe(2);
  });

  it('GetItem rounds each item; Query rounds the sum of the items read', () => {
    const item = (bytes: number): WireItem => ({ pk: s('p'), sk: s('s'), body: pad(bytes - 10) }); // pk 2+1, sk 2+1, body 4 + value
    const three = [item(1500), item(1500), item(1500)];
    expect(itemSize(three[0])).toBe(1500);
    expect(chargeItemReads(three, 'strong')).toBe(3); // 3 × ceil(1500 / 4096)
    expect(chargePageRead(three, 'eventual')).toBe(1); // ceil(4500 / 4096) = 2, × ½
    expect(chargeItemReads([undefined], 'eventual')).toBe(0.5); // an item not found still costs the minimum
  });
});

describe('write charges with secondary indexes', () => {
  const table: TableShape = {
    name: 't',
    hashKey: 'pk',
    rangeKey: 'sk',
    indexes: [
      { name: 'all', hashKey: 'g1pk', rangeKey: 'g1sk', projection: 'ALL' },
      { name: 'keys', hashKey: 'g2pk', rangeKey: 'g2sk', projection: 'KEYS_ONLY' },
      { name: 'sparse', hashKey: 'g3pk', projection: 'ALL' },
    ],
  };
  const order = (status: string, note = 'a'): WireItem => ({
    pk: s('T#1#ORDER#o1'),
    sk: s('ORDER'),
    status: s(status),
    note: s(note),
    g1pk: s('T#1#ORDERS'),
    g1sk: s('2026-11-26#o1'),
    g2pk: s(`T#1#ORDERS#${status}`),
    g2sk: s('2026-11-26#o1'),
  });

  it('a new item writes the table once and every index whose keys it has (sparse index skipped)', () => {
    expect(chargeWrite(table, undefined, order('CREATED'), { transactional: false, succeeded: true })).toEqual({ table: 1, indexes: { all: 1, keys: 1 }, underOneKb: 3 });
  });

  it('transactions double the table units, not the index units', () => {
    const big = { ...order('CREATED'), body: pad(1400) }; // > 1 KB, < 2 KB
    expect(chargeWrite(table, undefined, big, { transactional: true, succeeded: true })).toEqual({ table: 4, indexes: { all: 2, keys: 1 }, underOneKb: 4 });
  });

  it('under 1 KB: the same writes counted at one unit per item and index entry (the write pattern, whatever the sizes)', () => {
    const big = { ...order('CREATED'), body: pad(3000) }; // 3 KB: 3 units per write
    const charge = chargeWrite(table, order('CREATED'), { ...big, status: s('ASSIGNED'), g2pk: s('T#1#ORDERS#ASSIGNED') }, { transactional: true, succeeded: true });
    // table 4 KB-rounded units ×2; ALL index 4 (same key, projected change); KEYS_ONLY delete 1 + put 1
    expect(charge).toEqual({ table: 8, indexes: { all: 4, keys: 2 }, underOneKb: 2 + 1 + 2 });
  });

  it('an index key that changes costs two index writes (delete + put); an unchanged key with changed projected attributes one', () => {
    expect(chargeWrite(table, order('CREATED'), order('ASSIGNED'), { transactional: false, succeeded: true })).toEqual({
      table: 1,
      indexes: { all: 1, keys: 2 },
      underOneKb: 4,
    });
    // Only `note` changes: the ALL index rewrites its entry, the KEYS_ONLY index does not.
    expect(chargeWrite(table, order('CREATED'), order('CREATED', 'b'), { transactional: false, succeeded: true })).toEqual({ table: 1, indexes: { all: 1 }, underOneKb: 2 });
  });

  it('a delete removes the index entries; a failed condition is charged on the table only', () => {
    expect(chargeWrite(table, order('CREATED'), undefined, { transactional: false, succeeded: true })).toEqual({ table: 1, indexes: { all: 1, keys: 1 }, underOneKb: 3 });
    expect(chargeWrite(table, order('CREATED'), order('CREATED'), { transactional: true, succeeded: false })).toEqual({ table: 2, indexes: {}, underOneKb: 2 });
  });
});

describe('SQS and Lambda billing units', () => {
  it('SQS bills every 64 KB chunk of payload as one request, at least one', () => {
    expect([0, 1, 65_536, 65_537, 256 * 1024].map(billedSqsRequests)).toEqual([1, 1, 1, 2, 4]);
    // Body + attribute name + type + value.
    expect(messagePayloadBytes({ MessageBody: 'hello', MessageAttributes: { k: { DataType: 'String', StringValue: 'vv' } } })).toBe(5 + 1 + 6 + 2);
  });

  it('Lambda rounds duration up to the next millisecond and bills GB-s at the configured memory', () => {
    expect([0.2, 12, 12.01].map(billedMilliseconds)).toEqual([1, 12, 13]);
    expect(gigabyteSeconds(256, 13)).toBeCloseTo(0.25 * 0.013, 12);
  });

  it('EventBridge bills every 64 KB chunk of a PutEvents entry as one event', () => {
    // Time 14 + Source 10 + DetailType 13 + Detail 2 + one resource 3
    expect(putEventsEntryBytes({ Time: new Date(), Source: 'anxin.test', DetailType: 'order.created', Detail: '{}', Resources: ['arn'] })).toBe(42);
    expect([1, 65_536, 65_537].map(billedEvents)).toEqual([1, 1, 2]);
  });

  it('access-log lines are rendered from the stage format', () => {
    const bytes = accessLogLineBytes('{"status":"$context.status","route":"$context.routeKey","x":"$context.unknown"}', {
      method: 'POST',
      routeKey: 'POST /v1/orders',
      status: 202,
      responseBytes: 100,
      latencyMs: 20,
    });
    expect(bytes).toBe(Buffer.byteLength('{"status":"202","route":"POST /v1/orders","x":"-"}\n'));
  });
});

describe('pricing (hand-computed example)', () => {
  // The list prices of bench/prices.us-east-1.json as of its asOf date, written out so the
  // arithmetic below can be checked by hand.
  const prices: Prices = {
    asOf: '2026-11-26',
    region: 'us-east-1',
    httpApi: { perMillionRequests: 1.0 },
    lambda: { perMillionRequests: 0.2, perGbSecond: { arm64: 0.0000133334, x86_64: 0.0000166667 } },
    sqs: { perMillionRequests: { fifo: 0.5, standard: 0.4 } },
    dynamodb: { perMillionWriteRequestUnits: 0.625, perMillionReadRequestUnits: 0.125 },
    cloudwatchLogs: { perGbIngested: 0.5 },
    eventbridge: { perMillionCustomEvents: 1.0 },
    kms: { perTenThousandRequests: 0.03 },
    xray: { perMillionTracesRecorded: 5 },
  };

  it('prices 1,000 creates line by line', () => {
    const usage = emptyUsage();
    usage.http.requests['POST /v1/orders'] = 1_000;
    usage.http.accessLogBytes = 36_870_912;
    usage.lambda.create = {
      memoryMb: 256,
      architecture: 'arm64',
      invocations: 1_000,
      coldStarts: 0,
      billedMs: 20_000,
      gbSeconds: 5, // 1,000 × 20 ms × 0.25 GB
      durationsMs: [],
      functionLogBytes: 400_000_000,
      platformLogBytes: 100_000_000,
    };
    usage.sqs.billedFifo = { SendMessage: 1_000, ReceiveMessage: 120, DeleteMessageBatch: 100 };
    usage.dynamodb.tableWru = { PutItem: 1_000, TransactWriteItems: 6_000 };
    usage.dynamodb.indexWru = { gsi1: 1_000, gsi2: 1_000, gsi4: 1_000, gsi5: 1_000 };
    usage.dynamodb.rru = { GetItem: 1_500 };
    usage.eventbridge.events = 1_000;
    usage.kms.calls = { Decrypt: 2_000 };

    const { lines, totalUsd } = priceUsage(usage, prices);
    const byService = Object.fromEntries(lines.map((l) => [l.service, l]));
    expect(byService['API Gateway HTTP API']!.usd).toBeCloseTo(0.001, 12); // 1,000 / 1e6 × $1.00
    expect(byService['Lambda requests']!.usd).toBeCloseTo(0.0002, 12); // 1,000 / 1e6 × $0.20
    expect(byService['Lambda duration']!.usd).toBeCloseTo(0.000066667, 12); // 5 GB-s × $0.0000133334
    expect(byService['SQS requests']!.usd).toBeCloseTo(0.00061, 12); // 1,220 / 1e6 × $0.50
    expect(byService['DynamoDB writes']!.usd).toBeCloseTo(0.006875, 12); // 11,000 WRU / 1e6 × $0.625
    expect(byService['DynamoDB reads']!.usd).toBeCloseTo(0.0001875, 12); // 1,500 RRU / 1e6 × $0.125
    expect(byService['EventBridge custom events']!.usd).toBeCloseTo(0.001, 12); // 1,000 / 1e6 × $1.00
    expect(byService['KMS requests']!.usd).toBeCloseTo(0.006, 12); // 2,000 / 10,000 × $0.03
    expect(byService['CloudWatch Logs']!.quantity).toBe(536_870_912); // 0.5 GB (1024³ bytes)
    expect(byService['CloudWatch Logs']!.usd).toBeCloseTo(0.25, 12);
    // 0.001 + 0.0002 + 0.000066667 + 0.00061 + 0.006875 + 0.0001875 + 0.001 + 0.006 + 0.25
    expect(totalUsd).toBeCloseTo(0.265939167, 9);
  });

  it("a shape's floor: its requests as counted plus its writes as if every item were under 1 KB", () => {
    const usage = emptyUsage();
    usage.http.requests['POST /v1/orders'] = 1_000;
    usage.lambda.create = { memoryMb: 256, architecture: 'arm64', invocations: 1_300, coldStarts: 0, billedMs: 99_000, gbSeconds: 24.75, durationsMs: [], functionLogBytes: 9e8, platformLogBytes: 0 };
    usage.sqs.billedFifo = { SendMessage: 1_000, ReceiveMessage: 300, DeleteMessageBatch: 300 };
    usage.dynamodb.tableWru = { PutItem: 1_000, TransactWriteItems: 12_000 };
    usage.dynamodb.wruUnderOneKb = 11_000;
    usage.dynamodb.rru = { GetItem: 5_000 };
    usage.eventbridge.events = 1_000;
    const floor = shapeFloor(usage, prices);
    // 1,000 × $1 + 1,300 × $0.20 + 1,600 × $0.50 + 1,000 × $1 per million; duration, reads and logs left out
    expect(floor.requestsUsd).toBeCloseTo(0.001 + 0.00026 + 0.0008 + 0.001, 12);
    expect(floor.writesUsd).toBeCloseTo(0.006875, 12); // 11,000 WRU × $0.625 per million, not the 13,000 counted
  });

  it('the dated price file parses and says when the prices were looked up', () => {
    const file = loadPrices();
    expect(file.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(file.region).toBe('us-east-1');
    expect(file.dynamodb.perMillionWriteRequestUnits).toBeGreaterThan(0);
  });
});

describe('the target: within 1.1× the shape floor', () => {
  const above = { 'Lambda duration': 1.59, 'CloudWatch Logs': 1.2, 'DynamoDB reads': 0.25, 'DynamoDB writes of items over 1 KB': 0 };

  it('is met at or under 1.1× the floor', () => {
    expect(FLOOR_TARGET_RATIO).toBe(1.1);
    expect(floorVerdict(11, 10, above)).toBe('ok');
    expect(floorVerdict(10.5, 10, above)).toBe('ok');
  });

  it('is missed plainly above it, naming what lifts the command above its floor, largest first, none that is nil', () => {
    expect(floorVerdict(22.01, 18.8, above)).toBe(
      'MISSED: 1.17× the floor; above it per million: Lambda duration $1.59, CloudWatch Logs $1.20, DynamoDB reads $0.25',
    );
  });
});
