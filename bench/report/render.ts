/**
 * Renders results as sections (title, table, remarks) once, then as terminal text or as
 * Markdown. Targets are stated beside the figures, and MISSED is said plainly.
 */
import { COLD_START_TARGET_RATIO } from '../cold-start/phase';
import { FLOOR_TARGET_RATIO } from '../cost/pricing';
import { THROUGHPUT_TARGET_RATIO } from '../throughput/target';
import type { MonthlyResult } from '../monthly/phase';
import { SCALE_TARGET_RATIO, type GradingPass, type ScaleGrading } from '../scale/phase';
import type { BenchResults } from './results';
import { markdownTable, textTable, type Cell } from './table';

interface Section {
  title: string;
  lead?: string;
  headers: string[];
  rows: Cell[][];
  after?: string[];
}

const kb = (bytes: number | undefined) => (bytes === undefined ? undefined : Math.round(bytes / 1024));
const usd = (n: number | undefined) => (n === undefined ? undefined : `$${n.toFixed(2)}`);

export function sections(r: BenchResults): Section[] {
  const out: Section[] = [];
  if (r.monthly) out.push(...monthlySections(r.monthly));
  if (r.coldStart) {
    out.push({
      title: 'Cold start (import of the bundle in a fresh Node process)',
      lead: `Median of ${r.coldStart[0]?.runs ?? 0} runs each; functions needing the same clients share a floor bundle, imported right beside each of their imports in every run (same environment, order alternating); ratio = median of the per-pair ratios. Target: every function within ${COLD_START_TARGET_RATIO}× its floor (a bundle with only its SDK clients, same esbuild settings).`,
      headers: ['function', 'SDK clients (floor)', 'bundle KB', 'floor KB', 'median ms', 'floor ms', 'ratio', 'target'],
      rows: r.coldStart.map((c) => [c.service, c.clients.join(' + ') || 'none', kb(c.bundleBytes), kb(c.floorBytes), c.medianMs, c.floorMedianMs, c.ratio, c.verdict]),
    });
  }
  if (r.throughput) {
    out.push({
      title: 'Throughput and latency on the local platform (POST /v1/orders)',
      lead: 'accepted/s and 202 latency as clients see them; applied/s until the last event is applied; ceiling = the same number of the consumer’s transactions sent straight to the same DynamoDB Local at the same concurrency. CPU = this bench process (load generator, platform, functions) plus DynamoDB Local’s JVM over each window, per applied order and per ceiling transaction: on a machine whose cores are all busy, applied/s cannot pass cores ÷ CPU per order.',
      headers: ['concurrency', 'orders', 'accepted/s', 'p50 ms', 'p95 ms', 'p99 ms', 'applied/s', 'ceiling tx/s', 'applied ÷ ceiling', 'CPU ms per order / per ceiling tx', 'not 202', 'unapplied', 'load avg', `target: ≥ ${THROUGHPUT_TARGET_RATIO} of the ceiling at c=8 and c=32`],
      rows: r.throughput.map((t) => [
        t.concurrency,
        t.orders,
        t.acceptedPerSecond,
        t.p50,
        t.p95,
        t.p99,
        t.appliedPerSecond,
        t.ceilingPerSecond,
        t.ratioToCeiling,
        t.cpuMsPerOrder === undefined ? undefined : `${t.cpuMsPerOrder} / ${t.cpuMsPerCeilingTx}`,
        Object.values(t.failures).reduce((a, b) => a + b, 0),
        t.pending + t.rejected,
        t.loadAverage,
        t.verdict,
      ]),
    });
  }
  if (r.cost) {
    const measured = r.cost.commands.filter((c) => c.measured);
    out.push({
      title: `Cost per million commands (us-east-1 list prices as of ${r.cost.pricesAsOf})`,
      lead: `Counted on the metered platform at concurrency ${r.cost.concurrency}, after a warm-up. The shape’s floor is what the command costs before any size or duration: its requests (HTTP API, Lambda invocations, SQS, EventBridge, KMS) as counted, plus its DynamoDB writes as if every item and index entry were under 1 KB; reads, Lambda duration and logs are not in it.`,
      headers: ['command', 'USD per million', 'shape’s floor: requests', '+ writes at < 1 KB', '= floor', 'target', 'verdict'],
      rows: r.cost.commands.map((c) => {
        const f = c.floorPerMillion;
        return [
          c.name,
          c.measured ? usd(c.perMillionUsd) : c.note,
          usd(f?.requestsUsd),
          usd(f?.writesUsd),
          f ? usd(f.requestsUsd + f.writesUsd) : undefined,
          f ? `≤ ${FLOOR_TARGET_RATIO}× floor (${usd((f.requestsUsd + f.writesUsd) * FLOOR_TARGET_RATIO)})` : undefined,
          c.measured ? c.verdict : undefined,
        ];
      }),
    });
    for (const c of measured) {
      out.push({
        title: `Cost breakdown: ${c.name} (${c.commands} measured)`,
        headers: ['service', 'quantity per million', 'unit', 'USD per million'],
        rows: (c.linesPerMillion ?? []).map((l) => [l.service, l.quantity, l.unit, l.usd]),
        after: [
          `Per command: ${c.perCommand!.httpRequests} HTTP API request(s); DynamoDB calls ${fmt(c.perCommand!.dynamodbCalls)}; ${c.perCommand!.wru} WRU on the table + ${fmt(c.perCommand!.indexWru)} on indexes (${c.perCommand!.wruUnderOneKb} in all if every item were under 1 KB); ${c.perCommand!.rru} RRU; SQS calls ${fmt(c.perCommand!.sqsCalls)} (${c.perCommand!.sqsEmptyReceives} empty receives).`,
          ...(c.unmetered ? [`${c.unmetered} DynamoDB exchange(s) could not be metered.`] : []),
          ...(c.note ? [`Note: ${c.note}.`] : []),
        ],
      });
      out.push({
        title: `Lambda per ${c.name}`,
        headers: ['function', 'invocations per command', 'median duration ms', 'billed ms per command', 'cold starts in window', 'log bytes per command'],
        rows: (c.functions ?? []).map((f) => [f.function, f.invocationsPerCommand, f.medianDurationMs, f.billedMsPerCommand, f.coldStarts, f.logBytesPerCommand]),
        after: c.lambdaSource ? [`Lambda figures from the ${c.lambdaSource}.`] : undefined,
      });
    }
  }
  if (r.scale) {
    const [a, b] = r.scale.sizes;
    out.push({
      title: `Scale: reads at ${a.toLocaleString('en')} and at ${b.toLocaleString('en')} orders (530 enterprises)`,
      lead: `Seeded ${a.toLocaleString('en')} orders in ${r.scale.seedSeconds[0]} s, then ${(b - a).toLocaleString('en')} more in ${r.scale.seedSeconds[1]} s (${r.scale.seedItemsPerSecond} orders/s). Lists read the largest enterprise (${r.scale.largestEnterpriseOrders[0].toLocaleString('en')} → ${r.scale.largestEnterpriseOrders[1].toLocaleString('en')} orders). Load average when the reads started: ${r.scale.loadAverage[0]} at ${short(a)}, ${r.scale.loadAverage[1]} at ${short(b)} (2 cores, shared); bench process heap after a full GC before the reads: ${r.scale.heapMb[0]} / ${r.scale.heapMb[1]} MB. Target: p95 at ${b.toLocaleString('en')} within ${SCALE_TARGET_RATIO}× p95 at ${a.toLocaleString('en')}.`,
      headers: ['read', 'requests', `p50 ms @${short(a)}`, `p95 ms @${short(a)}`, `p50 ms @${short(b)}`, `p95 ms @${short(b)}`, 'p95 ratio', 'target', 'loop delay p99 ms (small/large)'],
      rows: r.scale.rows.map((s) => [s.measure, s.small.requests, s.small.p50, s.small.p95, s.large.p50, s.large.p95, s.p95Ratio, s.verdict, `${s.small.loopDelayP99} / ${s.large.loopDelayP99}`]),
    });
    if (r.scale.grading) out.push(gradingSection(r.scale.grading, r.scale.sizes[1]));
  }
  return out;
}

/** Cents where they matter, fractions of a cent where an item is that small. */
const money = (n: number) => (n === 0 ? '$0' : n >= 0.995 ? `$${n.toFixed(2)}` : n >= 0.01 ? `$${n.toFixed(3)}` : `$${n.toFixed(5)}`);

function monthlySections(m: MonthlyResult): Section[] {
  const top = (lines: MonthlyResult['profiles'][number]['lines']) =>
    [...lines]
      .sort((a, b) => b.usd - a.usd)
      .slice(0, 3)
      .map((l) => `${l.item} ${money(l.usd)}`)
      .join('; ');
  const items = [...new Map(m.profiles.flatMap((p) => p.lines.map((l) => [l.item, l.kind] as const))).entries()];
  const inv = m.inventory;
  return [
    {
      title: `Monthly cost of a ${m.stage} stage (${m.region} list prices as of ${m.pricesAsOf}, USD a month)`,
      lead:
        `Fixed = what the stage pays at rest, counted from the synthesized ${m.stage} templates; storage = the data a profile has accumulated; commands = the profile's month of commands priced from this run's per-command figures. ` +
        `China (Ningxia): ${m.chinaPrices}.`,
      headers: ['profile', 'fixed', 'storage', 'commands', 'total', 'China (Ningxia)', 'largest items'],
      rows: m.profiles.map((p) => [p.profile, money(p.fixedUsd), money(p.storageUsd), money(p.commandsUsd), money(p.totalUsd), 'not priced', top(p.lines)]),
      after: [
        `Counted in the ${m.stage} templates: ${inv.kmsKeys.length} customer managed KMS keys, ${inv.alarms} alarms (${inv.alarmMetrics.standard} standard-resolution alarm metrics, ${inv.alarmMetrics.highResolution} high-resolution), ${inv.compositeAlarms} composite alarms, ${inv.dashboards} dashboards, ` +
          `${inv.logGroups.length} log groups (retention ${[...new Set(inv.logGroups.map((g) => g.retentionDays ?? 'never'))].join(', ')} days), ${inv.sqsPollers.length} Lambda pollers on SQS (${inv.sqsPollers.filter((q) => q.fifo).length} FIFO), ` +
          `${inv.tables.length} table(s) (${inv.tables.filter((t) => t.pitr).length} with point-in-time recovery, ${inv.tables.map((t) => t.indexes).join('/')} indexes), ${inv.schedules.length} schedules, ${inv.eventArchives.length} event archive(s), ${inv.tracedFunctions} of ${inv.functions} functions with active tracing; ` +
          `no charge at rest: ${inv.free.eventRules} event rules, ${inv.free.httpApis} HTTP API, ${inv.free.snsTopics} SNS topic, ${inv.free.queues} queues.`,
      ],
    },
    {
      title: 'Monthly cost by line item (USD a month)',
      headers: ['item', 'kind', ...m.profiles.map((p) => p.profile)],
      rows: items.map(([item, kind]) => [item, kind, ...m.profiles.map((p) => p.lines.find((l) => l.item === item)).map((l) => (l ? money(l.usd) : undefined))]),
      after: [
        ...(m.profiles.find((p) => p.profile === 'Guangzhou today')?.lines ?? [])
          .filter((l) => l.note)
          .map((l) => `Guangzhou today — ${l.item}: ${l.quantity.toLocaleString('en')} ${l.unit}; ${l.note}.`),
        `Per command as priced (USD, without the pollers' empty receives): ${m.commands.map((c) => `${c.name} ${c.usd.toExponential(3)}, ${c.storedBytes.toLocaleString('en')} bytes stored`).join('; ') || 'none measured in this run'}.`,
      ],
    },
  ];
}

function gradingSection(g: ScaleGrading, orders: number): Section {
  const s = g.seed;
  const staffShare = Math.round((g.workers / g.programmeWorkers) * 1000) / 10;
  const passes: [string, GradingPass][] = [
    ['first run (nothing graded yet)', g.first],
    ['again (all graded already)', g.again],
  ];
  return {
    title: `Scale: credit grading of ${g.enterprises} enterprises over ${orders.toLocaleString('en')} orders (per grading run)`,
    lead:
      `The monthly grading function (${g.function.memoryMb} MB, timeout ${g.function.timeoutSeconds} s) invoked with { period } on the large table. ` +
      `Seeded for it: ${s.factMonths.toLocaleString('en')} monthly credit-fact items derived from the orders (${s.factSeconds.toFixed(1)} s), ${s.publicRecords} public-credit records, ` +
      `and ${g.workers.toLocaleString('en')} workers — ${staffShare}% of the programme's ${g.programmeWorkers.toLocaleString('en')} worker records, in proportion to each enterprise's orders (largest staff ${s.largestStaff.toLocaleString('en')}), ` +
      `${Math.round(s.shares.trained * 100)}% trained, ${Math.round(s.shares.certified * 100)}% certified, ${Math.round(s.shares.insured * 100)}% insured — ${s.workerItems.toLocaleString('en')} items in ${s.staffSeconds.toFixed(1)} s with the policies. ` +
      (g.timedOn === 'unmetered'
        ? `Time and Lambda GB-s from the unmetered platform (period ${g.first.timed.period}); DynamoDB units, EventBridge events and log bytes from the same runs of period ${g.first.metered.period} on the metered platform over the same data. `
        : `Quick run: time, Lambda GB-s, DynamoDB units, EventBridge events and log bytes all from the metered platform (period ${g.first.metered.period}); the metering proxies' hop and side reads lengthen the function, so its time and GB-s are over-estimates. `) +
      `USD at us-east-1 list prices as of ${g.pricesAsOf}.`,
    headers: ['run', 'enterprises', 'graded now', 'found graded', 'not graded', 'failed', 'wall s', 'handler s', 'ms per enterprise', 'RRU', 'WRU', 'Lambda GB-s', 'events', 'USD per run', 'load avg start / end'],
    rows: passes.map(([name, p]) => [
      name,
      p.timed.enterprises,
      p.timed.graded,
      p.timed.alreadyGraded,
      p.timed.notGraded,
      p.timed.failed,
      p.timed.wallSeconds,
      Math.round(p.timed.handlerMs / 100) / 10,
      p.perEnterpriseMs,
      p.cost.rru,
      p.cost.wru,
      p.cost.lambdaGbSeconds,
      p.cost.eventBridgeEvents,
      `$${p.cost.totalUsd.toFixed(4)}`,
      `${p.timed.loadAverage[0]} / ${p.timed.loadAverage[1]}`,
    ]),
    after: [
      ...passes.map(
        ([name, p]) =>
          `${name}: ${p.cost.lines.map((l) => `${l.service} ${l.quantity.toLocaleString('en')} ${l.unit} $${l.usd}`).join('; ')}. DynamoDB calls ${fmt(p.cost.dynamodbCalls)}. ` +
          `CPU of the bench process during the timed run ${p.timed.cpuSeconds} s; grade records of the period after it ${p.timed.recordsInTable}. ` +
          (g.timedOn === 'unmetered' ? `Metered twin: ${p.metered.wallSeconds} s wall, ${p.metered.enterprises} enterprises (${p.metered.graded} graded now), load ${p.metered.loadAverage.join(' / ')}.` : '') +
          (p.cost.sqsCallsLeftOut ? ` ${p.cost.sqsCallsLeftOut} SQS calls of the consumers' pollers in the window are left out.` : '') +
          (p.cost.unmetered ? ` ${p.cost.unmetered} DynamoDB exchange(s) could not be metered.` : ''),
      ),
      `Grades of the first run: ${fmt(g.first.timed.byGrade)}, ${g.first.timed.notGraded} not graded.`,
      ...[...new Set([g.first.timed, g.first.metered, g.again.timed, g.again.metered])].flatMap((run) => (run.error ? [`Period ${run.period}: the invocation failed — ${run.error}.`] : [])),
      `The function ran in a worker thread of this machine, on a whole core when one was free; Lambda allocates CPU in proportion to memory (one vCPU at 1,769 MB), so at ${g.function.memoryMb} MB it has about ${Math.round((g.function.memoryMb / 1769) * 100)}% of a vCPU and CPU-bound work takes longer there; DynamoDB Local is not DynamoDB either: the times are this machine’s.`,
    ],
  };
}

const short = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : String(n));
const fmt = (record: Record<string, number>) =>
  Object.entries(record)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

function header(r: BenchResults): string[] {
  const s = r.stamp;
  return [
    `${r.mode === 'quick' ? 'QUICK run' : 'Full run'} — ${s.date} — Node ${s.node} — ${s.cpuModel}, ${s.cores} cores, ${s.memoryGb} GB — ${s.platform}`,
    `wall time ${Math.round(r.wallSeconds)} s (${Object.entries(r.phaseSeconds)
      .map(([k, v]) => `${k} ${Math.round(v)} s`)
      .join(', ')}); load average at start ${s.loadAverage.join(' / ')}`,
  ];
}

export function renderText(r: BenchResults): string {
  const parts = [...header(r), ''];
  for (const s of sections(r)) {
    parts.push(`== ${s.title}`);
    if (s.lead) parts.push(s.lead);
    parts.push(textTable(s.headers, s.rows));
    if (s.after) parts.push(...s.after);
    parts.push('');
  }
  if (r.notes.length) parts.push('Notes:', ...r.notes.map((n) => `- ${n}`));
  return parts.join('\n');
}

export function renderMarkdown(r: BenchResults): string {
  const parts = [`# Anxin bench results`, '', ...header(r).map((l) => `${l}  `), ''];
  for (const s of sections(r)) {
    parts.push(`## ${s.title}`, '');
    if (s.lead) parts.push(s.lead, '');
    parts.push(markdownTable(s.headers, s.rows), '');
    if (s.after) parts.push(...s.after, '');
  }
  if (r.notes.length) parts.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  return parts.join('\n');
}
