/**
 * The event EventBridge sends a function for a schedule rule
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html):
 * `{version, id, detail-type: "Scheduled Event", source: "aws.events", account, time,
 * region, resources: [ruleArn], detail: {}}`, `time` being the scheduled time in UTC
 * without milliseconds. A target with Input receives that constant JSON instead.
 */
import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';

export type ScheduledEvent = EventBridgeEvent<'Scheduled Event', Record<string, never>>;

export function scheduledEvent(opts: { ruleArn: string; account: string; region: string; timeMs: number }): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: opts.account,
    time: new Date(opts.timeMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: opts.region,
    resources: [opts.ruleArn],
    detail: {},
  };
}

/** Region and account from `arn:<partition>:events:<region>:<account>:rule/<name>`. */
export function ruleArnParts(ruleArn: string | undefined): { region?: string; account?: string } {
  const parts = ruleArn?.split(':') ?? [];
  return parts.length >= 6 ? { region: parts[3], account: parts[4] } : {};
}
