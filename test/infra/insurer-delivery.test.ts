/**
 * CDK assertions for delivery to insurers, on the real app of both stages with a
 * test `insurers` context (two insurers in dev, one in prod): each insurer's queue, DLQ,
 * cross-account read policy, rule (InputPath $.detail, target DLQ, retry policy), outputs
 * and alarms; the webhook queue, its rule, the secrets key, the dispatcher (its mapping,
 * grants, settings, alarms) and the webhook routes' grants; the insurers context's
 * validation; cdk-nag clean with all of it.
 */
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInsurers, stageConfig, webhookAttempts, type Stage } from '../../infra/config';
import { INSURER_READ_ACTIONS } from '../../infra/constructs/insurer-queue';
import { WEBHOOK_SECRET_ACTIONS } from '../../infra/constructs/webhook-secrets-access';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/table-access';
import { INSURER_EVENT_TYPES } from '../../shared/events/claim-event-types';
import { WEBHOOK_ENV } from '../../shared/webhooks/settings';
import { readCdkContext } from '../../local/synth';
import { actionsOf, functionByEntry, importedLogicalId, refTarget, resource, resourcesOfType, roleStatements, synthesize, type Json, type Synthesized } from './synth';

const DEMO = 'ten_00000000000000000000DEM001';
const PINGAN = 'ten_01JPNGAN000000000000000000';
const INSURERS = {
  dev: [
    { name: 'demo', tenantId: DEMO, accountId: '111111111111' },
    { name: 'ping-an', tenantId: PINGAN, accountId: '222222222222' },
  ],
  prod: [{ name: 'ping-an', tenantId: PINGAN, accountId: '333333333333' }],
};

describe('the insurers context (infra/config.ts)', () => {
  it('is validated per stage, as an object or its JSON text; absent = no insurers', () => {
    expect(parseInsurers(undefined, 'dev')).toEqual([]);
    expect(parseInsurers({ prod: [] }, 'dev')).toEqual([]);
    expect(parseInsurers(INSURERS, 'dev')).toEqual(INSURERS.dev);
    expect(parseInsurers(JSON.stringify(INSURERS), 'prod')).toEqual(INSURERS.prod);
    expect(stageConfig('prod', { insurers: INSURERS }).insurers).toEqual(INSURERS.prod);
  });

  it('refuses bad entries with every problem named', () => {
    const bad = { dev: [{ name: 'Ping An', tenantId: 'ten_x', accountId: 111111111111, extra: 1 }, 'x'] };
    const message = (() => {
      try {
        parseInsurers(bad, 'dev');
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/insurers\.dev\[0\]\.name: expected 2-24 characters of kebab-case/);
    expect(message).toMatch(/insurers\.dev\[0\]\.tenantId: expected a tenant id/);
    expect(message).toMatch(/insurers\.dev\[0\]\.accountId: expected a 12-digit AWS account id \(a string\)/);
    expect(message).toMatch(/insurers\.dev\[0\]: unknown field\(s\) extra/);
    expect(message).toMatch(/insurers\.dev\[1\]: expected \{ name, tenantId, accountId \}/);
    expect(() => parseInsurers({ dev: [INSURERS.dev[0], { ...INSURERS.dev[1], name: 'demo' }] }, 'dev')).toThrow(/name demo appears twice/);
    expect(() => parseInsurers({ dev: [INSURERS.dev[0], { ...INSURERS.dev[1], tenantId: DEMO }] }, 'dev')).toThrow(/tenantId .* appears twice/);
    expect(() => parseInsurers({ dev: {} }, 'dev')).toThrow(/expected an array/);
    expect(() => parseInsurers('{nope', 'dev')).toThrow(/not JSON/);
    expect(() => parseInsurers({ dev: [{ ...INSURERS.dev[0], name: 'a--b' }] }, 'dev')).toThrow(/kebab-case/);
  });

  it('cdk.json names the dev demo insurer with a fixed tenant id, and none in prod', () => {
    const context = readCdkContext();
    expect(stageConfig('dev', { insurers: context.insurers }).insurers).toEqual([{ name: 'demo', tenantId: DEMO, accountId: '111111111111' }]);
    expect(stageConfig('prod', { insurers: context.insurers }).insurers).toEqual([]);
  });
});

describe.each(['dev', 'prod'] as const)('delivery to insurers, stage %s', (stage: Stage) => {
  const config = stageConfig(stage, { insurers: INSURERS });
  const isProd = stage === 'prod';
  const removal = isProd ? 'Retain' : 'Delete';
  let s: Synthesized;
  let stateful: Json;
  let api: Json;

  beforeAll(() => {
    s = synthesize(stage, { insurers: INSURERS });
    stateful = s.statefulJson;
    api = s.apiJson;
  }, 300_000);
  afterAll(() => s?.cleanup());

  const queueId = (name: string): string => {
    const found = resourcesOfType(stateful, 'AWS::SQS::Queue').filter(([, q]) => q.Properties.QueueName === name);
    expect(found, name).toHaveLength(1);
    return found[0]![0];
  };
  const policyStatements = (id: string): Json[] =>
    resourcesOfType(stateful, 'AWS::SQS::QueuePolicy')
      .filter(([, p]) => (p.Properties.Queues as unknown[]).some((q) => refTarget(q) === id))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[]);
  const busId = () => resourcesOfType(stateful, 'AWS::Events::EventBus')[0]![0];
  const ruleNamed = (name: string): [string, Json] => {
    const found = resourcesOfType(stateful, 'AWS::Events::Rule').filter(([, r]) => r.Properties.Name === name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };
  const alarms = () => resourcesOfType(api, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
  const alarmNamed = (name: string) => alarms().find((a) => a.AlarmName === name);
  const topicId = () => resourcesOfType(api, 'AWS::SNS::Topic')[0]![0];
  const keyByAlias = (alias: string) => refTarget(resourcesOfType(stateful, 'AWS::KMS::Alias').find(([, a]) => a.Properties.AliasName === alias)![1].Properties.TargetKeyId)!;

  /** The queue target of a rule: one target, the CloudEvent (InputPath $.detail), the DLQ, EventBridge's maximum retries. */
  const expectCloudEventTarget = (rule: Json, queue: string, dlq: string) => {
    expect(rule.Properties.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: { 'Fn::GetAtt': [queue, 'Arn'] },
        InputPath: '$.detail',
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
      },
    ]);
    // EventBridge may send to the queue and the DLQ, for this rule only.
    for (const id of [queue, dlq]) {
      const fromEvents = policyStatements(id).filter((st) => st.Principal?.Service === 'events.amazonaws.com');
      expect(fromEvents, id).toHaveLength(1);
      expect(actionsOf(fromEvents[0]!)).toContain('sqs:SendMessage');
      expect(fromEvents[0]!.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId(rule), 'Arn'] } } });
    }
  };
  const ruleId = (rule: Json) => resourcesOfType(stateful, 'AWS::Events::Rule').find(([, r]) => r === rule)![0];

  describe.each(INSURERS[stage].map((i) => [i.name, i] as const))('insurer %s', (name, insurer) => {
    const queueName = `anxin-${stage}-insurer-${name}`;
    const pascal = name.split('-').map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');

    it('has a standard queue and DLQ: SSE-SQS (no KMS grant needed across accounts), redrive after 5, DLQ kept 14 days', () => {
      const queue = resource(stateful, queueId(queueName));
      const dlq = resource(stateful, queueId(`${queueName}-dlq`));
      for (const q of [queue, dlq]) {
        expect(q.Properties.FifoQueue).toBeUndefined();
        expect(q.Properties.SqsManagedSseEnabled).toBe(true);
        expect(q.Properties.KmsMasterKeyId).toBeUndefined();
        expect(q.DeletionPolicy).toBe(removal);
      }
      expect(queue.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': [queueId(`${queueName}-dlq`), 'Arn'] }, maxReceiveCount: 5 });
      expect(queue.Properties.MessageRetentionPeriod).toBe(345600);
      expect(dlq.Properties.MessageRetentionPeriod).toBe(1209600);
    });

    it("lets the insurer's account read (and only read) its queue, over TLS only", () => {
      const statements = policyStatements(queueId(queueName));
      const reader = statements.filter((st) => JSON.stringify(st.Principal).includes(insurer.accountId));
      expect(reader).toEqual([
        {
          Sid: 'InsurerAccountReads',
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${insurer.accountId}:root`]] } },
          Action: [...INSURER_READ_ACTIONS],
          Resource: { 'Fn::GetAtt': [queueId(queueName), 'Arn'] },
        },
      ]);
      expect(INSURER_READ_ACTIONS).toEqual(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']);
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      expect(JSON.stringify(policyStatements(queueId(`${queueName}-dlq`)))).not.toContain(insurer.accountId);
    });

    it("routes its claim events from this stage's claims source to the queue, as the bare CloudEvent", () => {
      const [, rule] = ruleNamed(queueName);
      expect(rule.Properties.EventBusName).toEqual({ Ref: busId() });
      expect(rule.Properties.State).toBe('ENABLED');
      expect(rule.Properties.EventPattern).toEqual({
        source: [`/anxin/${stage}/claims`],
        'detail-type': [...INSURER_EVENT_TYPES],
        detail: { anxininsurer: [insurer.tenantId] },
      });
      expectCloudEventTarget(rule, queueId(queueName), queueId(`${queueName}-dlq`));
    });

    it('has outputs for its queue URL and ARN and its DLQ URL', () => {
      expect(stateful.Outputs[`Insurer${pascal}QueueUrl`].Value).toEqual({ Ref: queueId(queueName) });
      expect(stateful.Outputs[`Insurer${pascal}QueueArn`].Value).toEqual({ 'Fn::GetAtt': [queueId(queueName), 'Arn'] });
      expect(stateful.Outputs[`Insurer${pascal}DlqUrl`].Value).toEqual({ Ref: queueId(`${queueName}-dlq`) });
    });

    it('alarms on its DLQ (> 0) and on its oldest message (> 1 h: the insurer stopped reading)', () => {
      const dlqAlarm = alarmNamed(`anxin-${stage}-insurer-${name}-dlq-not-empty`)!;
      expect(dlqAlarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', AlarmActions: [{ Ref: topicId() }] });
      expect(importedLogicalId(stateful, dlqAlarm.Dimensions[0].Value)).toBe(queueId(`${queueName}-dlq`));
      const ageAlarm = alarmNamed(`anxin-${stage}-insurer-${name}-oldest-message-age`)!;
      expect(ageAlarm).toMatchObject({ MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 3600, AlarmActions: [{ Ref: topicId() }], OKActions: [{ Ref: topicId() }] });
      expect(importedLogicalId(stateful, ageAlarm.Dimensions[0].Value)).toBe(queueId(queueName));
    });
  });

  describe('webhooks', () => {
    const attempts = webhookAttempts(config.webhooks);
    const dispatcher = () => functionByEntry(api, 'functions/consumers/webhooks.ts');
    const keyId = () => keyByAlias(`alias/anxin-${stage}-webhook-secrets`);
    const kmsStatements = (fnId: string) => roleStatements(api, fnId).filter((st) => actionsOf(st).some((a) => a.startsWith('kms:')));

    it(`has a standard queue whose maxReceiveCount is the number of attempts (${attempts}), visibility 180 s, and a 14-day DLQ`, () => {
      expect(attempts).toBe(isProd ? 8 : 5);
      const queue = resource(stateful, queueId(`anxin-${stage}-webhooks`));
      expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, VisibilityTimeout: 180, RedrivePolicy: { maxReceiveCount: attempts } });
      expect(queue.Properties.FifoQueue).toBeUndefined();
      expect(resource(stateful, queueId(`anxin-${stage}-webhooks-dlq`)).Properties.MessageRetentionPeriod).toBe(1209600);
      expect(stateful.Outputs.WebhooksQueueUrl.Value).toEqual({ Ref: queueId(`anxin-${stage}-webhooks`) });
      expect(stateful.Outputs.WebhooksDlqUrl.Value).toEqual({ Ref: queueId(`anxin-${stage}-webhooks-dlq`) });
    });

    it('is fed every insurer-facing claim event of the stage (any insurer), as the bare CloudEvent', () => {
      const [, rule] = ruleNamed(`anxin-${stage}-webhooks`);
      expect(rule.Properties.EventBusName).toEqual({ Ref: busId() });
      expect(rule.Properties.EventPattern).toEqual({ source: [`/anxin/${stage}/claims`], 'detail-type': [...INSURER_EVENT_TYPES] });
      expectCloudEventTarget(rule, queueId(`anxin-${stage}-webhooks`), queueId(`anxin-${stage}-webhooks-dlq`));
    });

    it('encrypts signing secrets with a rotating key of their own', () => {
      const key = resource(stateful, keyId());
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
      expect(key.DeletionPolicy).toBe(removal);
      expect(stateful.Outputs.WebhookSecretsKeyArn.Value).toEqual({ 'Fn::GetAtt': [keyId(), 'Arn'] });
    });

    it('the dispatcher reads the webhook queue (batch 10, partial failures, concurrency 5) with the stage settings', () => {
      const [fnId, fn] = dispatcher();
      const mappings = resourcesOfType(api, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName?.Ref === fnId);
      expect(mappings).toHaveLength(1);
      expect(mappings[0]![1].Properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 5 } });
      expect(importedLogicalId(stateful, mappings[0]![1].Properties.EventSourceArn)).toBe(queueId(`anxin-${stage}-webhooks`));
      expect(fn.Properties.Timeout).toBe(30);
      expect(fn.Properties.Timeout).toBeGreaterThan(config.webhooks.attemptTimeoutSeconds);
      const env = fn.Properties.Environment.Variables as Json;
      expect(env).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'webhooks-consumer',
        [WEBHOOK_ENV.retryDelays]: config.webhooks.retryDelaysSeconds.join(','),
        [WEBHOOK_ENV.attemptTimeout]: String(config.webhooks.attemptTimeoutSeconds),
        [WEBHOOK_ENV.allowLoopback]: String(!isProd),
      });
      expect(importedLogicalId(stateful, env[WEBHOOK_ENV.secretsKey])).toBe(keyId());
    });

    it('the dispatcher may decrypt secrets (nothing else with KMS), read the table (not write), consume its queue, and publish nothing', () => {
      const [fnId] = dispatcher();
      const kms = kmsStatements(fnId);
      expect(kms).toHaveLength(1);
      expect(actionsOf(kms[0]!)).toEqual([...WEBHOOK_SECRET_ACTIONS.decrypt]);
      expect(importedLogicalId(stateful, kms[0]!.Resource)).toBe(keyId());
      const actions = roleStatements(api, fnId).flatMap(actionsOf);
      for (const a of TABLE_READ_ACTIONS) expect(actions).toContain(a);
      for (const a of TABLE_WRITE_ACTIONS) expect(actions).not.toContain(a);
      expect(actions).not.toContain('sqs:SendMessage');
      expect(actions.filter((a) => a.startsWith('events:'))).toEqual([]);
      const sqs = roleStatements(api, fnId).filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')));
      expect(sqs).toHaveLength(1);
      expect(actionsOf(sqs[0]!)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueUrl', 'sqs:DeleteMessage']));
      expect(importedLogicalId(stateful, sqs[0]!.Resource)).toBe(queueId(`anxin-${stage}-webhooks`));
    });

    it('PUT /v1/webhook may only encrypt (and gets the loopback rule); GET and DELETE have no KMS; no other function touches the key', () => {
      const [putId, put] = functionByEntry(api, 'functions/http/webhook-put.ts');
      const kms = kmsStatements(putId);
      expect(kms).toHaveLength(1);
      expect(actionsOf(kms[0]!)).toEqual([...WEBHOOK_SECRET_ACTIONS.encrypt]);
      expect(importedLogicalId(stateful, kms[0]!.Resource)).toBe(keyId());
      expect(put.Properties.Environment.Variables[WEBHOOK_ENV.allowLoopback]).toBe(String(!isProd));
      for (const entry of ['functions/http/webhook-get.ts', 'functions/http/webhook-delete.ts']) expect(kmsStatements(functionByEntry(api, entry)[0])).toEqual([]);
      const users = resourcesOfType(api, 'AWS::Lambda::Function')
        .filter(([fnId]) => kmsStatements(fnId).some((st) => JSON.stringify(st.Resource).includes('WebhookSecretsKey')))
        .map(([, fn]) => String(fn.Properties.Description).split(' ')[0]);
      expect(users.sort()).toEqual(['functions/consumers/webhooks.ts', 'functions/http/webhook-put.ts']);
    });

    it('alarms on the webhook DLQ and on dispatcher errors; no age alarm (messages wait on purpose)', () => {
      const dlqAlarm = alarmNamed(`anxin-${stage}-webhooks-dlq-not-empty`)!;
      expect(dlqAlarm).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, AlarmActions: [{ Ref: topicId() }] });
      expect(importedLogicalId(stateful, dlqAlarm.Dimensions[0].Value)).toBe(queueId(`anxin-${stage}-webhooks-dlq`));
      expect(dlqAlarm.AlarmDescription).toContain(`failed ${attempts} times`);
      expect(alarmNamed(`anxin-${stage}-webhooks-oldest-message-age`)).toBeUndefined();
      expect(alarmNamed(`anxin-${stage}-webhooks-consumer-errors`)).toMatchObject({ MetricName: 'Errors', Dimensions: [{ Name: 'FunctionName', Value: { Ref: dispatcher()[0] } }] });
    });
  });

  it('leaves no cdk-nag finding with all of it', () => {
    for (const stack of [s.stateful, s.api]) {
      const report = new AwsSolutionsChecks().validateScope(stack);
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath)}`)).toEqual([]);
    }
  });
});
