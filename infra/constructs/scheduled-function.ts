/**
 * A function run on a schedule: an AnxinFunction, an EventBridge rule with a schedule
 * expression targeting it, and an alarm on its errors. The local platform runs the same
 * rule (local/template/map-schedules.ts → local/schedules), so there is one definition of
 * "when" for AWS and for `npm start`.
 *
 * EventBridge invokes the function asynchronously with a Scheduled Event whose `time` is
 * the scheduled time; jobs should take "now" from it (a late or repeated delivery then
 * works on the day it was meant for) and be idempotent (EventBridge delivers at least once).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { physicalName, type StageConfig } from '../config';
import { AnxinFunction } from './anxin-function';
import { functionErrorsAlarm } from './function-errors-alarm';

export interface ScheduledFunctionProps {
  readonly config: StageConfig;
  /** Entry file relative to the repository root, e.g. `functions/schedules/certificates-daily.ts`. */
  readonly entry: string;
  /** POWERTOOLS_SERVICE_NAME; also names the rule and the alarm. */
  readonly serviceName: string;
  readonly schedule: events.Schedule;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  /** Receives the errors alarm (and its recovery). */
  readonly alarmAction: cloudwatch.IAlarmAction;
}

export class ScheduledFunction extends Construct {
  readonly fn: AnxinFunction;
  readonly rule: events.Rule;
  readonly errorsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    const { config } = props;
    this.fn = new AnxinFunction(this, 'Function', {
      config,
      // A name an operator can type: jobs are also run by hand (`aws lambda invoke`).
      functionName: physicalName(config, props.serviceName),
      entry: props.entry,
      serviceName: props.serviceName,
      timeout: props.timeout,
      memorySize: props.memorySize,
      environment: props.environment,
    });
    this.rule = new events.Rule(this, 'Rule', {
      ruleName: physicalName(config, props.serviceName),
      description: props.description,
      schedule: props.schedule,
      // Two more tries within six hours if the invocation fails to be delivered or throttled.
      targets: [new targets.LambdaFunction(this.fn, { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });
    // A job that fails is silent otherwise: nobody waits for its answer.
    this.errorsAlarm = functionErrorsAlarm(this, {
      config,
      fn: this.fn,
      name: `${props.serviceName}-errors`,
      description: `${props.serviceName} (scheduled) failed.`,
      period: Duration.hours(1),
      action: props.alarmAction,
    });
  }
}
