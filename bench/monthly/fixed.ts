/**
 * What a deployed stage keeps paying for whatever its traffic, counted from its synthesized
 * templates: customer managed KMS keys, alarms (per metric they evaluate), dashboards, log
 * groups and their retention, Lambda's pollers on SQS queues, tables with their backups,
 * schedules and the functions they start, event archives, active tracing. Pure: the
 * templates in, the counts out (test/unit/monthly-template-count.test.ts).
 */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, any>;
}

export interface Template {
  Resources?: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value?: unknown; Export?: { Name?: unknown } }>;
}

export interface ScheduledJob {
  rule: string;
  expression: string;
  runsPerMonth: number;
  /** The function the rule starts (logical id), with its memory and architecture, when the target is one. */
  function?: string;
  memoryMb?: number;
  architecture?: 'arm64' | 'x86_64';
}

export interface TemplateInventory {
  kmsKeys: { id: string; spec: string; rotation: boolean }[];
  /** Billed alarm metrics: an alarm on one metric is one; a metric-math alarm counts each metric it reads. */
  alarmMetrics: { standard: number; highResolution: number };
  alarms: number;
  compositeAlarms: number;
  dashboards: number;
  logGroups: { id: string; retentionDays?: number; logClass: string }[];
  /** Lambda event-source mappings that poll an SQS queue, with the queue's kind when it can be resolved. */
  sqsPollers: { id: string; queue?: string; fifo: boolean }[];
  tables: { id: string; pitr: boolean; indexes: number; replicas: number }[];
  schedules: ScheduledJob[];
  eventArchives: { id: string; retentionDays?: number }[];
  functions: number;
  tracedFunctions: number;
  /** Counted for completeness: no charge without traffic. */
  free: { eventRules: number; httpApis: number; snsTopics: number; queues: number };
}

const DAYS_PER_MONTH = 730 / 24;

/** `{ Ref: X }`, `{ 'Fn::GetAtt': [X, …] }` → X. */
function refTarget(value: unknown): string | undefined {
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.Ref === 'string') return v.Ref;
    const getAtt = v['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  }
  return undefined;
}

export function countTemplates(templates: Template[]): TemplateInventory {
  const resources = new Map<string, TemplateResource>();
  const exports = new Map<string, unknown>();
  for (const template of templates) {
    for (const [id, resource] of Object.entries(template.Resources ?? {})) resources.set(id, resource);
    for (const output of Object.values(template.Outputs ?? {})) {
      if (typeof output.Export?.Name === 'string') exports.set(output.Export.Name, output.Value);
    }
  }
  // A queue ARN may come from another stack of the stage (Fn::ImportValue of an export).
  const target = (value: unknown): string | undefined => {
    const imported = (value as Record<string, unknown> | undefined)?.['Fn::ImportValue'];
    return refTarget(typeof imported === 'string' ? exports.get(imported) : value);
  };
  const of = (type: string) => [...resources].filter(([, r]) => r.Type === type);
  const inventory: TemplateInventory = {
    kmsKeys: of('AWS::KMS::Key').map(([id, r]) => ({ id, spec: String(r.Properties?.KeySpec ?? 'SYMMETRIC_DEFAULT'), rotation: r.Properties?.EnableKeyRotation === true })),
    alarmMetrics: { standard: 0, highResolution: 0 },
    alarms: 0,
    compositeAlarms: of('AWS::CloudWatch::CompositeAlarm').length,
    dashboards: of('AWS::CloudWatch::Dashboard').length,
    logGroups: of('AWS::Logs::LogGroup').map(([id, r]) => ({ id, retentionDays: r.Properties?.RetentionInDays, logClass: String(r.Properties?.LogGroupClass ?? 'STANDARD') })),
    sqsPollers: [],
    tables: [...of('AWS::DynamoDB::Table'), ...of('AWS::DynamoDB::GlobalTable')].map(([id, r]) => tableOf(id, r)),
    schedules: [],
    eventArchives: of('AWS::Events::Archive').map(([id, r]) => ({ id, retentionDays: r.Properties?.RetentionDays })),
    functions: of('AWS::Lambda::Function').length,
    tracedFunctions: of('AWS::Lambda::Function').filter(([, r]) => r.Properties?.TracingConfig?.Mode === 'Active').length,
    free: {
      eventRules: of('AWS::Events::Rule').length,
      httpApis: of('AWS::ApiGatewayV2::Api').length,
      snsTopics: of('AWS::SNS::Topic').length,
      queues: of('AWS::SQS::Queue').length,
    },
  };
  for (const [, alarm] of of('AWS::CloudWatch::Alarm')) {
    inventory.alarms += 1;
    const p = alarm.Properties ?? {};
    const metrics = Array.isArray(p.Metrics) ? (p.Metrics as Record<string, any>[]).filter((m) => m.MetricStat) : undefined;
    const periods = metrics?.length ? metrics.map((m) => Number(m.MetricStat.Period ?? 60)) : [Number(p.Period ?? 60)];
    const count = metrics?.length ? metrics.length : 1;
    if (periods.some((s) => s < 60)) inventory.alarmMetrics.highResolution += count;
    else inventory.alarmMetrics.standard += count;
  }
  for (const [id, mapping] of of('AWS::Lambda::EventSourceMapping')) {
    const queueId = target(mapping.Properties?.EventSourceArn);
    const queue = queueId ? resources.get(queueId) : undefined;
    if (queue && queue.Type !== 'AWS::SQS::Queue') continue;
    if (!queue && !/sqs/i.test(JSON.stringify(mapping.Properties?.EventSourceArn ?? ''))) continue;
    inventory.sqsPollers.push({ id, queue: queueId, fifo: queue?.Properties?.FifoQueue === true });
  }
  for (const [id, rule] of of('AWS::Events::Rule')) {
    const expression = rule.Properties?.ScheduleExpression;
    if (typeof expression !== 'string' || rule.Properties?.State === 'DISABLED') continue;
    const fnId = target((rule.Properties?.Targets as { Arn?: unknown }[] | undefined)?.[0]?.Arn);
    const fn = fnId ? resources.get(fnId) : undefined;
    const job: ScheduledJob = { rule: id, expression, runsPerMonth: runsPerMonth(expression) };
    if (fn?.Type === 'AWS::Lambda::Function') {
      job.function = fnId;
      job.memoryMb = Number(fn.Properties?.MemorySize ?? 128);
      job.architecture = (fn.Properties?.Architectures as string[] | undefined)?.[0] === 'arm64' ? 'arm64' : 'x86_64';
    }
    inventory.schedules.push(job);
  }
  return inventory;
}

function tableOf(id: string, table: TemplateResource): TemplateInventory['tables'][number] {
  const p = table.Properties ?? {};
  if (table.Type === 'AWS::DynamoDB::GlobalTable') {
    const replicas = (p.Replicas ?? []) as Record<string, any>[];
    return {
      id,
      pitr: replicas.some((r) => r.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true),
      indexes: (p.GlobalSecondaryIndexes ?? []).length,
      replicas: replicas.length,
    };
  }
  return { id, pitr: p.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true, indexes: (p.GlobalSecondaryIndexes ?? []).length, replicas: 1 };
}

/**
 * Runs a month of an EventBridge schedule: `rate(n unit)` or `cron(min hour dom month dow
 * year)` with numbers, lists, ranges, `*`/`?` and `/` steps (an average month of 730 hours).
 */
export function runsPerMonth(expression: string): number {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const perDay = rate[2]!.startsWith('minute') ? 1440 / n : rate[2]!.startsWith('hour') ? 24 / n : 1 / n;
    return perDay * DAYS_PER_MONTH;
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) throw new Error(`not a schedule expression: ${expression}`);
  const [min, hour, dom, month, dow] = cron[1]!.trim().split(/\s+/);
  if (!min || !hour || !dom || !month || !dow) throw new Error(`cron needs six fields: ${expression}`);
  const any = (field: string) => field === '*' || field === '?';
  const days = any(dom) && any(dow) ? DAYS_PER_MONTH : !any(dom) ? valuesIn(dom, 1, 31) : (valuesIn(dow, 1, 7) / 7) * DAYS_PER_MONTH;
  return valuesIn(min, 0, 59) * valuesIn(hour, 0, 23) * days * (valuesIn(month, 1, 12) / 12);
}

/** How many values a cron field takes in [lo, hi]: `*`, `?`, `a`, `a,b`, `a-b`, `*\/s`, `a/s`, `a-b/s` (names of days and months count as one each). */
function valuesIn(field: string, lo: number, hi: number): number {
  let count = 0;
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let from = lo;
    let to = hi;
    if (range !== '*' && range !== '?') {
      const [a = '', b] = range.split('-');
      const num = (t: string, fallback: number) => (/^\d+$/.test(t) ? Number(t) : fallback);
      if (b !== undefined) {
        // Named ranges (MON-FRI, JAN-MAR) are counted by position below.
        const names = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
        const months = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
        const pos = (t: string) => (names.includes(t) ? names.indexOf(t) + 1 : months.includes(t) ? months.indexOf(t) + 1 : num(t, lo));
        from = pos(a.toUpperCase());
        to = pos(b.toUpperCase());
      } else {
        from = num(a, lo);
        to = stepText ? hi : from;
      }
    }
    count += Math.floor((to - from) / step) + 1;
  }
  return count;
}
