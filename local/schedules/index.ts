/** EventBridge schedule rules, locally: parse rate/cron, fire on time, invoke the target. */
export { startSchedules, type Schedules, type SchedulesOptions } from './scheduler';
export { nextFireTime, parseScheduleExpression, ScheduleExpressionError, type ScheduleExpression } from './schedule-expression';
export { CronError, nextCronTime, parseCron, type CronSpec } from './cron';
export { scheduledEvent, type ScheduledEvent } from './scheduled-event';
