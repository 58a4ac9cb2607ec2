/**
 * CDK assertions on the stations' part of `Anxin-dev-Programme` (docs/stations.md): the
 * registry, areas and coverage behind the authorizer, the public 15-minute circle without
 * a key, a station's figures; the nightly certified-worker count; and least privilege —
 * the public and figure routes only read the table, nothing holds a key, sends to a queue
 * or publishes events. The order-create function reads stations through the table grant it
 * already has. cdk-nag over every stack is in app.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/table-access';
import { PROGRAMME_SCHEDULES } from '../../infra/stacks/programme-stack';
import { actionsOf, functionByEntry, refTarget, resourcesOfType, roleStatements, synthesize, type Json, type Synthesized } from './synth';

let s: Synthesized;
let programme: Json;

beforeAll(() => {
  s = synthesize('dev');
  programme = s.programmeJson;
}, 300_000);
afterAll(() => s?.cleanup());

const REGISTRY = 'functions/http/admin-stations.ts';
const AREAS = 'functions/http/admin-areas.ts';
const NEARBY = 'functions/http/public-stations-nearby.ts';
const FIGURES = 'functions/http/station-figures.ts';
const JOB = 'functions/schedules/station-staff.ts';

const READ = [...TABLE_READ_ACTIONS].sort();
const READ_WRITE = [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS].sort();
const tableActions = (entry: string) => [...new Set(roleStatements(programme, functionByEntry(programme, entry)[0]).flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:')))].sort();
const otherActions = (entry: string) => roleStatements(programme, functionByEntry(programme, entry)[0]).flatMap(actionsOf).filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('logs:') && !a.startsWith('xray:'));
const route = (key: string) => resourcesOfType(programme, 'AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === key)?.[1];

describe('station routes', () => {
  it('the registry, areas and coverage behind the authorizer; nearby without a key', () => {
    const authorized = [
      'POST /v1/admin/stations',
      'GET /v1/admin/stations',
      'GET /v1/admin/stations/{stationId}',
      'PATCH /v1/admin/stations/{stationId}',
      'POST /v1/admin/stations/{stationId}/close',
      'POST /v1/admin/stations/{stationId}/reopen',
      'PUT /v1/admin/areas/{areaId}',
      'GET /v1/admin/areas',
      'GET /v1/admin/station-coverage',
      'GET /v1/stations/{stationId}/figures',
    ];
    for (const key of authorized) expect(route(key)?.Properties.AuthorizationType, key).toBe('CUSTOM');
    expect(route('GET /v1/public/stations/nearby')?.Properties.AuthorizationType).toBe('NONE');
  });

  it('least privilege: nearby and figures read; the registry and areas read and write; none holds a key, sends or publishes', () => {
    expect(tableActions(NEARBY)).toEqual(READ);
    expect(tableActions(FIGURES)).toEqual(READ);
    expect(tableActions(REGISTRY)).toEqual(READ_WRITE);
    expect(tableActions(AREAS)).toEqual(READ_WRITE);
    for (const entry of [NEARBY, FIGURES, REGISTRY, AREAS, JOB]) {
      expect(otherActions(entry), entry).toEqual([]);
      const variables = Object.keys(functionByEntry(programme, entry)[1].Properties.Environment.Variables);
      expect(variables.filter((v) => /EVENT_BUS|QUEUE_URL|KEY_ID|KEY_ARN/.test(v)), entry).toEqual([]);
    }
  });
});

describe('the nightly certified-worker count', () => {
  it('runs at 03:00 Asia/Shanghai (19:00 UTC), after the certificate review, for up to 15 minutes, reading and writing the table only', () => {
    const job = PROGRAMME_SCHEDULES.find((j) => j.entry === JOB)!;
    expect(job.schedule.expressionString).toBe('cron(0 19 * * ? *)');
    const [fnId, fn] = functionByEntry(programme, JOB);
    expect(fn.Properties.Timeout).toBe(900);
    const rules = resourcesOfType(programme, 'AWS::Events::Rule').filter(([, r]) => r.Properties.Targets?.some((t: Json) => refTarget(t.Arn) === fnId));
    expect(rules.map(([, r]) => r.Properties)).toEqual([expect.objectContaining({ ScheduleExpression: 'cron(0 19 * * ? *)', State: 'ENABLED', Name: 'anxin-dev-station-staff' })]);
    expect(tableActions(JOB)).toEqual(READ_WRITE);
    const alarms = resourcesOfType(programme, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties.AlarmName as string);
    expect(alarms).toContain('anxin-dev-station-staff-errors');
  });
});
