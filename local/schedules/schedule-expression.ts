/**
 * EventBridge schedule expressions: `rate(value unit)` and `cron(...)` (see cron.ts).
 * Rate units are minute(s), hour(s), day(s): singular exactly when the value is 1, as
 * EventBridge requires ("rate(1 minutes)" and "rate(5 minute)" are rejected there too).
 */
import { CronError, nextCronTime, parseCron, type CronSpec } from './cron';

export type ScheduleExpression = { kind: 'rate'; periodMs: number; expression: string } | { kind: 'cron'; spec: CronSpec; expression: string };

export class ScheduleExpressionError extends Error {
  constructor(expression: string, message: string) {
    super(`schedule expression ${JSON.stringify(expression)}: ${message}`);
    this.name = 'ScheduleExpressionError';
  }
}

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseScheduleExpression(expression: string): ScheduleExpression {
  const rate = /^rate\((.*)\)$/.exec(expression.trim());
  if (rate) {
    const match = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(rate[1]!);
    if (!match) throw new ScheduleExpressionError(expression, 'expected rate(<positive integer> minute|minutes|hour|hours|day|days)');
    const value = Number(match[1]);
    const unit = match[2]!;
    const plural = unit.endsWith('s');
    if (value < 1) throw new ScheduleExpressionError(expression, 'the rate must be a positive integer');
    if (plural !== value > 1) {
      throw new ScheduleExpressionError(expression, `use "${unit.replace(/s$/, '')}" for 1 and "${unit.replace(/s?$/, 's')}" for more than 1`);
    }
    return { kind: 'rate', periodMs: value * UNIT_MS[unit.replace(/s$/, '')]!, expression };
  }
  const cron = /^cron\((.*)\)$/.exec(expression.trim());
  if (cron) {
    try {
      return { kind: 'cron', spec: parseCron(cron[1]!), expression };
    } catch (error) {
      if (error instanceof CronError) throw new ScheduleExpressionError(expression, error.message);
      throw error;
    }
  }
  throw new ScheduleExpressionError(expression, 'expected rate(...) or cron(...) (at(...) one-time schedules belong to EventBridge Scheduler)');
}

/**
 * The next fire time strictly after `afterMs`. A rate schedule counts whole periods from
 * `startedMs` (EventBridge counts from when the rule was created; locally that is when the
 * platform started). Undefined when a cron has no later fire time (past its last year).
 */
export function nextFireTime(schedule: ScheduleExpression, afterMs: number, startedMs: number): number | undefined {
  if (schedule.kind === 'cron') return nextCronTime(schedule.spec, afterMs);
  const periods = Math.max(1, Math.floor((afterMs - startedMs) / schedule.periodMs) + 1);
  return startedMs + periods * schedule.periodMs;
}
