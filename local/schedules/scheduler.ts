/**
 * startSchedules: fires each enabled schedule rule at its next time (UTC), invoking the
 * target function with the Scheduled Event (or the target's Input). EventBridge invokes
 * Lambda asynchronously: a fire does not wait for the previous one, and, given
 * `invokeAsync` (the platform's), a function error is retried as Lambda retries it.
 * Missed fires (machine asleep) are skipped, not caught up — EventBridge does not replay
 * them either. runNow(logicalId) fires one at once, enabled or not (tests, admins).
 */
import type { InvokeResult } from '../lambda';
import type { LocalSchedule } from '../topology';
import { nextFireTime, parseScheduleExpression, ScheduleExpressionError, type ScheduleExpression } from './schedule-expression';
import { ruleArnParts, scheduledEvent } from './scheduled-event';

/** setTimeout cannot wait longer than 2^31-1 ms (~24.8 days); longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface SchedulesOptions {
  schedules: readonly LocalSchedule[];
  invoke: (functionLogicalId: string, event: unknown) => Promise<InvokeResult>;
  log?: (line: string) => void;
  /** Clock (epoch ms); tests pass a fake one (timers come from setTimeout, fakeable too). */
  now?: () => number;
  /**
   * Whether the function's resource policy lets EventBridge invoke it from the rule
   * (AWS::Lambda::Permission; local/iam). A refused fire is logged, and fails as an
   * AccessDeniedException without running the function. Absent = always.
   */
  mayInvoke?: (functionLogicalId: string, ruleArn: string) => boolean;
  /**
   * Lambda's asynchronous invocation (local/lambda/async-invoke.ts): a timer's fire is handed
   * to it, as EventBridge invokes a schedule's target asynchronously — retried after a
   * function error as the function's EventInvokeConfig says. Absent: one attempt, logged.
   * runNow always invokes synchronously and returns the result (an operator's run).
   */
  invokeAsync?: (functionLogicalId: string, event: unknown) => void;
  /** Fallbacks when a schedule has no ruleArn. */
  region?: string;
  accountId?: string;
}

export interface Schedules {
  /** Fires the schedule now and resolves with the invocation's result. */
  runNow(logicalId: string): Promise<InvokeResult>;
  /** Next fire time (epoch ms) of each enabled schedule; undefined when it never fires again. */
  nextFireTimes(): Record<string, number | undefined>;
  stop(): void;
}

interface Armed {
  schedule: LocalSchedule;
  expression: ScheduleExpression;
  next?: number;
  timer?: ReturnType<typeof setTimeout>;
}

export function startSchedules(opts: SchedulesOptions): Schedules {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const startedAt = now();
  let stopped = false;

  // Parse everything first: a bad expression fails the start, naming the rule.
  const armed = new Map<string, Armed>();
  for (const schedule of opts.schedules) {
    let expression: ScheduleExpression;
    try {
      expression = parseScheduleExpression(schedule.scheduleExpression);
      if (schedule.input !== undefined) JSON.parse(schedule.input);
    } catch (error) {
      throw new ScheduleExpressionError(schedule.scheduleExpression, `rule ${schedule.logicalId}: ${(error as Error).message}`);
    }
    armed.set(schedule.logicalId, { schedule, expression });
  }

  const fire = (entry: Armed, timeMs: number, asynchronously = false): Promise<InvokeResult | undefined> => {
    const { schedule } = entry;
    const ruleArn = schedule.ruleArn ?? `arn:aws:events:${opts.region ?? 'local'}:${opts.accountId ?? '000000000000'}:rule/${schedule.logicalId}`;
    const arnParts = ruleArnParts(schedule.ruleArn);
    const event =
      schedule.input !== undefined
        ? (JSON.parse(schedule.input) as unknown)
        : scheduledEvent({
            ruleArn,
            account: arnParts.account ?? opts.accountId ?? '000000000000',
            region: arnParts.region ?? opts.region ?? 'local',
            timeMs,
          });
    const started = now();
    const label = `[schedule] ${schedule.logicalId} (${schedule.scheduleExpression}) -> ${schedule.functionLogicalId}`;
    if (opts.mayInvoke && !opts.mayInvoke(schedule.functionLogicalId, ruleArn)) {
      const errorMessage = `events.amazonaws.com may not invoke ${schedule.functionLogicalId} from ${ruleArn}: no AWS::Lambda::Permission allows it`;
      log(`${label}: failed: AccessDeniedException: ${errorMessage}`);
      return Promise.resolve({ ok: false, requestId: '', error: { errorType: 'AccessDeniedException', errorMessage }, durationMs: 0, coldStart: false });
    }
    if (asynchronously && opts.invokeAsync) {
      log(`${label}: fired (asynchronous invocation)`);
      opts.invokeAsync(schedule.functionLogicalId, event);
      return Promise.resolve(undefined);
    }
    return opts.invoke(schedule.functionLogicalId, event).then(
      (result) => {
        log(result.ok ? `${label}: ok in ${now() - started} ms` : `${label}: failed: ${result.error.errorType}: ${result.error.errorMessage}`);
        return result;
      },
      (error: Error) => {
        log(`${label}: could not invoke: ${error.message}`);
        throw error;
      },
    );
  };

  const arm = (entry: Armed, after: number) => {
    if (stopped) return;
    entry.next = nextFireTime(entry.expression, after, startedAt);
    if (entry.next === undefined) return;
    const wait = () => {
      const remaining = entry.next! - now();
      entry.timer = setTimeout(() => {
        if (stopped) return;
        if (now() < entry.next!) return wait(); // a long wait, re-armed in steps
        const due = entry.next!;
        void fire(entry, due, true).catch(() => {});
        arm(entry, Math.max(due, now()));
      }, Math.min(Math.max(0, remaining), MAX_TIMER_MS));
    };
    wait();
  };

  for (const entry of armed.values()) {
    if (!entry.schedule.enabled) continue;
    arm(entry, startedAt);
    log(`[schedule] ${entry.schedule.logicalId} (${entry.schedule.scheduleExpression}) -> ${entry.schedule.functionLogicalId}: next ${entry.next === undefined ? 'never' : new Date(entry.next).toISOString()}`);
  }

  return {
    runNow(logicalId) {
      const entry = armed.get(logicalId);
      if (!entry) return Promise.reject(new Error(`no schedule ${logicalId} (schedules: ${[...armed.keys()].join(', ') || 'none'})`));
      return fire(entry, now()) as Promise<InvokeResult>;
    },
    nextFireTimes() {
      return Object.fromEntries([...armed.values()].filter((e) => e.schedule.enabled).map((e) => [e.schedule.logicalId, e.next]));
    },
    stop() {
      stopped = true;
      for (const entry of armed.values()) clearTimeout(entry.timer);
    },
  };
}
