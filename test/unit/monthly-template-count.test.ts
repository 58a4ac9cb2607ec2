/**
 * Counting a stage's fixed items from its templates (bench/monthly/fixed.ts), on a fixture
 * shaped like what CDK synthesizes: two stacks, a queue exported by one and polled through
 * Fn::ImportValue by the other.
 */
import { describe, expect, it } from 'vitest';
import { countTemplates, runsPerMonth, type Template } from '../../bench/monthly/fixed';

const stateful: Template = {
  Resources: {
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    HmacKey: { Type: 'AWS::KMS::Key', Properties: { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' } },
    OrdersQueue: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
    HooksQueue: { Type: 'AWS::SQS::Queue', Properties: {} },
    Table: {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        GlobalSecondaryIndexes: [{ IndexName: 'gsi1' }, { IndexName: 'gsi2' }],
        Replicas: [{ Region: 'us-east-1', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }],
      },
    },
    Archive: { Type: 'AWS::Events::Archive', Properties: { RetentionDays: 365 } },
    Forward: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: ['anxin'] }, Targets: [{ Arn: { 'Fn::GetAtt': ['HooksQueue', 'Arn'] } }] } },
  },
  Outputs: {
    OrdersArn: { Value: { 'Fn::GetAtt': ['OrdersQueue', 'Arn'] }, Export: { Name: 'Stateful:OrdersArn' } },
  },
};

const api: Template = {
  Resources: {
    Consumer: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: 256, Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } } },
    Daily: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: 1769, Architectures: ['arm64'] } },
    ConsumerLogs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } },
    DailyLogs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } },
    OrdersMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::ImportValue': 'Stateful:OrdersArn' }, FunctionName: { Ref: 'Consumer' } } },
    HooksMapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: { 'Fn::GetAtt': ['HooksQueue', 'Arn'] }, FunctionName: { Ref: 'Consumer' } } },
    DailyRule: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'cron(0 18 * * ? *)', Targets: [{ Arn: { 'Fn::GetAtt': ['Daily', 'Arn'] } }] } },
    ErrorsAlarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: 'Errors', Namespace: 'AWS/Lambda', Period: 300 } },
    FastAlarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { MetricName: 'Age', Namespace: 'AWS/SQS', Period: 10 } },
    MathAlarm: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Metrics: [
          { Id: 'a', MetricStat: { Metric: { MetricName: 'Errors' }, Period: 60 } },
          { Id: 'b', MetricStat: { Metric: { MetricName: 'Errors' }, Period: 60 } },
          { Id: 'sum', Expression: 'a + b' },
        ],
      },
    },
    Composite: { Type: 'AWS::CloudWatch::CompositeAlarm', Properties: { AlarmRule: 'ALARM(ErrorsAlarm)' } },
    Board: { Type: 'AWS::CloudWatch::Dashboard', Properties: {} },
  },
};

describe('countTemplates', () => {
  const inventory = countTemplates([stateful, api]);

  it('counts keys, alarm metrics (a math alarm pays per metric it reads), composites and dashboards', () => {
    expect(inventory.kmsKeys).toEqual([
      { id: 'Key', spec: 'SYMMETRIC_DEFAULT', rotation: true },
      { id: 'HmacKey', spec: 'HMAC_256', rotation: false },
    ]);
    expect(inventory.alarms).toBe(3);
    expect(inventory.alarmMetrics).toEqual({ standard: 3, highResolution: 1 });
    expect(inventory.compositeAlarms).toBe(1);
    expect(inventory.dashboards).toBe(1);
  });

  it('resolves a poller’s queue across stacks to tell FIFO from standard', () => {
    expect(inventory.sqsPollers).toEqual([
      { id: 'OrdersMapping', queue: 'OrdersQueue', fifo: true },
      { id: 'HooksMapping', queue: 'HooksQueue', fifo: false },
    ]);
  });

  it('finds the table’s backups, the archive, log retention, tracing and the scheduled function', () => {
    expect(inventory.tables).toEqual([{ id: 'Table', pitr: true, indexes: 2, replicas: 1 }]);
    expect(inventory.eventArchives).toEqual([{ id: 'Archive', retentionDays: 365 }]);
    expect(inventory.logGroups.map((g) => g.retentionDays)).toEqual([365, 30]);
    expect([inventory.functions, inventory.tracedFunctions]).toEqual([2, 1]);
    expect(inventory.schedules).toEqual([{ rule: 'DailyRule', expression: 'cron(0 18 * * ? *)', runsPerMonth: 730 / 24, function: 'Daily', memoryMb: 1769, architecture: 'arm64' }]);
    expect(inventory.free).toEqual({ eventRules: 2, httpApis: 0, snsTopics: 0, queues: 2 });
  });
});

describe('runsPerMonth (an average month of 730 hours)', () => {
  it('reads rate() and cron() expressions', () => {
    const days = 730 / 24;
    expect(runsPerMonth('rate(5 minutes)')).toBeCloseTo(288 * days, 9);
    expect(runsPerMonth('rate(1 hour)')).toBeCloseTo(24 * days, 9);
    expect(runsPerMonth('cron(0 18 * * ? *)')).toBeCloseTo(days, 9);
    expect(runsPerMonth('cron(30 18 * * ? *)')).toBeCloseTo(days, 9);
    // The 5th of every month: once.
    expect(runsPerMonth('cron(0 18 5 * ? *)')).toBe(1);
    expect(runsPerMonth('cron(0/15 * * * ? *)')).toBeCloseTo(4 * 24 * days, 9);
    expect(runsPerMonth('cron(0 9 ? * MON-FRI *)')).toBeCloseTo((5 / 7) * days, 9);
    expect(() => runsPerMonth('every day')).toThrow();
  });
});
