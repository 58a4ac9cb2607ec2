/**
 * What a stage costs a month: the fixed and time-based items its templates hold
 * (fixed.ts), the data it has accumulated, and a profile's commands priced from the
 * bench's per-command measurements. Pure arithmetic on list prices; checked against a
 * hand-computed example in test/unit/monthly-cost.test.ts.
 */
import type { Prices } from '../cost/pricing';
import type { TemplateInventory } from './fixed';
import type { Profile } from './profiles';

export interface MonthlyPrices {
  hoursPerMonth: { value: number };
  kms: { perKeyMonth: number };
  cloudwatch: {
    perStandardAlarmMetricMonth: number;
    perHighResolutionAlarmMetricMonth: number;
    perCompositeAlarmMonth: number;
    perDashboardMonth: number;
  };
  cloudwatchLogs: { perGbMonthStored: number; storedCompressionFactor: number };
  dynamodb: { perGbMonthStored: number; pitrPerGbMonth: number };
  eventbridge: { archivePerGbProcessed: number; archivePerGbMonthStored: number };
  sqs: { longPollSeconds: number; pollersPerMapping: number };
  xray: { reservoirPerSecond: number; fixedRate: number };
}

export type AllPrices = Prices & { monthly: MonthlyPrices };

/** One command kind as the bench measured it, per command. */
export interface CommandPrice {
  name: string;
  /** USD per command, without the pollers' empty receives (the fixed part counts those for the whole month). */
  usd: number;
  httpRequests: number;
  logBytes: number;
  events: number;
  /** Bytes the command leaves in the table (items + index entries, 100 bytes each of overhead). */
  storedBytes: number;
}

/** The monthly credit grading as the scale phase measured one run. */
export interface GradingPrice {
  usdPerRun: number;
  workers: number;
}

/**
 * What the model assumes where nothing is measured: the size of a domain event in the
 * archive, and a scheduled job's run on a stage (its duration and the log bytes it writes,
 * Lambda's START/END/REPORT/XRAY lines included).
 */
export const ASSUMED = { eventBytes: 2_048, scheduledRunSeconds: 1, scheduledRunLogBytes: 1_500 };

export type LineKind = 'fixed' | 'storage' | 'variable';

export interface MonthlyLine {
  item: string;
  kind: LineKind;
  quantity: number;
  unit: string;
  usd: number;
  note?: string;
}

export interface MonthlyCost {
  profile: string;
  /** What the stage costs at rest, whatever its traffic (keys, alarms, pollers, schedules). */
  fixedUsd: number;
  /** Data held: table and backups, stored logs, the event archive. */
  storageUsd: number;
  /** The profile's commands and the monthly grading. */
  commandsUsd: number;
  /** storage + commands: what grows with use. */
  variableUsd: number;
  totalUsd: number;
  lines: MonthlyLine[];
}

const GB = 1024 ** 3;
const M = 1e6;
const DAYS_PER_YEAR = 365;

export function monthlyCost(
  inventory: TemplateInventory,
  profile: Profile,
  commands: CommandPrice[],
  prices: AllPrices,
  grading?: GradingPrice,
): MonthlyCost {
  const p = prices.monthly;
  const secondsPerMonth = p.hoursPerMonth.value * 3600;
  const lines: MonthlyLine[] = [];
  const line = (l: MonthlyLine) => lines.push(l);

  // Fixed and time-based: what the templates hold.
  if (inventory.kmsKeys.length) {
    line({ item: 'KMS customer managed keys', kind: 'fixed', quantity: inventory.kmsKeys.length, unit: 'key-months', usd: inventory.kmsKeys.length * p.kms.perKeyMonth });
  }
  const { standard, highResolution } = inventory.alarmMetrics;
  if (standard) line({ item: 'CloudWatch alarms (standard resolution)', kind: 'fixed', quantity: standard, unit: 'alarm metric-months', usd: standard * p.cloudwatch.perStandardAlarmMetricMonth });
  if (highResolution) {
    line({ item: 'CloudWatch alarms (high resolution)', kind: 'fixed', quantity: highResolution, unit: 'alarm metric-months', usd: highResolution * p.cloudwatch.perHighResolutionAlarmMetricMonth });
  }
  if (inventory.compositeAlarms) {
    line({ item: 'CloudWatch composite alarms', kind: 'fixed', quantity: inventory.compositeAlarms, unit: 'alarm-months', usd: inventory.compositeAlarms * p.cloudwatch.perCompositeAlarmMonth });
  }
  if (inventory.dashboards) line({ item: 'CloudWatch dashboards', kind: 'fixed', quantity: inventory.dashboards, unit: 'dashboard-months', usd: inventory.dashboards * p.cloudwatch.perDashboardMonth });
  const pollsPerMapping = p.sqs.pollersPerMapping * (secondsPerMonth / p.sqs.longPollSeconds);
  for (const fifo of [true, false]) {
    const mappings = inventory.sqsPollers.filter((m) => m.fifo === fifo).length;
    if (!mappings) continue;
    const requests = mappings * pollsPerMapping;
    const perMillion = fifo ? prices.sqs.perMillionRequests.fifo : prices.sqs.perMillionRequests.standard;
    line({
      item: `SQS long polls of Lambda's pollers (${mappings} ${fifo ? 'FIFO' : 'standard'} queue${mappings > 1 ? 's' : ''})`,
      kind: 'fixed',
      quantity: Math.round(requests),
      unit: 'ReceiveMessage requests',
      usd: (requests / M) * perMillion,
      note: `${p.sqs.pollersPerMapping} pollers per mapping, one ${p.sqs.longPollSeconds} s long poll after another`,
    });
  }
  const scheduled = inventory.schedules.filter((s) => s.function);
  if (scheduled.length) {
    const runs = scheduled.reduce((n, s) => n + s.runsPerMonth, 0);
    const usd = scheduled.reduce((n, s) => {
      const gbSeconds = (s.memoryMb! / 1024) * ASSUMED.scheduledRunSeconds * s.runsPerMonth;
      return n + (s.runsPerMonth / M) * prices.lambda.perMillionRequests + gbSeconds * prices.lambda.perGbSecond[s.architecture!];
    }, 0);
    const logUsd = ((runs * ASSUMED.scheduledRunLogBytes) / GB) * prices.cloudwatchLogs.perGbIngested;
    line({
      item: `scheduled jobs (${scheduled.length} functions)`,
      kind: 'fixed',
      quantity: Math.round(runs),
      unit: 'runs',
      usd: usd + logUsd,
      note: `each run assumed ${ASSUMED.scheduledRunSeconds} s at the function's memory and ${ASSUMED.scheduledRunLogBytes} log bytes`,
    });
  }
  const tracedScheduledRuns = inventory.tracedFunctions ? scheduled.reduce((n, s) => n + s.runsPerMonth, 0) : 0;
  if (tracedScheduledRuns) {
    line({ item: 'X-Ray traces of scheduled runs', kind: 'fixed', quantity: Math.round(tracedScheduledRuns), unit: 'traces', usd: (tracedScheduledRuns / M) * prices.xray.perMillionTracesRecorded });
  }

  // Commands: the profile's volumes × the measured figures.
  const byPrefix = (prefix: string) => commands.find((c) => c.name.startsWith(prefix));
  let requests = 0;
  let logBytesPerMonth = scheduled.reduce((n, s) => n + s.runsPerMonth * ASSUMED.scheduledRunLogBytes, 0);
  let eventsPerMonth = 0;
  let storedBytes = 0;
  for (const volume of profile.commands) {
    const measured = byPrefix(volume.pricedAs);
    if (!measured) {
      line({ item: volume.what, kind: 'variable', quantity: Math.round(volume.perMonth), unit: 'commands', usd: 0, note: `NOT PRICED: "${volume.pricedAs}" was not measured in this run` });
      continue;
    }
    requests += volume.perMonth * measured.httpRequests;
    logBytesPerMonth += volume.perMonth * measured.logBytes;
    eventsPerMonth += volume.perMonth * measured.events;
    storedBytes += volume.perMonth * measured.storedBytes * profile.monthsOfData;
    line({
      item: volume.what,
      kind: 'variable',
      quantity: Math.round(volume.perMonth),
      unit: 'commands',
      usd: volume.perMonth * measured.usd,
      note: volume.standIn ? `stand-in: priced as ${measured.name}` : `measured: ${measured.name}`,
    });
  }
  if (profile.gradingWorkers > 0) {
    if (grading && grading.workers > 0) {
      line({
        item: 'monthly credit grading',
        kind: 'variable',
        quantity: 1,
        unit: 'runs',
        usd: grading.usdPerRun * (profile.gradingWorkers / grading.workers),
        note: `measured run over ${grading.workers.toLocaleString('en')} workers, scaled to ${Math.round(profile.gradingWorkers).toLocaleString('en')}`,
      });
    } else {
      line({ item: 'monthly credit grading', kind: 'variable', quantity: 1, unit: 'runs', usd: 0, note: 'NOT PRICED: the scale phase did not run' });
    }
  }
  if (inventory.tracedFunctions && requests > 0) {
    // Even spread over the month: the reservoir takes one request a second, the fixed rate a share of the rest.
    const reservoir = Math.min(requests, secondsPerMonth * p.xray.reservoirPerSecond);
    const traces = reservoir + (requests - reservoir) * p.xray.fixedRate;
    line({ item: 'X-Ray traces of requests', kind: 'variable', quantity: Math.round(traces), unit: 'traces', usd: (traces / M) * prices.xray.perMillionTracesRecorded });
  }

  // Storage: what the months of data leave behind.
  if (profile.monthsOfData > 0) {
    const tableGb = storedBytes / GB;
    if (inventory.tables.length && tableGb > 0) {
      line({ item: 'DynamoDB storage', kind: 'storage', quantity: round(tableGb, 3), unit: 'GB-months', usd: tableGb * p.dynamodb.perGbMonthStored, note: `${profile.monthsOfData} months of the profile's data` });
      if (inventory.tables.some((t) => t.pitr)) {
        line({ item: 'DynamoDB point-in-time recovery', kind: 'storage', quantity: round(tableGb, 3), unit: 'GB-months', usd: tableGb * p.dynamodb.pitrPerGbMonth });
      }
    }
    const retention = mostCommon(inventory.logGroups.map((g) => g.retentionDays));
    const logMonths = Math.min(profile.monthsOfData, retention === undefined ? Infinity : (retention / DAYS_PER_YEAR) * 12);
    const storedLogGb = (logBytesPerMonth * logMonths * p.cloudwatchLogs.storedCompressionFactor) / GB;
    if (inventory.logGroups.length && storedLogGb > 0) {
      line({
        item: 'CloudWatch Logs storage',
        kind: 'storage',
        quantity: round(storedLogGb, 3),
        unit: 'GB-months',
        usd: storedLogGb * p.cloudwatchLogs.perGbMonthStored,
        note: `${round(logMonths, 1)} months kept (retention ${retention ?? 'never expires'} days), stored at ${p.cloudwatchLogs.storedCompressionFactor} of the ingested bytes`,
      });
    }
    const archive = inventory.eventArchives[0];
    if (archive && eventsPerMonth > 0) {
      const monthGb = (eventsPerMonth * ASSUMED.eventBytes) / GB;
      const keptMonths = Math.min(profile.monthsOfData, archive.retentionDays ? (archive.retentionDays / DAYS_PER_YEAR) * 12 : Infinity);
      line({
        item: 'EventBridge archive',
        kind: 'storage',
        quantity: round(monthGb * keptMonths, 3),
        unit: 'GB-months',
        usd: monthGb * p.eventbridge.archivePerGbProcessed + monthGb * keptMonths * p.eventbridge.archivePerGbMonthStored,
        note: `${Math.round(eventsPerMonth).toLocaleString('en')} events a month at ${ASSUMED.eventBytes} bytes each (assumed), ${round(keptMonths, 1)} months kept`,
      });
    }
  }

  const total = (kind: LineKind) => lines.filter((l) => l.kind === kind).reduce((n, l) => n + l.usd, 0);
  const fixedUsd = total('fixed');
  const storageUsd = total('storage');
  const commandsUsd = total('variable');
  return { profile: profile.name, fixedUsd, storageUsd, commandsUsd, variableUsd: storageUsd + commandsUsd, totalUsd: fixedUsd + storageUsd + commandsUsd, lines };
}

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
