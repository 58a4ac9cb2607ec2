/**
 * local/template: AWS::Events::EventBus and AWS::Events::Rule with an EventPattern →
 * Topology.eventBuses / eventRules, from small CDK apps synthesized here. The bus lives in
 * one stack and the rules in another (cross-stack import), as in the Anxin app; schedule
 * rules keep mapping to schedules.
 */
import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TemplateError, UnsupportedResourceError } from '../../local/template';
import type { Topology } from '../../local/topology';
import { cdkApps, TEST_ACCOUNT as ACCOUNT } from '../support/cdk-apps';
import { thrownBy } from '../support/thrown';

const REGION = 'cn-north-1';
const { newApp, read } = cdkApps('local-template-events', REGION);
const inlineFn = (stack: Stack, id: string) =>
  new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') });

describe('event buses and event-pattern rules', () => {
  let topology: Topology;
  beforeAll(() => {
    const { app, outdir } = newApp();
    const stateful = new Stack(app, 'Ev-dev-Stateful');
    const bus = new events.EventBus(stateful, 'Bus', { eventBusName: 'anxin-dev-events', description: 'domain events' });
    bus.archive('Archive', { eventPattern: { account: [Stack.of(stateful).account] }, retention: Duration.days(30) });

    const api = new Stack(app, 'Ev-dev-Api');
    const fifo = new sqs.Queue(api, 'InsurerQueue', { queueName: 'insurer.fifo', fifo: true, contentBasedDeduplication: true });
    const fn = inlineFn(api, 'Listener');
    new events.Rule(api, 'CheckIns', {
      ruleName: 'check-ins',
      eventBus: bus,
      eventPattern: {
        account: [Aws.ACCOUNT_ID],
        detailType: ['cn.anxin.order.checked-in.v1'],
        detail: { anxintenant: ['ten_A'], anxintraceseq: [{ numeric: ['>', 0] }] },
      },
      targets: [new targets.SqsQueue(fifo, { messageGroupId: 'orders' }), new targets.LambdaFunction(fn)],
    });
    new events.Rule(api, 'Paused', {
      eventBus: bus,
      enabled: false,
      eventPattern: { source: events.Match.prefix('/anxin/') },
      targets: [new targets.LambdaFunction(fn, { event: events.RuleTargetInput.fromObject({ job: 'x' }) })],
    });
    new events.Rule(api, 'OnDefaultBus', { eventPattern: { source: ['legacy'] }, targets: [new targets.LambdaFunction(fn)] });
    const insurer = new sqs.Queue(api, 'InsurerStandard', { queueName: 'insurer-demo' });
    const insurerDlq = new sqs.Queue(api, 'InsurerStandardDlq', { queueName: 'insurer-demo-dlq' });
    new events.Rule(api, 'ToInsurer', {
      eventBus: bus,
      eventPattern: { detailType: ['cn.anxin.claim.filed.v1'] },
      targets: [
        new targets.SqsQueue(insurer, {
          message: events.RuleTargetInput.fromEventPath('$.detail'),
          deadLetterQueue: insurerDlq,
          retryAttempts: 185,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
    new events.Rule(api, 'Nightly', { schedule: events.Schedule.rate(Duration.days(1)), targets: [new targets.LambdaFunction(fn)] });
    app.synth();
    topology = read(outdir);
  });

  const rule = (prefix: string) => topology.eventRules.find((r) => r.logicalId.startsWith(prefix))!;

  it('maps the custom bus with its name and local ARN (the archive is ignored)', () => {
    expect(topology.eventBuses).toEqual([
      {
        logicalId: expect.stringMatching(/^Bus/),
        name: 'anxin-dev-events',
        arn: `arn:aws-cn:events:${REGION}:${ACCOUNT}:event-bus/anxin-dev-events`,
        description: 'domain events',
      },
    ]);
  });

  it('maps a rule on the imported bus: name, ARN with the bus, resolved pattern, SQS (with group id) and Lambda targets', () => {
    const fifo = topology.queues.find((q) => q.queueName === 'insurer.fifo')!;
    const fn = topology.functions.find((f) => f.logicalId.startsWith('Listener'))!;
    expect(rule('CheckIns')).toEqual({
      logicalId: expect.stringMatching(/^CheckIns/),
      name: 'check-ins',
      arn: `arn:aws-cn:events:${REGION}:${ACCOUNT}:rule/anxin-dev-events/check-ins`,
      busName: 'anxin-dev-events',
      pattern: {
        account: [ACCOUNT],
        'detail-type': ['cn.anxin.order.checked-in.v1'],
        detail: { anxintenant: ['ten_A'], anxintraceseq: [{ numeric: ['>', 0] }] },
      },
      targets: [
        { kind: 'sqs', id: 'Target0', queueLogicalId: fifo.logicalId, messageGroupId: 'orders' },
        { kind: 'lambda', id: 'Target1', functionLogicalId: fn.logicalId },
      ],
      enabled: true,
    });
  });

  it('keeps a disabled rule (disabled) and a target constant Input', () => {
    expect(rule('Paused')).toMatchObject({ enabled: false, pattern: { source: [{ prefix: '/anxin/' }] }, targets: [{ kind: 'lambda', input: '{"job":"x"}' }] });
  });

  it('maps a target InputPath ($.detail); its DeadLetterConfig and RetryPolicy are accepted', () => {
    const queue = topology.queues.find((q) => q.queueName === 'insurer-demo')!;
    expect(rule('ToInsurer').targets).toEqual([{ kind: 'sqs', id: 'Target0', queueLogicalId: queue.logicalId, inputPath: '$.detail' }]);
  });

  it('puts a rule without EventBusName on the default bus, with a default-bus ARN', () => {
    expect(rule('OnDefaultBus')).toMatchObject({ busName: 'default', arn: expect.stringMatching(new RegExp(`:rule/Ev-dev-Api-OnDefaultBus`)) });
  });

  it('still maps schedule rules as schedules, and only them', () => {
    expect(topology.schedules.map((s) => s.logicalId)).toEqual([expect.stringMatching(/^Nightly/)]);
    expect(topology.eventRules.map((r) => r.logicalId).some((id) => id.startsWith('Nightly'))).toBe(false);
  });
});

describe('what cannot run locally is reported', () => {
  it('input transformers, JSONPaths beyond dotted members, and targets other than queues and functions', () => {
    const { app, outdir } = newApp();
    const stack = new Stack(app, 'Unsupported');
    const fn = inlineFn(stack, 'Fn');
    new events.Rule(stack, 'Transformed', {
      eventPattern: { source: ['a'] },
      targets: [new targets.LambdaFunction(fn, { event: events.RuleTargetInput.fromObject({ claim: events.EventField.fromPath('$.detail.id') }) })],
    });
    new events.Rule(stack, 'Indexed', {
      eventPattern: { source: ['a'] },
      targets: [new targets.LambdaFunction(fn, { event: events.RuleTargetInput.fromEventPath('$.detail.items[0]') })],
    });
    new events.Rule(stack, 'ToTopic', { eventPattern: { source: ['a'] }, targets: [new targets.SnsTopic(new sns.Topic(stack, 'Topic'))] });
    app.synth();
    const error = thrownBy(() => read(outdir));
    expect(error).toBeInstanceOf(UnsupportedResourceError);
    const message = (error as Error).message;
    expect(message).toMatch(/Transformed\w+ \(AWS::Events::Rule\): target Target0: InputTransformer is not supported locally/);
    expect(message).toMatch(/Indexed\w+ \(AWS::Events::Rule\): target Target0: InputPath "\$\.detail\.items\[0\]" is not supported locally/);
    expect(message).toMatch(/ToTopic\w+ \(AWS::Events::Rule\): target Target0 \(arn:aws-cn:sns:.*\) is neither a queue nor a function/);
  });

  it('a pattern EventBridge would refuse fails the start, naming the rule', () => {
    const { app, outdir } = newApp();
    const stack = new Stack(app, 'BadPattern');
    const fn = inlineFn(stack, 'Fn');
    const rule = new events.Rule(stack, 'Bad', { eventPattern: { source: ['a'] }, targets: [new targets.LambdaFunction(fn)] });
    (rule.node.defaultChild as events.CfnRule).eventPattern = { source: [{ 'anything-but': ['a', 1] }] };
    // CDK's own template validation flags it too; the point here is what the local reader says.
    Validations.of(rule).acknowledge({ id: 'CloudFormation-Validate::E9014', reason: 'deliberately invalid pattern' });
    app.synth();
    expect(() => read(outdir)).toThrow(TemplateError);
    expect(() => read(outdir)).toThrow(/BadPattern\/Bad\w+: Event pattern is not valid\. Reason: .*only strings or only numbers/);
  });
});
