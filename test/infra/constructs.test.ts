/**
 * Construct-level guarantees that do not need bundling: stage validation, queue/consumer
 * invariants, environment merging, and that cdk-nag and the X-Ray guard really fail
 * synthesis. Bundling is skipped (`aws:cdk:bundling-stacks: []`) to keep this fast.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAnxinApp } from '../../infra/anxin-app';
import { stageConfig } from '../../infra/config';
import { AnxinFunction } from '../../infra/constructs/anxin-function';
import {
  DATA_KEY_ACTIONS,
  grantPersonalDataAccess,
  HMAC_KEY_ACTIONS,
  PERSONAL_DATA_KEY_ENV,
} from '../../infra/constructs/personal-data-access';
import { FifoQueuePair } from '../../infra/constructs/fifo-queue-pair';
import { QueueConsumer } from '../../infra/constructs/queue-consumer';
import { scratchDir } from './scratch';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] as string[] };
const outdirs: string[] = [];
const tmpOutdir = () => {
  const dir = scratchDir('constructs-');
  outdirs.push(dir);
  return dir;
};
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('stage', () => {
  it('accepts dev and prod and rejects anything else', () => {
    expect(stageConfig('dev').isProd).toBe(false);
    expect(stageConfig('prod').isProd).toBe(true);
    for (const bad of ['staging', 'Prod', '', undefined, 1]) expect(() => stageConfig(bad)).toThrow(/Invalid stage/);
  });

  it('defaults to dev and validates the context value', () => {
    const { stateful } = createAnxinApp({ context: NO_BUNDLING, outdir: tmpOutdir() });
    expect(stateful.stackName).toBe('Anxin-dev-Stateful');
    expect(() => createAnxinApp({ context: { ...NO_BUNDLING, stage: 'qa' }, outdir: tmpOutdir() })).toThrow(/Invalid stage "qa"/);
  });

  it('validates and subscribes the optional alarm e-mail', () => {
    expect(() =>
      createAnxinApp({ context: { ...NO_BUNDLING, alarmEmail: 'not-an-address' }, outdir: tmpOutdir() }),
    ).toThrow(/alarmEmail/);
    const { api } = createAnxinApp({ context: { ...NO_BUNDLING, alarmEmail: 'ops@example.com' }, outdir: tmpOutdir() });
    Template.fromStack(api).hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });
});

describe('FifoQueuePair and QueueConsumer', () => {
  const config = stageConfig('dev');
  const newStack = () => new Stack(new App({ context: NO_BUNDLING, outdir: tmpOutdir() }), 'T');

  it('derives visibility timeout = 6 x consumer timeout', () => {
    const stack = newStack();
    const pair = new FifoQueuePair(stack, 'Pair', { config, domain: 'claims', consumerTimeout: Duration.seconds(45) });
    expect(pair.visibilityTimeout.toSeconds()).toBe(270);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { QueueName: 'anxin-dev-claims.fifo', VisibilityTimeout: 270 });
  });

  it('refuses maxReceiveCount < 5', () => {
    expect(() => new FifoQueuePair(newStack(), 'Pair', { config, domain: 'orders', maxReceiveCount: 3 })).toThrow(/maxReceiveCount/);
  });

  it('refuses a consumer whose timeout breaks the 6x visibility rule, or a FIFO batch > 10', () => {
    const stack = newStack();
    const pair = new FifoQueuePair(stack, 'Pair', { config, domain: 'orders' });
    const alarmAction = new SnsAction(new sns.Topic(stack, 'Topic'));
    const entry = 'functions/consumers/orders.ts';
    expect(() => new QueueConsumer(stack, 'Slow', { config, pair, entry, alarmAction, timeout: Duration.seconds(31) })).toThrow(
      /visibility timeout/,
    );
    expect(() => new QueueConsumer(stack, 'Big', { config, pair, entry, alarmAction, batchSize: 11 })).toThrow(/batchSize/);
  });
});

describe('AnxinFunction', () => {
  it('merges the environment over the defaults and keeps the defaults it cannot override', () => {
    const stack = new Stack(new App({ context: NO_BUNDLING, outdir: tmpOutdir() }), 'T');
    new AnxinFunction(stack, 'Fn', {
      config: stageConfig('dev'),
      entry: 'functions/http/orders-get.ts',
      serviceName: 'orders-get',
      environment: { EXTRA: 'x', LOG_LEVEL: 'WARN' },
      timeout: Duration.seconds(5),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Timeout: 5,
      Environment: {
        Variables: {
          EXTRA: 'x',
          LOG_LEVEL: 'WARN',
          POWERTOOLS_SERVICE_NAME: 'orders-get',
          POWERTOOLS_METRICS_NAMESPACE: 'Anxin',
          STAGE: 'dev',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });
});

describe('cdk-nag wiring', () => {
  it('fails synthesis on an unacknowledged AwsSolutions finding', () => {
    const { app, api } = createAnxinApp({ context: NO_BUNDLING, outdir: tmpOutdir() });
    new sqs.Queue(api, 'NoDlqNoTls'); // SQS3 (no DLQ) + SQS4 (no TLS-only policy)
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS[34]/);
  });

  it('fails synthesis when a function role gets a non-X-Ray action on "*"', () => {
    const { api } = createAnxinApp({ context: NO_BUNDLING, outdir: tmpOutdir() });
    api.routeFunctions['OrdersGet']!.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: ['*'] }),
    );
    expect(
      Annotations.fromStack(api).findError('*', Match.stringLikeRegexp('dynamodb:Scan granted on Resource "\\*"')),
    ).toHaveLength(1);
  });
});

describe('grantPersonalDataAccess', () => {
  it('grants exactly Encrypt/Decrypt on the data key and GenerateMac on the HMAC key, names both in the environment, nag-clean', () => {
    const { api, stateful } = createAnxinApp({ context: NO_BUNDLING, outdir: tmpOutdir() });
    const fn = api.routeFunctions['OrdersGet']!;
    grantPersonalDataAccess(fn, { dataKey: stateful.personalDataKey, hmacKey: stateful.personalDataHmacKey });
    const template = Template.fromStack(api);
    const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> }; // eslint-disable-line @typescript-eslint/no-explicit-any

    const [fnId, fnResource] = Object.entries(json.Resources).find(
      ([, r]) => r.Type === 'AWS::Lambda::Function' && String(r.Properties.Description).startsWith('functions/http/orders-get.ts'),
    )!;
    const env = fnResource.Properties.Environment.Variables as Record<string, unknown>;
    // Cross-stack: the API stack imports the stateful stack's key ARNs.
    const exportOf = (value: unknown) => String((value as { 'Fn::ImportValue': string })['Fn::ImportValue']);
    expect(exportOf(env[PERSONAL_DATA_KEY_ENV.dataKey])).toMatch(/PersonalDataKey[0-9A-F]+Arn/);
    expect(exportOf(env[PERSONAL_DATA_KEY_ENV.hmacKey])).toMatch(/PersonalDataHmacKey[0-9A-F]+Arn/);

    const roleId = (fnResource.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0];
    const statements = Object.values(json.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((x) => x.Ref === roleId))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const kmsStatements = statements.filter((st) => ([] as string[]).concat(st.Action).some((a) => a.startsWith('kms:')));
    expect(kmsStatements.map((st) => ({ actions: ([] as string[]).concat(st.Action), resource: exportOf(st.Resource) }))).toEqual([
      { actions: [...DATA_KEY_ACTIONS], resource: exportOf(env[PERSONAL_DATA_KEY_ENV.dataKey]) },
      { actions: [...HMAC_KEY_ACTIONS], resource: exportOf(env[PERSONAL_DATA_KEY_ENV.hmacKey]) },
    ]);
    expect(fnId).toBeTruthy();

    const report = new AwsSolutionsChecks().validateScope(api);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});
