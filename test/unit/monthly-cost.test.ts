/**
 * The bench's monthly model (bench/monthly/monthly.ts) against figures worked out by hand,
 * so a change to a rule or a price shows up here instead of silently moving the monthly
 * table in the README.
 */
import { describe, expect, it } from 'vitest';
import { loadPrices } from '../../bench/cost/pricing';
import type { TemplateInventory } from '../../bench/monthly/fixed';
import { monthlyCost, type AllPrices, type CommandPrice } from '../../bench/monthly/monthly';
import { PROFILES, type Profile } from '../../bench/monthly/profiles';

const empty = (): TemplateInventory => ({
  kmsKeys: [],
  alarmMetrics: { standard: 0, highResolution: 0 },
  alarms: 0,
  compositeAlarms: 0,
  dashboards: 0,
  logGroups: [],
  sqsPollers: [],
  tables: [],
  schedules: [],
  eventArchives: [],
  functions: 0,
  tracedFunctions: 0,
  free: { eventRules: 0, httpApis: 0, snsTopics: 0, queues: 0 },
});

const command = (over: Partial<CommandPrice> = {}): CommandPrice => ({ name: 'order create', usd: 10 / 1e6, httpRequests: 0, logBytes: 0, events: 0, storedBytes: 0, ...over });

const profile = (over: Partial<Profile> = {}): Profile => ({
  name: 'hand',
  monthsOfData: 0,
  gradingWorkers: 0,
  commands: [{ what: 'creates', perMonth: 1_000, pricedAs: 'order create', standIn: false, assumption: 'by hand' }],
  ...over,
});

const prices = loadPrices() as AllPrices;

describe('monthly cost (hand-computed)', () => {
  it('two fixed items and one variable: 2 keys + 3 alarms + 1,000 commands at $10 per million', () => {
    const inventory = { ...empty(), kmsKeys: [{ id: 'A', spec: 'SYMMETRIC_DEFAULT', rotation: true }, { id: 'B', spec: 'HMAC_256', rotation: false }], alarms: 3 };
    inventory.alarmMetrics = { standard: 3, highResolution: 0 };
    const cost = monthlyCost(inventory, profile(), [command()], prices);
    // 2 × $1.00 + 3 × $0.10 = $2.30 fixed; 1,000 × $0.00001 = $0.01 variable.
    expect(cost.fixedUsd).toBeCloseTo(2.3, 10);
    expect(cost.commandsUsd).toBeCloseTo(0.01, 10);
    expect(cost.storageUsd).toBe(0);
    expect(cost.totalUsd).toBeCloseTo(2.31, 10);
    expect(cost.lines.map((l) => [l.item, l.kind, l.quantity, Number(l.usd.toFixed(6))])).toEqual([
      ['KMS customer managed keys', 'fixed', 2, 2],
      ['CloudWatch alarms (standard resolution)', 'fixed', 3, 0.3],
      ['creates', 'variable', 1_000, 0.01],
    ]);
  });

  it('an idle FIFO poller: 5 pollers × 730 h × 3,600 s ÷ 20 s = 657,000 requests at $0.50 per million', () => {
    const cost = monthlyCost({ ...empty(), sqsPollers: [{ id: 'M', fifo: true }] }, profile({ commands: [] }), [], prices);
    expect(cost.lines).toHaveLength(1);
    expect(cost.lines[0]!.quantity).toBe(657_000);
    expect(cost.totalUsd).toBeCloseTo(0.3285, 10);
  });

  it('storage: 1,000 commands × 1 KiB × 12 months in a table with PITR, logs kept 365 days', () => {
    const inventory = { ...empty(), tables: [{ id: 'T', pitr: true, indexes: 0, replicas: 1 }], logGroups: [{ id: 'L', retentionDays: 365, logClass: 'STANDARD' }] };
    const cost = monthlyCost(inventory, profile({ monthsOfData: 12 }), [command({ storedBytes: 1024, logBytes: 1024 ** 2 })], prices);
    const gb = (1_000 * 1024 * 12) / 1024 ** 3;
    const usd = (item: string) => cost.lines.find((l) => l.item === item)?.usd;
    expect(usd('DynamoDB storage')).toBeCloseTo(gb * 0.25, 12);
    expect(usd('DynamoDB point-in-time recovery')).toBeCloseTo(gb * 0.2, 12);
    // 1,000 MiB ingested a month, 12 months kept, stored at 15%: 1,000 × 12 × 0.15 / 1,024 GB × $0.03.
    expect(usd('CloudWatch Logs storage')).toBeCloseTo(((1_000 * 12 * 0.15) / 1024) * 0.03, 12);
    expect(cost.storageUsd).toBeCloseTo(gb * 0.45 + ((1_000 * 12 * 0.15) / 1024) * 0.03, 12);
  });

  it('a command the run did not measure is listed at $0 and says so, never priced silently', () => {
    const cost = monthlyCost(empty(), profile(), [], prices);
    expect(cost.lines[0]).toMatchObject({ item: 'creates', usd: 0 });
    expect(cost.lines[0]!.note).toMatch(/NOT PRICED/);
  });

  it('the idle profile has no commands and no data: only fixed items', () => {
    const idle = PROFILES.find((p) => p.name === 'idle')!;
    expect(idle.commands).toEqual([]);
    expect(idle.monthsOfData).toBe(0);
    const cost = monthlyCost({ ...empty(), kmsKeys: [{ id: 'A', spec: 'SYMMETRIC_DEFAULT', rotation: true }] }, idle, [command()], prices);
    expect(cost.variableUsd).toBe(0);
    expect(cost.totalUsd).toBe(1);
  });

  it('Guangzhou today turns three years of the programme into a month: 400,000 traced orders ÷ 36', () => {
    const gz = PROFILES.find((p) => p.name === 'Guangzhou today')!;
    expect(gz.commands.find((c) => c.pricedAs === 'order full lifecycle')!.perMonth).toBeCloseTo(400_000 / 36, 6);
    const tenfold = PROFILES.find((p) => p.name === '10× Guangzhou')!;
    tenfold.commands.forEach((c, i) => expect(c.perMonth).toBeCloseTo(gz.commands[i]!.perMonth * 10, 6));
  });
});
