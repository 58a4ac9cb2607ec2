/**
 * The alarm every function without a caller waiting on it carries (queue consumers,
 * scheduled jobs): any error in `period` raises it, and its recovery is announced too.
 * Nothing else notices such a function failing.
 */
import type { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { physicalName, type StageConfig } from '../config';

export interface FunctionErrorsAlarmProps {
  readonly config: StageConfig;
  readonly fn: lambda.IFunction;
  /** Becomes `anxin-<stage>-<name>`. */
  readonly name: string;
  readonly description: string;
  readonly period: Duration;
  readonly action: cloudwatch.IAlarmAction;
}

/** Created as `ErrorsAlarm` under `scope`. */
export function functionErrorsAlarm(scope: Construct, props: FunctionErrorsAlarmProps): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, 'ErrorsAlarm', {
    alarmName: physicalName(props.config, props.name),
    alarmDescription: props.description,
    metric: props.fn.metricErrors({ period: props.period, statistic: 'Sum' }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(props.action);
  alarm.addOkAction(props.action);
  return alarm;
}
