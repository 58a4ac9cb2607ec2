/**
 * Cost: runs each built command on a METERED platform (local/metering: proxies in front
 * of DynamoDB Local and SQS, every invocation and log line recorded), after a warm-up that
 * is not counted, until every event is applied and the queues are drained; then prices the
 * usage with the dated price file. Everything counted in the window is charged to the
 * command, including the pollers' empty long polls and the authorizer (whose answer the
 * HTTP API caches for 60 s, as in AWS).
 */
import { scaleLambda, sum, type Usage } from '../../local/metering/usage';
import type { LambdaSample } from '../throughput/phase';
import { Meter } from '../../local/metering';
import { accessLogFormat, hasActiveTracing, type Assembly } from '../lib/assembly';
import { startBenchPlatform, type BenchPlatform } from '../lib/platform';
import { step } from '../lib/progress';
import { median, round } from '../lib/stats';
import { awaitSettled } from '../throughput/await-applied';
import { COMMANDS, type CommandSpec } from './commands';
import { floorVerdict, loadPrices, perCommand, priceUsage, shapeFloor, type CostLine, type Prices } from './pricing';
import { awaitQueuesDrained } from './queue-drain';
import { storedBytes } from './stored-bytes';

export interface FunctionRow {
  function: string;
  invocationsPerCommand: number;
  medianDurationMs: number;
  billedMsPerCommand: number;
  coldStarts: number;
  logBytesPerCommand: number;
}

export interface CommandCost {
  name: string;
  measured: boolean;
  note?: string;
  commands?: number;
  concurrency?: number;
  perMillionUsd?: number;
  /** pricing.ts `shapeFloor` per million: requests alone, and writes as if every item were under 1 KB. */
  floorPerMillion?: { requestsUsd: number; writesUsd: number };
  linesPerMillion?: CostLine[];
  perCommand?: {
    httpRequests: number;
    sqsCalls: Record<string, number>;
    sqsEmptyReceives: number;
    dynamodbCalls: Record<string, number>;
    wru: number;
    /** Table + index WRU if every item were under 1 KB. */
    wruUnderOneKb: number;
    indexWru: Record<string, number>;
    rru: number;
  };
  functions?: FunctionRow[];
  /** Where the Lambda figures come from. */
  lambdaSource?: string;
  /** Priced total ÷ floor. */
  floorRatio?: number;
  /** The priced lines the floor leaves out, USD per million: why the total is above the floor. */
  aboveFloorPerMillion?: Record<string, number>;
  verdict?: string;
  unmetered?: number;
  /** Bytes the command left in the table (items and index entries, as DynamoDB bills storage), per command. */
  storedBytesPerCommand?: number;
}

/**
 * `lambdaFrom`: Lambda usage of the same command measured on the UNMETERED platform at the
 * same concurrency (throughput phase). The metering proxy reads each written item before
 * and after the write, which lengthens every handler that writes; so when such a sample
 * exists, Lambda invocations, durations and log bytes are taken from it, and only the
 * DynamoDB, SQS and HTTP counts from the metered run.
 */
export async function costPhase(
  assembly: Assembly,
  opts: { count: number; concurrency: number; lambdaFrom?: Record<string, LambdaSample> },
): Promise<{ prices: Prices; commands: CommandCost[] }> {
  const prices = loadPrices();
  const routeKeys = assembly.topology.httpApis.flatMap((a) => a.routes.map((r) => r.routeKey));
  const results: CommandCost[] = [];
  // One metered platform for every command: each command's window opens after its own
  // warm-up has settled and the queues have drained (meter.reset), so what one command left
  // behind is not charged to the next. A platform per command cost a DynamoDB Local start
  // each, most of the phase's time in a quick run.
  const meter = new Meter({
    tracing: (fn) => hasActiveTracing(assembly, fn.logicalId),
    accessLogFormat: accessLogFormat(assembly),
  });
  let bench: BenchPlatform | undefined;
  try {
    for (const spec of COMMANDS) {
      const missing = spec.routes.filter((r) => !routeKeys.includes(r));
      if (!spec.drive || missing.length > 0) {
        const hinted = spec.hints ? routeKeys.filter((r) => spec.hints!.test(r)) : [];
        const note = missing.length > 0 ? `not measured: route(s) ${missing.join(', ')} not in the template` : spec.notBuilt;
        results.push({
          name: spec.name,
          measured: false,
          note: hinted.length ? `${note}; ${hinted.length} related route(s) already in the template, no bench driver yet` : note,
        });
        continue;
      }
      bench ??= await startBenchPlatform(assembly, meter, 'local platform (metered)');
      results.push(await measureCommand({ ...spec, drive: spec.drive }, bench, meter, assembly, prices, opts));
    }
  } finally {
    await bench?.stop();
    await meter.close();
  }
  return { prices, commands: results };
}

type MeasuredSpec = CommandSpec & { drive: NonNullable<CommandSpec['drive']> };

/** One command's window on the metered platform: warm-up (not counted), then `count` commands until applied and drained. */
async function measureCommand(
  spec: MeasuredSpec,
  bench: BenchPlatform,
  meter: Meter,
  assembly: Assembly,
  prices: Prices,
  opts: { count: number; concurrency: number; lambdaFrom?: Record<string, LambdaSample> },
): Promise<CommandCost> {
  const ctx = {
    apiUrl: bench.platform.apiUrl,
    apiKey: bench.enterprise.apiKey,
    tenantId: bench.enterprise.tenantId,
    store: bench.store,
    observe: (r: Parameters<Meter['recordHttpRequest']>[0]) => meter.recordHttpRequest(r),
    insurerSqsEndpoint: await meter.endpointFor('sqs', bench.platform.sqsEndpoint),
    accountId: bench.platform.topology.accountId,
  };
  const count = Math.max(opts.concurrency, Math.round(opts.count * (spec.countShare ?? 1)));
  // Enough to start every function's environments; small beside the measured count.
  const warmCount = Math.min(20, Math.ceil(count / 2));
  const prepared = await spec.prepare?.(ctx, warmCount + count);
  const warm = await spec.drive(ctx, warmCount, opts.concurrency, prepared);
  await awaitSettled(bench.store, bench.enterprise.tenantId, warm.eventIds, 60_000);
  await awaitQueuesDrained(bench.platform.sqsEndpoint, bench.platform.topology);
  const bytesBefore = await storedBytes(bench.client, bench.store.tableName);
  meter.reset();

  const run = await spec.drive(ctx, count, opts.concurrency, prepared);
  const settled = await awaitSettled(bench.store, bench.enterprise.tenantId, run.eventIds, 300_000);
  const drained = await awaitQueuesDrained(bench.platform.sqsEndpoint, bench.platform.topology);
  if (!drained || settled.pending > 0) step(`cost window closed with ${settled.pending} unapplied events, queues drained: ${drained}`);
  const usage = meter.take();
  const bytesAfter = await storedBytes(bench.client, bench.store.tableName);
  // Commands driven (a lifecycle is one command of this kind, however many requests it makes).
  const n = count;
  const sample = opts.lambdaFrom?.[spec.name];
  if (sample) usage.lambda = scaleLambda(sample.lambda, n / sample.commands);
  const cost = describe(spec.name, usage, n, opts.concurrency, prices, serviceNames(assembly));
  const notAccepted = Object.values(run.failures).reduce((a, b) => a + b, 0);
  if (settled.rejected > 0 || notAccepted > 0 || settled.pending > 0) {
    cost.note = `${settled.rejected} event(s) rejected, ${settled.pending} not applied, ${notAccepted} request(s) not accepted (${JSON.stringify(run.failures)}): the figure covers what did happen`;
  }
  cost.storedBytesPerCommand = Math.round((bytesAfter - bytesBefore) / n);
  cost.lambdaSource = sample
    ? `unmetered platform, ${sample.commands} commands at concurrency ${sample.concurrency} (throughput phase)`
    : 'metered platform (handler durations include the proxy’s side reads: an over-estimate)';
  return cost;
}

const serviceNames = (assembly: Assembly) =>
  new Map(assembly.topology.functions.map((f) => [f.functionName, f.environment.POWERTOOLS_SERVICE_NAME ?? f.logicalId]));

function describe(name: string, usage: Usage, n: number, concurrency: number, prices: Prices, names: Map<string, string>): CommandCost {
  const { lines } = priceUsage(usage, prices);
  const linesPerMillion = perCommand(lines, n).map((l) => ({ ...l, quantity: l.quantity * 1e6, usd: l.usd * 1e6 }));
  const perMillionUsd = linesPerMillion.reduce((s, l) => s + l.usd, 0);
  const floor = shapeFloor(usage, prices);
  const per = (record: Record<string, number>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, round(v / n, 3)]));
  const floorPerMillion = ((floor.requestsUsd + floor.writesUsd) / n) * 1e6;
  const usdOf = (service: string) => linesPerMillion.find((l) => l.service === service)?.usd ?? 0;
  // What the floor leaves out, as priced: each is a reason a command sits above it.
  const aboveFloor = {
    'Lambda duration': round(usdOf('Lambda duration'), 3),
    'CloudWatch Logs': round(usdOf('CloudWatch Logs'), 3),
    'DynamoDB reads': round(usdOf('DynamoDB reads'), 3),
    'DynamoDB writes of items over 1 KB': round(usdOf('DynamoDB writes') - (floor.writesUsd / n) * 1e6, 3),
  };
  return {
    name,
    measured: true,
    commands: n,
    concurrency,
    perMillionUsd: round(perMillionUsd, 2),
    floorPerMillion: { requestsUsd: round((floor.requestsUsd / n) * 1e6, 2), writesUsd: round((floor.writesUsd / n) * 1e6, 2) },
    linesPerMillion: linesPerMillion.map((l) => ({ ...l, quantity: Math.round(l.quantity), usd: round(l.usd, 3) })),
    perCommand: {
      httpRequests: round(sum(usage.http.requests) / n, 3),
      sqsCalls: per(usage.sqs.calls),
      sqsEmptyReceives: round(usage.sqs.emptyReceives / n, 3),
      dynamodbCalls: per(usage.dynamodb.calls),
      wru: round(sum(usage.dynamodb.tableWru) / n, 3),
      wruUnderOneKb: round(usage.dynamodb.wruUnderOneKb / n, 3),
      indexWru: per(usage.dynamodb.indexWru),
      rru: round(sum(usage.dynamodb.rru) / n, 3),
    },
    functions: Object.entries(usage.lambda).map(([fn, f]) => ({
      function: names.get(fn) ?? fn,
      invocationsPerCommand: round(f.invocations / n, 3),
      medianDurationMs: round(median(f.durationsMs), 1),
      billedMsPerCommand: round(f.billedMs / n, 2),
      coldStarts: f.coldStarts,
      logBytesPerCommand: Math.round((f.functionLogBytes + f.platformLogBytes) / n),
    })),
    floorRatio: round(perMillionUsd / floorPerMillion, 3),
    aboveFloorPerMillion: aboveFloor,
    verdict: floorVerdict(perMillionUsd, floorPerMillion, aboveFloor),
    unmetered: usage.dynamodb.unmetered,
  };
}
