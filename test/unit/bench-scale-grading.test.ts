/**
 * The pure parts of the bench's grading at scale: the credit counters derived from the
 * seeded orders (bench/scale/credit-facts.ts), the workers given to enterprises in
 * proportion to their orders (population.ts), and the price of a grading run
 * (grading.ts: metered usage, Lambda from the unmetered run, the pollers' SQS left out).
 */
import { describe, expect, it } from 'vitest';
import { emptyUsage, type Usage } from '../../local/metering';
import { ENTERPRISE_MONTH_COUNTERS } from '../../shared/domain/credit/facts';
import { ORDER_STATUSES, type OrderStatus } from '../../shared/domain/order/state-machine';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { loadPrices } from '../../bench/cost/pricing';
import { memoryStore } from '../../bench/lib/memory-store';
import { MonthlyFacts, orderCounters } from '../../bench/scale/credit-facts';
import { gradingCost } from '../../bench/scale/grading';
import { apportion } from '../../bench/scale/population';
import { addCountersUpdate } from '../../shared/store/counter-update';

/** A generator that always answers `u`: every share below `u` is drawn "no", above it "yes". */
const always = (u: number) => () => u;

describe('credit counters of a seeded order', () => {
  it('every order was created; its status says whether it was checked in and served', () => {
    const no = always(0.999);
    expect(orderCounters('CREATED', no)).toEqual({ ordersCreated: 1 });
    expect(orderCounters('CONFIRMED', no)).toEqual({ ordersCreated: 1 });
    expect(orderCounters('IN_SERVICE', no)).toEqual({ ordersCreated: 1, checkIns: 1 });
    expect(orderCounters('COMPLETED', no)).toEqual({ ordersCreated: 1, checkIns: 1, ordersCompleted: 1 });
    expect(orderCounters('CANCELLED', no)).toEqual({ ordersCreated: 1 });
    expect(orderCounters('NO_SHOW', no)).toEqual({ ordersCreated: 1 });
  });

  it('a RATED order always has a rating; the draws decide the rest', () => {
    const yes = always(0);
    expect(orderCounters('RATED', yes)).toEqual({
      ordersCreated: 1,
      checkIns: 1,
      onTimeCheckIns: 1,
      ordersCompleted: 1,
      ratings: 1,
      ratingStarsSum: 5,
      complaintsOpened: 1,
      complaintsResolved: 1,
      complaintResolutionHoursSum: 2,
    });
    expect(orderCounters('RATED', always(0.999))).toMatchObject({ ratings: 1, ratingStarsSum: 1 });
    expect(orderCounters('CANCELLED', yes)).toEqual({ ordersCreated: 1, enterpriseCancellations: 1 });
    expect(orderCounters('NO_SHOW', yes)).toEqual({ ordersCreated: 1, workerNoShows: 1 });
  });

  it('only counts what the model validates: on-time within check-ins, stars 1–5 per rating, known counters', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    for (let i = 0; i < 600; i++) {
      const status = ORDER_STATUSES[i % ORDER_STATUSES.length] as OrderStatus;
      const c = orderCounters(status, random);
      for (const name of Object.keys(c)) expect(ENTERPRISE_MONTH_COUNTERS).toContain(name);
      expect(c.onTimeCheckIns ?? 0).toBeLessThanOrEqual(c.checkIns ?? 0);
      expect(c.ratingStarsSum ?? 0).toBeLessThanOrEqual(5 * (c.ratings ?? 0));
      expect(c.ratingStarsSum ?? 0).toBeGreaterThanOrEqual(c.ratings ?? 0);
      expect(c.complaintsResolved ?? 0).toBeLessThanOrEqual(c.complaintsOpened ?? 0);
    }
  });
});

describe('monthly facts', () => {
  it('adds an enterprise’s orders up per Asia/Shanghai month, hours to the hundredth', () => {
    const facts = new MonthlyFacts();
    // 2026-01-31T16:30Z is 2026-02-01 00:30 in Shanghai.
    facts.add(3, '2026-01-31T16:30:00.000Z', { ordersCreated: 1, complaintResolutionHoursSum: 0.1 });
    facts.add(3, '2026-02-10T08:00:00.000Z', { ordersCreated: 1, ordersCompleted: 1, complaintResolutionHoursSum: 0.2 });
    facts.add(3, '2026-01-31T15:30:00.000Z', { ordersCreated: 1 });
    facts.add(0, '2026-02-10T08:00:00.000Z', { ordersCreated: 1 });
    expect([...facts.months()]).toEqual([
      { enterprise: 3, period: '2026-01', counters: { ordersCreated: 1 } },
      { enterprise: 3, period: '2026-02', counters: { ordersCreated: 2, ordersCompleted: 1, complaintResolutionHoursSum: 0.3 } },
      { enterprise: 0, period: '2026-02', counters: { ordersCreated: 1 } },
    ]);
    expect(facts.size).toBe(3);
  });
});

describe('the memory store applies the counters’ update as DynamoDB would', () => {
  it('SET names the item, ADD starts absent counters at 0 and adds', async () => {
    const mem = memoryStore('t');
    const key = { pk: 'T#ten_1#CREDITFACTS', sk: 'MONTH#2026-01' };
    const { Update } = addCountersUpdate('t', key, { tenantId: 'ten_1', period: '2026-01' }, { ordersCreated: 2, complaintResolutionHoursSum: 1.25 });
    const send = () => mem.store.doc.send(new UpdateCommand(Update as ConstructorParameters<typeof UpdateCommand>[0]));
    await send();
    await send();
    expect(mem.get(key)).toEqual({ ...key, tenantId: 'ten_1', period: '2026-01', ordersCreated: 4, complaintResolutionHoursSum: 2.5 });
    await expect(mem.store.doc.send(new UpdateCommand({ TableName: 't', Key: key, UpdateExpression: 'REMOVE ordersCreated' }))).rejects.toThrow(/unsupported/);
  });
});

describe('apportion', () => {
  it('splits in proportion, in whole numbers that add up to the total', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [6, 3, 1])).toEqual([4, 2, 1]);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
    const weights = Array.from({ length: 530 }, (_, k) => 1 / (k + 1));
    const shares = apportion(26_000, weights);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(26_000);
    expect(shares[0]).toBeGreaterThan(shares[529]!);
  });
});

describe('price of a grading run', () => {
  it('DynamoDB and EventBridge as metered, Lambda from the unmetered run, no SQS', () => {
    const prices = loadPrices();
    const metered: Usage = emptyUsage();
    metered.dynamodb.rru = { GetItem: 1_000_000 };
    metered.dynamodb.tableWru = { TransactWriteItems: 100_000 };
    metered.dynamodb.indexWru = { gsi1: 60_000 };
    metered.eventbridge.events = 530;
    metered.sqs.calls = { ReceiveMessage: 40 };
    metered.sqs.billedStandard = { ReceiveMessage: 40 };
    const fn = { memoryMb: 256, architecture: 'arm64' as const, invocations: 1, coldStarts: 1, billedMs: 0, gbSeconds: 0, durationsMs: [], functionLogBytes: 0, platformLogBytes: 0 };
    metered.lambda = { grading: { ...fn, gbSeconds: 999 } };
    const cost = gradingCost(metered, { grading: { ...fn, billedMs: 400_000, gbSeconds: 100 } }, prices);
    expect(cost.rru).toBe(1_000_000);
    expect(cost.wru).toBe(160_000);
    expect(cost.lambdaGbSeconds).toBe(100);
    expect(cost.sqsCallsLeftOut).toBe(40);
    const expected =
      prices.dynamodb.perMillionReadRequestUnits +
      0.16 * prices.dynamodb.perMillionWriteRequestUnits +
      100 * prices.lambda.perGbSecond.arm64 +
      prices.lambda.perMillionRequests / 1e6 +
      (530 / 1e6) * prices.eventbridge.perMillionCustomEvents;
    expect(cost.totalUsd).toBeCloseTo(expected, 4);
    expect(cost.lines.map((l) => l.service)).not.toContain('SQS requests');
  });
});
