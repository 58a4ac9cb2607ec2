/**
 * Credit grading at the programme's size, run as production runs it: the platform's
 * `invoke` of the template's monthly grading function (the schedule target whose service
 * is `credit-grading`) with `{ "period": "YYYY-MM" }`, as an admin's `aws lambda invoke`
 * would. A run grades every enterprise of the table; run again, it finds them graded.
 *
 * Time and Lambda usage come from a platform WITHOUT metering proxies (the meter only sees
 * invocations and log lines); DynamoDB, EventBridge and log usage from a run of the same
 * shape on a METERED platform over the same data (the proxy adds a hop and side reads to
 * every call, which would lengthen the function). The same split as the cost phase.
 */
import { loadavg } from 'node:os';
import { emptyUsage, sum, type Usage } from '../../local/metering/usage';
import type { Platform } from '../../local/platform';
import type { StoreContext } from '../../shared/store/client';
import { creditGradesRepository } from '../../shared/store/credit-grades-repository';
import type { CostLine, Prices } from '../cost/pricing';
import { priceUsage } from '../cost/pricing';
import type { Assembly } from '../lib/assembly';
import { step } from '../lib/progress';
import { round } from '../lib/stats';

export const GRADING_SERVICE = 'credit-grading';

/** What one invocation did, as the function reported it and as the table shows it. */
export interface GradingRun {
  period: string;
  /** Wall time of the invoke, as the caller waited for it (s). */
  wallSeconds: number;
  /** The handler's own duration (Lambda's "Duration"), ms. */
  handlerMs: number;
  /**
   * CPU seconds this process used during the invoke: the function's worker thread, and the
   * platform's main thread (idle but for the invoke when no metering proxy is in it).
   */
  cpuSeconds: number;
  coldStart: boolean;
  /** Enterprises the run went through: graded now + found graded + failed. */
  enterprises: number;
  graded: number;
  alreadyGraded: number;
  failed: number;
  notGraded: number;
  byGrade: Record<string, number>;
  /** Grade records of the period in the table after the run. */
  recordsInTable: number;
  /** The invocation's error (a timeout included), when it failed. */
  error?: string;
  /** 1-minute load average when the run started and when it ended. */
  loadAverage: [number, number];
}

/** The grading function of the template: the target of the schedule whose function's service is `credit-grading`. */
export function gradingFunction(assembly: Assembly): { logicalId: string; memoryMb: number; timeoutSeconds: number } {
  const { functions, schedules } = assembly.topology;
  const fn = functions.find((f) => f.environment.POWERTOOLS_SERVICE_NAME === GRADING_SERVICE && schedules.some((s) => s.functionLogicalId === f.logicalId));
  if (!fn) throw new Error(`no scheduled function with service ${GRADING_SERVICE} in the template`);
  return { logicalId: fn.logicalId, memoryMb: fn.memoryMb, timeoutSeconds: fn.timeoutSeconds };
}

export async function invokeGrading(platform: Platform, store: StoreContext, logicalId: string, period: string, label: string): Promise<GradingRun> {
  step(`credit grading ${period} (${label})…`);
  const load = () => round(loadavg()[0]!, 2);
  const loadAtStart = load();
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const result = await platform.invoke(logicalId, { period });
  const cpu = process.cpuUsage(cpuAtStart);
  const wallSeconds = (performance.now() - started) / 1000;
  const loadAtEnd = load();
  const recordsInTable = (await creditGradesRepository(store).ofPeriod(period)).length;
  const report = (result.ok ? result.result : undefined) as
    | { graded: number; alreadyGraded: number; failed: unknown[]; notGraded: number; byGrade: Record<string, number> }
    | undefined;
  const run: GradingRun = {
    period,
    wallSeconds: round(wallSeconds, 2),
    handlerMs: round(result.durationMs, 0),
    cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
    coldStart: result.coldStart,
    enterprises: report ? report.graded + report.alreadyGraded + report.failed.length : 0,
    graded: report?.graded ?? 0,
    alreadyGraded: report?.alreadyGraded ?? 0,
    failed: report?.failed.length ?? 0,
    notGraded: report?.notGraded ?? 0,
    byGrade: report?.byGrade ?? {},
    recordsInTable,
    loadAverage: [loadAtStart, loadAtEnd],
  };
  if (!result.ok) run.error = `${result.error.errorType}: ${result.error.errorMessage}`;
  step(`  ${run.graded} graded, ${run.alreadyGraded} already, ${run.failed} failed in ${run.wallSeconds} s${run.error ? ` — ${run.error}` : ''}`);
  return run;
}

/** A run's metered usage, priced: DynamoDB and EventBridge from the metered run, Lambda from the unmetered one. */
export interface GradingCost {
  rru: number;
  /** Table + index write units. */
  wru: number;
  dynamodbCalls: Record<string, number>;
  lambdaGbSeconds: number;
  lambdaInvocations: number;
  eventBridgeEvents: number;
  logBytes: number;
  unmetered: number;
  /** SQS calls in the window (the consumers' pollers, not the grading): left out of the price. */
  sqsCallsLeftOut: number;
  lines: CostLine[];
  totalUsd: number;
}

export function gradingCost(metered: Usage, lambdaFrom: Usage['lambda'], prices: Prices): GradingCost {
  // The pollers long-poll their queues whether or not a grading runs; the grading sends no message.
  const usage: Usage = { ...metered, sqs: emptyUsage().sqs, lambda: lambdaFrom };
  const { lines, totalUsd } = priceUsage(usage, prices);
  const fns = Object.values(lambdaFrom);
  return {
    rru: round(sum(metered.dynamodb.rru), 1),
    wru: round(sum(metered.dynamodb.tableWru) + sum(metered.dynamodb.indexWru), 1),
    dynamodbCalls: metered.dynamodb.calls,
    lambdaGbSeconds: round(fns.reduce((n, f) => n + f.gbSeconds, 0), 2),
    lambdaInvocations: fns.reduce((n, f) => n + f.invocations, 0),
    eventBridgeEvents: metered.eventbridge.events,
    logBytes: fns.reduce((n, f) => n + f.functionLogBytes + f.platformLogBytes, 0),
    unmetered: metered.dynamodb.unmetered,
    sqsCallsLeftOut: sum(metered.sqs.calls),
    lines: lines.filter((l) => l.quantity > 0).map((l) => ({ ...l, quantity: round(l.quantity, 2), usd: round(l.usd, 5) })),
    totalUsd: round(totalUsd, 4),
  };
}
