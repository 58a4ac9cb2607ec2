/**
 * CDK assertions on the wage survey's part of `Anxin-dev-Programme` and what feeds it
 * (docs/wage-survey.md): its routes, behind the authorizer except the public table; the
 * order-prices queue pair and its rule in the stateful stack, matching only `created`; the
 * consumer and the nightly job; and that each function holds only the grants it needs —
 * table access of its kind, no key, no queue to send to, no event publishing. cdk-nag over
 * every stack is in app.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/table-access';
import { PROGRAMME_SCHEDULES } from '../../infra/stacks/programme-stack';
import { actionsOf, functionByEntry, importedLogicalId, refTarget, resource, resourcesOfType, roleStatements, synthesize, type Json, type Synthesized } from './synth';
import { CURSOR_KEY_ACTIONS } from '../../infra/constructs/cursor-key-access';
import { CURSOR_KEY_ENV } from '../../shared/crypto/key-env';

let s: Synthesized;
let stateful: Json;
let programme: Json;

beforeAll(() => {
  s = synthesize('dev');
  stateful = s.statefulJson;
  programme = s.programmeJson;
}, 300_000);
afterAll(() => s?.cleanup());

const ROUTES_FN = 'functions/http/wage-reports.ts';
const PUBLIC_FN = 'functions/http/public-wage-survey.ts';
const PUBLISH_FN = 'functions/http/admin-wage-survey.ts';
const CONSUMER_FN = 'functions/consumers/order-prices.ts';
const JOB_FN = 'functions/schedules/wage-survey.ts';

const queueIdByName = (name: string): string => {
  const found = resourcesOfType(stateful, 'AWS::SQS::Queue').filter(([, q]) => q.Properties.QueueName === name);
  expect(found, name).toHaveLength(1);
  return found[0]![0];
};
const tableActions = (entry: string) => [...new Set(roleStatements(programme, functionByEntry(programme, entry)[0]).flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:')))].sort();
const otherActions = (entry: string) => roleStatements(programme, functionByEntry(programme, entry)[0]).flatMap(actionsOf).filter((a) => /^(kms|events|sqs:SendMessage)/.test(a));

describe('routes', () => {
  const route = (key: string) => resourcesOfType(programme, 'AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === key)?.[1];

  it('POST and GET /v1/wage-reports, PUT and DELETE /v1/wage-reports/{reportId} behind the authorizer, one function', () => {
    const keys = ['POST /v1/wage-reports', 'GET /v1/wage-reports', 'PUT /v1/wage-reports/{reportId}', 'DELETE /v1/wage-reports/{reportId}'];
    for (const key of keys) expect(route(key)?.Properties.AuthorizationType, key).toBe('CUSTOM');
    const [fnId] = functionByEntry(programme, ROUTES_FN);
    const integrations = new Set(keys.map((key) => route(key)!.Properties.Target['Fn::Join'][1][1].Ref));
    const targets = [...integrations].map((id) => refTarget(resource(programme, id).Properties.IntegrationUri));
    expect(new Set(targets)).toEqual(new Set([fnId]));
  });

  it('the on-demand publication: POST /v1/admin/wage-survey/{year}/publish behind the authorizer, up to 29 s (the HTTP API waits 30), writing the table only', () => {
    expect(route('POST /v1/admin/wage-survey/{year}/publish')?.Properties.AuthorizationType).toBe('CUSTOM');
    const [, fn] = functionByEntry(programme, PUBLISH_FN);
    expect(fn.Properties.Timeout).toBe(29);
    expect(tableActions(PUBLISH_FN)).toEqual([...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS].sort());
    expect(otherActions(PUBLISH_FN)).toEqual([]);
    const variables = Object.keys(fn.Properties.Environment.Variables);
    expect(variables.filter((v) => /EVENT_BUS|QUEUE_URL|KEY_ID|KEY_ARN/.test(v))).toEqual([]);
  });

  it('GET /v1/public/wage-survey without a key', () => {
    expect(route('GET /v1/public/wage-survey')?.Properties.AuthorizationType).toBe('NONE');
  });

  it('the public table only reads; the reports read and write and sign their list cursors; neither holds another key, sends or publishes', () => {
    expect(tableActions(PUBLIC_FN)).toEqual([...TABLE_READ_ACTIONS].sort());
    expect(tableActions(ROUTES_FN)).toEqual([...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS].sort());
    expect(otherActions(PUBLIC_FN)).toEqual([]);
    expect(otherActions(ROUTES_FN)).toEqual([...CURSOR_KEY_ACTIONS]);
    for (const entry of [PUBLIC_FN, ROUTES_FN]) {
      const variables = Object.keys(functionByEntry(programme, entry)[1].Properties.Environment.Variables);
      expect(variables.filter((v) => /EVENT_BUS|QUEUE_URL|KEY_ID|KEY_ARN/.test(v)), entry).toEqual(entry === ROUTES_FN ? [CURSOR_KEY_ENV] : []);
    }
  });
});

describe('order prices: queue, rule, consumer', () => {
  it('a standard queue pair anxin-dev-order-prices, fed by a rule matching only order created events', () => {
    const queueId = queueIdByName('anxin-dev-order-prices');
    expect(resource(stateful, queueId).Properties.FifoQueue).toBeUndefined();
    const rules = resourcesOfType(stateful, 'AWS::Events::Rule').filter(([, r]) => r.Properties.Name === 'anxin-dev-order-prices');
    expect(rules).toHaveLength(1);
    expect(rules[0]![1].Properties.EventPattern).toEqual({ source: ['/anxin/dev/orders'], 'detail-type': ['cn.anxin.order.created.v1'] });
    expect(rules[0]![1].Properties.Targets[0]).toMatchObject({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] }, InputPath: '$.detail' });
    expect(stateful.Outputs.OrderPricesDlqUrl.Value).toEqual({ Ref: queueIdByName('anxin-dev-order-prices-dlq') });
  });

  it('the consumer reads it with partial batch responses and writes the table; no key, no publishing', () => {
    const [fnId] = functionByEntry(programme, CONSUMER_FN);
    const [, mapping] = resourcesOfType(programme, 'AWS::Lambda::EventSourceMapping').find(([, m]) => refTarget(m.Properties.FunctionName) === fnId)!;
    expect(importedLogicalId(stateful, mapping.Properties.EventSourceArn)).toBe(queueIdByName('anxin-dev-order-prices'));
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(tableActions(CONSUMER_FN)).toEqual([...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS].sort());
    expect(otherActions(CONSUMER_FN)).toEqual([]);
  });
});

describe('the nightly publication', () => {
  it('runs at 02:30 Asia/Shanghai (18:30 UTC) for up to 15 minutes, writes the table, holds no key and publishes nothing', () => {
    const job = PROGRAMME_SCHEDULES.find((j) => j.entry === JOB_FN)!;
    expect(job.schedule.expressionString).toBe('cron(30 18 * * ? *)');
    const [fnId, fn] = functionByEntry(programme, JOB_FN);
    expect(fn.Properties.Timeout).toBe(900);
    const rules = resourcesOfType(programme, 'AWS::Events::Rule').filter(([, r]) => r.Properties.Targets?.some((t: Json) => refTarget(t.Arn) === fnId));
    expect(rules.map(([, r]) => r.Properties)).toEqual([expect.objectContaining({ ScheduleExpression: 'cron(30 18 * * ? *)', State: 'ENABLED', Name: 'anxin-dev-wage-survey' })]);
    expect(tableActions(JOB_FN)).toEqual([...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS].sort());
    expect(otherActions(JOB_FN)).toEqual([]);
  });

  it('alarms on the job, the consumer, its DLQ and its oldest message', () => {
    const names = resourcesOfType(programme, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties.AlarmName as string);
    expect(names).toEqual(expect.arrayContaining(['anxin-dev-wage-survey-errors', 'anxin-dev-order-prices-consumer-errors', 'anxin-dev-order-prices-dlq-not-empty', 'anxin-dev-order-prices-oldest-message-age']));
  });
});
