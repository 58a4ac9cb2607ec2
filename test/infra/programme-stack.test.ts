/**
 * CDK assertions on the third stack, `Anxin-dev-Programme`, and what feeds it: its routes
 * are on the API stack's HTTP API behind its authorizer, yet every route, integration and
 * invoke permission is in the programme stack and reaches the API only through imports (no
 * dependency back); the credit-facts queue pair and its rule in the stateful stack; the
 * credit-facts consumer, its grants and its alarms on the API stack's alarm topic.
 * The cdk-nag checks of all three stacks, both stages, are in app.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_TIMEOUT } from '../../infra/config';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/table-access';
import { PROGRAMME_CONSUMERS, PROGRAMME_ROUTES, PROGRAMME_SCHEDULES } from '../../infra/stacks/programme-stack';
import { ROUTES } from '../../infra/stacks/api-stack';
import { CURSOR_KEY_ENV } from '../../shared/crypto/key-env';
import { CREDIT_FACT_EVENT_TYPES } from '../../shared/domain/credit/event-facts';
import { actionsOf, functionByEntry, importedLogicalId, refTarget, resource, resourcesOfType, roleStatements, synthesize, type Json, type Synthesized } from './synth';

let s: Synthesized;
let stateful: Json;
let api: Json;
let programme: Json;

beforeAll(() => {
  s = synthesize('dev');
  stateful = s.statefulJson;
  api = s.apiJson;
  programme = s.programmeJson;
}, 300_000);
afterAll(() => s?.cleanup());

const routeKeys = (template: Json) => resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
const queueIdByName = (name: string): string => {
  const found = resourcesOfType(stateful, 'AWS::SQS::Queue').filter(([, q]) => q.Properties.QueueName === name);
  expect(found, name).toHaveLength(1);
  return found[0]![0];
};
const alarmsOf = (template: Json) => resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);

describe('programme routes', () => {
  it('are all in the programme stack, none in the API stack, and no path is served twice', () => {
    const expected = PROGRAMME_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(expected).toContain('GET /v1/credit/facts');
    expect(routeKeys(programme).sort()).toEqual([...expected].sort());
    expect(routeKeys(api).filter((k) => expected.includes(k))).toEqual([]);
    expect(new Set([...ROUTES, ...PROGRAMME_ROUTES].map((r) => `${r.method} ${r.path}`)).size).toBe(ROUTES.length + PROGRAMME_ROUTES.length);
  });

  it("are on the API stack's HTTP API behind its Lambda authorizer, both imported", () => {
    const [apiId] = resourcesOfType(api, 'AWS::ApiGatewayV2::Api')[0]!;
    const [authorizerId] = resourcesOfType(api, 'AWS::ApiGatewayV2::Authorizer')[0]!;
    for (const [id, route] of resourcesOfType(programme, 'AWS::ApiGatewayV2::Route')) {
      expect(importedLogicalId(api, route.Properties.ApiId), id).toBe(apiId);
      const def = PROGRAMME_ROUTES.find((r) => `${r.method} ${r.path}` === route.Properties.RouteKey)!;
      if (def.public) {
        expect(route.Properties.AuthorizationType).toBe('NONE');
      } else {
        expect(route.Properties.AuthorizationType).toBe('CUSTOM');
        expect(importedLogicalId(api, route.Properties.AuthorizerId), id).toBe(authorizerId);
      }
    }
  });

  it('each reach their function through an integration and an invoke permission of the programme stack', () => {
    for (const def of PROGRAMME_ROUTES) {
      const [fnId, fn] = functionByEntry(programme, def.entry);
      const [, route] = resourcesOfType(programme, 'AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === `${def.method} ${def.path}`)!;
      const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      const integration = resource(programme, integrationId);
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] } });
      // One permission per route (routes may share a function): its source ARN ends with the route's path.
      const permissions = resourcesOfType(programme, 'AWS::Lambda::Permission')
        .filter(([, p]) => refTarget(p.Properties.FunctionName) === fnId)
        .map(([, p]) => JSON.stringify(p.Properties.SourceArn))
        .filter((arn) => arn.endsWith(`/*/*${def.path}"]]}`));
      expect(permissions.length, `${def.method} ${def.path}`).toBeGreaterThan(0);
      expect(permissions[0]).toContain('Fn::ImportValue');
      expect(fn.Properties.Environment.Variables.TABLE_NAME).toHaveProperty('Fn::ImportValue');
    }
  });

  it('GET /v1/credit/facts only reads the table', () => {
    const [fnId] = functionByEntry(programme, 'functions/http/credit-facts-get.ts');
    const actions = new Set(roleStatements(programme, fnId).flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:')));
    expect([...actions].sort()).toEqual([...TABLE_READ_ACTIONS].sort());
  });
});

describe('no dependency cycle', () => {
  it('the API and stateful stacks import nothing from the programme stack; it exports nothing', () => {
    expect(JSON.stringify(api)).not.toContain(s.programme.stackName);
    expect(JSON.stringify(stateful)).not.toContain(s.programme.stackName);
    expect(Object.values((programme.Outputs ?? {}) as Record<string, Json>).filter((o) => o.Export)).toEqual([]);
    expect(s.programme.dependencies.map((d) => d.stackName).sort()).toEqual([s.api.stackName, s.stateful.stackName]);
  });
});

describe('programme functions', () => {
  it('one per programme route, consumer and job, and no other', () => {
    const entries = [...new Set([...PROGRAMME_ROUTES.map((r) => r.entry), ...PROGRAMME_CONSUMERS.map((c) => c.entry), ...PROGRAMME_SCHEDULES.map((j) => j.entry)])];
    expect(resourcesOfType(programme, 'AWS::Lambda::Function')).toHaveLength(entries.length);
    for (const entry of entries) functionByEntry(programme, entry);
  });
});

describe('credit facts: queue, rule, consumer', () => {
  it('a standard queue pair anxin-dev-credit-facts in the stateful stack: SSE, redrive after 5 to a DLQ kept 14 days, visibility 6 x the consumer timeout', () => {
    const queue = resource(stateful, queueIdByName('anxin-dev-credit-facts'));
    const dlqId = queueIdByName('anxin-dev-credit-facts-dlq');
    expect(queue.Properties.FifoQueue).toBeUndefined();
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 6 * CONSUMER_TIMEOUT.toSeconds(),
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(resource(stateful, dlqId).Properties.MessageRetentionPeriod).toBe(14 * 86_400);
    expect(stateful.Outputs.CreditFactsQueueUrl.Value).toEqual({ Ref: queueIdByName('anxin-dev-credit-facts') });
    expect(stateful.Outputs.CreditFactsDlqUrl.Value).toEqual({ Ref: dlqId });
  });

  it('fed by a rule on the domain bus matching exactly the counted order event types, the CloudEvent as the body', () => {
    const rules = resourcesOfType(stateful, 'AWS::Events::Rule').filter(([, r]) => r.Properties.Name === 'anxin-dev-credit-facts');
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0]!;
    const [busId] = resourcesOfType(stateful, 'AWS::Events::EventBus')[0]!;
    expect(refTarget(rule.Properties.EventBusName)).toBe(busId);
    expect(rule.Properties.EventPattern).toEqual({ source: ['/anxin/dev/orders'], 'detail-type': [...CREDIT_FACT_EVENT_TYPES] });
    expect(rule.Properties.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: { 'Fn::GetAtt': [queueIdByName('anxin-dev-credit-facts'), 'Arn'] },
        InputPath: '$.detail',
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueIdByName('anxin-dev-credit-facts-dlq'), 'Arn'] } },
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
      },
    ]);
  });

  it('the consumer reads it with partial batch responses, reads and writes the table, holds no key and publishes nothing', () => {
    const [fnId, fn] = functionByEntry(programme, 'functions/consumers/credit-facts.ts');
    expect(fn.Properties.Timeout).toBe(CONSUMER_TIMEOUT.toSeconds());
    const mappings = resourcesOfType(programme, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(PROGRAMME_CONSUMERS.length);
    const [, mapping] = mappings.find(([, m]) => refTarget(m.Properties.FunctionName) === fnId)!;
    expect(importedLogicalId(stateful, mapping.Properties.EventSourceArn)).toBe(queueIdByName('anxin-dev-credit-facts'));
    expect(mapping.Properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 5 } });
    const actions = roleStatements(programme, fnId).flatMap(actionsOf);
    expect([...new Set(actions.filter((a) => a.startsWith('dynamodb:')))].sort()).toEqual([...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS].sort());
    expect(actions.filter((a) => a.startsWith('kms:') || a.startsWith('events:') || a === 'sqs:SendMessage')).toEqual([]);
    expect(Object.keys(fn.Properties.Environment.Variables)).not.toContain('EVENT_BUS_NAME');
  });

  it('the subsidy applications and the officers\' queue sign their list cursors: kms:GenerateMac on the list cursors key, its ARN in the environment', () => {
    for (const entry of ['functions/http/subsidy-applications.ts', 'functions/http/admin-subsidy-applications.ts']) {
      const [fnId, fn] = functionByEntry(programme, entry);
      const grants = roleStatements(programme, fnId).filter((st) => actionsOf(st).includes('kms:GenerateMac'));
      const cursorKey = (fn.Properties.Environment.Variables as Json)[CURSOR_KEY_ENV];
      expect(cursorKey, entry).toBeDefined();
      expect(grants.map((st) => JSON.stringify(st.Resource)), entry).toContain(JSON.stringify(cursorKey));
    }
  });

  it('only the credit grading job, the admin decision route and the subsidy application steps may publish events, on the domain bus', () => {
    const publishers = resourcesOfType(programme, 'AWS::Lambda::Function')
      .filter(([fnId]) => roleStatements(programme, fnId).flatMap(actionsOf).includes('events:PutEvents'))
      .map(([fnId, fn]) => {
        expect(Object.keys(fn.Properties.Environment.Variables), fnId).toContain('EVENT_BUS_NAME');
        return fnId;
      });
    const allowed = ['functions/http/admin-credit-grades.ts', 'functions/schedules/credit-grading.ts', 'functions/http/subsidy-applications.ts', 'functions/http/admin-subsidy-applications.ts'];
    expect(publishers.sort()).toEqual(allowed.map((entry) => functionByEntry(programme, entry)[0]).sort());
  });

  it("alarms on its DLQ, its oldest message and the consumer's errors, to the API stack's alarm topic", () => {
    const [topicId] = resourcesOfType(api, 'AWS::SNS::Topic')[0]!;
    const names = alarmsOf(programme).map((a) => a.AlarmName);
    expect(names.sort()).toEqual([
      'anxin-dev-credit-facts-consumer-errors',
      'anxin-dev-credit-facts-dlq-not-empty',
      'anxin-dev-credit-facts-oldest-message-age',
      'anxin-dev-credit-grading-errors',
      'anxin-dev-order-prices-consumer-errors',
      'anxin-dev-order-prices-dlq-not-empty',
      'anxin-dev-order-prices-oldest-message-age',
      'anxin-dev-station-staff-errors',
      'anxin-dev-wage-survey-errors',
    ]);
    for (const alarm of alarmsOf(programme)) {
      expect(alarm.AlarmActions.map((a: unknown) => importedLogicalId(api, a)), alarm.AlarmName).toEqual([topicId]);
      expect(alarm.OKActions.map((a: unknown) => importedLogicalId(api, a)), alarm.AlarmName).toEqual([topicId]);
    }
  });
});
