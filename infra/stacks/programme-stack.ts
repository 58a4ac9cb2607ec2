/**
 * `Anxin-<stage>-Programme`: the programme officers' capabilities — credit grades, the
 * wage survey, stations, the programme's figures and subsidies — in a stack of their own,
 * because the API stack is near CloudFormation's 500-resource limit
 * (docs/architecture.md "Three stacks"). Stateless like the API stack.
 *
 * Its routes are on the API stack's HTTP API, behind the same Lambda authorizer: functions,
 * integrations, routes and invoke permissions are here, and only the API's and the
 * authorizer's ids are imported (constructs/http-routes.ts). Its consumers read the
 * read-model queues of the stateful stack (READ_MODEL_QUEUES); its alarms go to the API
 * stack's alarm topic, the one topic operators subscribe to.
 *
 * Adding a route, a consumer or a job is one entry in PROGRAMME_ROUTES,
 * PROGRAMME_CONSUMERS or PROGRAMME_SCHEDULES.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { AnxinFunction } from '../constructs/anxin-function';
import type { EventFedQueue } from '../constructs/event-fed-queue';
import type { AccessResources } from '../constructs/function-access';
import { addHttpRoutes, type RouteDefinition } from '../constructs/http-routes';
import type { QueueConsumer } from '../constructs/queue-consumer';
import { QueuePairAlarms } from '../constructs/queue-pair';
import type { ScheduledFunction } from '../constructs/scheduled-function';
import { addQueueConsumer, addScheduledJob, type ConsumerEntry, type ScheduleDefinition } from '../constructs/stack-functions';
import { kebabToPascal } from './api-stack';
import type { ReadModelQueue } from './stateful-stack';

const HttpMethod = apigwv2.HttpMethod;

const adminCreditGrades = { id: 'AdminCreditGrades', entry: 'functions/http/admin-credit-grades.ts', table: 'readWrite', publishesEvents: true } as const;

/** The programme's routes, on the API stack's HTTP API. Same shape as ROUTES (stacks/api-stack.ts). */
export const PROGRAMME_ROUTES: readonly RouteDefinition[] = [
  { id: 'CreditFactsGet', method: HttpMethod.GET, path: '/v1/credit/facts', entry: 'functions/http/credit-facts-get.ts', table: 'read' },
  // Credit grades (docs/credit-grading.md): the enterprise's own, objections, the officers' routes, the public list.
  { id: 'CreditGradesRead', method: HttpMethod.GET, path: '/v1/credit/grades', entry: 'functions/http/credit-grades-read.ts', table: 'read' },
  { id: 'CreditGradesRead', method: HttpMethod.GET, path: '/v1/credit/grades/{period}', entry: 'functions/http/credit-grades-read.ts', table: 'read' },
  { id: 'CreditObjectionsFile', method: HttpMethod.POST, path: '/v1/credit/grades/{period}/objections', entry: 'functions/http/credit-objections-file.ts', table: 'readWrite' },
  { id: 'WorkersCredit', method: HttpMethod.GET, path: '/v1/workers/{workerId}/credit', entry: 'functions/http/workers-credit.ts', table: 'read' },
  // An upheld objection computes the grade again and publishes it.
  ...['/v1/admin/credit/grades', '/v1/admin/credit/preview'].map((path) => ({ ...adminCreditGrades, method: HttpMethod.GET, path })),
  { ...adminCreditGrades, method: HttpMethod.POST, path: '/v1/admin/credit/objections/{objectionId}/decision' },
  ...[
    [HttpMethod.POST, '/v1/admin/credit/records'],
    [HttpMethod.GET, '/v1/admin/credit/records'],
    [HttpMethod.POST, '/v1/admin/credit/records/{recordId}/revoke'],
  ].map(([method, path]) => ({ id: 'AdminCreditRecords', method: method as apigwv2.HttpMethod, path: path as string, entry: 'functions/http/admin-credit-records.ts', table: 'readWrite' as const })),
  // Public by design, like the programme's own published lists: names, grades and scores only.
  { id: 'PublicCreditGrades', method: HttpMethod.GET, path: '/v1/public/credit-grades', entry: 'functions/http/public-credit-grades.ts', table: 'read', public: true },
  // Stations (docs/stations.md): the officers' registry, areas and coverage; the public 15-minute circle; a station's figures.
  ...[
    [HttpMethod.POST, '/v1/admin/stations'],
    [HttpMethod.GET, '/v1/admin/stations'],
    [HttpMethod.GET, '/v1/admin/stations/{stationId}'],
    [HttpMethod.PATCH, '/v1/admin/stations/{stationId}'],
    [HttpMethod.POST, '/v1/admin/stations/{stationId}/close'],
    [HttpMethod.POST, '/v1/admin/stations/{stationId}/reopen'],
  ].map(([method, path]) => ({ id: 'AdminStations', method: method as apigwv2.HttpMethod, path: path as string, entry: 'functions/http/admin-stations.ts', table: 'readWrite' as const })),
  ...[
    [HttpMethod.PUT, '/v1/admin/areas/{areaId}'],
    [HttpMethod.GET, '/v1/admin/areas'],
    [HttpMethod.GET, '/v1/admin/station-coverage'],
  ].map(([method, path]) => ({ id: 'AdminAreas', method: method as apigwv2.HttpMethod, path: path as string, entry: 'functions/http/admin-areas.ts', table: 'readWrite' as const })),
  // Public by design: what a household asks; counts only, no names.
  { id: 'PublicStationsNearby', method: HttpMethod.GET, path: '/v1/public/stations/nearby', entry: 'functions/http/public-stations-nearby.ts', table: 'read', public: true },
  { id: 'StationFigures', method: HttpMethod.GET, path: '/v1/stations/{stationId}/figures', entry: 'functions/http/station-figures.ts', table: 'read' },
  // The wage survey (docs/wage-survey.md): enterprises' pay reports; the published table, public like the other programme lists.
  ...[HttpMethod.POST, HttpMethod.GET].map((method) => ({ id: 'WageReports', method, path: '/v1/wage-reports', entry: 'functions/http/wage-reports.ts', table: 'readWrite' as const, cursors: true })),
  // The enterprise corrects or withdraws its own report; the report's sample moves in the same transaction.
  ...[HttpMethod.PUT, HttpMethod.DELETE].map((method) => ({ id: 'WageReports', method, path: '/v1/wage-reports/{reportId}', entry: 'functions/http/wage-reports.ts', table: 'readWrite' as const, cursors: true })),
  { id: 'PublicWageSurvey', method: HttpMethod.GET, path: '/v1/public/wage-survey', entry: 'functions/http/public-wage-survey.ts', table: 'read', public: true },
  // An officer's publication at once: the nightly job's reads of a whole year, so as long as the HTTP API waits.
  { id: 'AdminWageSurvey', method: HttpMethod.POST, path: '/v1/admin/wage-survey/{year}/publish', entry: 'functions/http/admin-wage-survey.ts', table: 'readWrite', timeout: Duration.seconds(29) },
  // The programme's own figures (docs/programme.md), what `anxin report` prints.
  { id: 'AdminProgramme', method: HttpMethod.GET, path: '/v1/admin/programme', entry: 'functions/http/admin-programme.ts', table: 'read' },
  // Subsidies (docs/subsidies.md): the facts and budgets officers keep, applications and their review, the public awards.
  ...[
    [HttpMethod.POST, '/v1/admin/subsidy-facts/employment-models'],
    [HttpMethod.POST, '/v1/admin/subsidy-facts/recognitions'],
    [HttpMethod.POST, '/v1/admin/subsidy-facts/recognitions/{recognitionId}/revoke'],
    [HttpMethod.GET, '/v1/admin/subsidy-facts'],
  ].map(([method, path]) => ({ id: 'AdminSubsidyFacts', method: method as apigwv2.HttpMethod, path: path as string, entry: 'functions/http/admin-subsidy-facts.ts', table: 'readWrite' as const })),
  ...[
    [HttpMethod.PUT, '/v1/admin/subsidy-budgets/{scheme}/{year}'],
    [HttpMethod.GET, '/v1/admin/subsidy-budgets'],
  ].map(([method, path]) => ({ id: 'AdminSubsidyBudgets', method: method as apigwv2.HttpMethod, path: path as string, entry: 'functions/http/admin-subsidy-budgets.ts', table: 'readWrite' as const })),
  // Each step publishes cn.anxin.subsidy.<step>.v1 once committed.
  ...[
    [HttpMethod.POST, '/v1/subsidy-applications'],
    [HttpMethod.GET, '/v1/subsidy-applications'],
    [HttpMethod.GET, '/v1/subsidy-applications/{applicationId}'],
    [HttpMethod.POST, '/v1/subsidy-applications/{applicationId}/supplement'],
    [HttpMethod.POST, '/v1/subsidy-applications/{applicationId}/withdraw'],
  ].map(([method, path]) => ({ id: 'SubsidyApplications', method: method as apigwv2.HttpMethod, path: path as string, entry: 'functions/http/subsidy-applications.ts', table: 'readWrite' as const, publishesEvents: true, personalData: true, cursors: true })),
  ...[
    [HttpMethod.GET, '/v1/admin/subsidy-applications'],
    [HttpMethod.GET, '/v1/admin/subsidy-applications/{applicationId}'],
    ...['approve', 'reject', 'request-info', 'record-payment'].map((step) => [HttpMethod.POST, `/v1/admin/subsidy-applications/{applicationId}/${step}`]),
  ].map(([method, path]) => ({ id: 'AdminSubsidyApplications', method: method as apigwv2.HttpMethod, path: path as string, entry: 'functions/http/admin-subsidy-applications.ts', table: 'readWrite' as const, publishesEvents: true, personalData: true, cursors: true })),
  // Public by design, like the other published lists: tenants, schemes and amounts, no persons.
  { id: 'PublicSubsidyAwards', method: HttpMethod.GET, path: '/v1/public/subsidies/awards', entry: 'functions/http/public-subsidy-awards.ts', table: 'read', public: true },
];

export interface ProgrammeConsumerDefinition extends ConsumerEntry {
  /** The read-model queue it consumes (stateful stack, READ_MODEL_QUEUES). */
  readonly queue: ReadModelQueue;
}

/** One consumer per read-model queue. */
export const PROGRAMME_CONSUMERS: readonly ProgrammeConsumerDefinition[] = [
  // Counts order events into the monthly credit facts; reads the order or complaint an event names.
  { queue: 'credit-facts', entry: 'functions/consumers/credit-facts.ts', table: 'readWrite' },
  // One price sample per created order, for the wage survey's price table; reads nothing.
  { queue: 'order-prices', entry: 'functions/consumers/order-prices.ts', table: 'readWrite' },
];

/** The programme's scheduled jobs (EventBridge rules; the local platform runs them too). */
export const PROGRAMME_SCHEDULES: readonly ScheduleDefinition[] = [
  {
    id: 'CreditGrading',
    entry: 'functions/schedules/credit-grading.ts',
    serviceName: 'credit-grading',
    // 18:00 UTC on the 5th = 02:00 Asia/Shanghai on the 6th: the month that ended is graded
    // once the events of its last hours have been counted and a weekend has passed.
    schedule: events.Schedule.expression('cron(0 18 5 * ? *)'),
    description: 'Grades every enterprise for the month that ended and publishes the grades',
    table: 'readWrite',
    publishesEvents: true,
    // Enterprises are graded eight at a time; a run that stops early is run again and skips the graded ones.
    timeout: Duration.minutes(15),
    // CPU-bound (the staff counts): a whole vCPU, measured at ~0.55 ms CPU per worker, so a
    // city's 260,000 workers take minutes, not the 15 the default 256 MB share would be near.
    memorySize: 1769,
  },
  {
    id: 'StationStaff',
    entry: 'functions/schedules/station-staff.ts',
    serviceName: 'station-staff',
    // 19:00 UTC = 03:00 Asia/Shanghai, an hour after the daily certificate review has expired what lapsed.
    schedule: events.Schedule.expression('cron(0 19 * * ? *)'),
    description: 'Counts the certified workers per station service of every enterprise stationed at an active station',
    table: 'readWrite',
    // Follows every stationed enterprise's current workers to their certificates, 16 at a time.
    timeout: Duration.minutes(15),
  },
  {
    id: 'WageSurveyPublication',
    entry: 'functions/schedules/wage-survey.ts',
    serviceName: 'wage-survey',
    // 18:30 UTC = 02:30 Asia/Shanghai: the day's reports and orders are in the next morning's table.
    schedule: events.Schedule.expression('cron(30 18 * * ? *)'),
    description: 'Computes the wage survey of the current and the previous year and stores the published table',
    table: 'readWrite',
    // Reads every sample of two years (about 660,000 at the bench's scale), one cell at a time.
    timeout: Duration.minutes(15),
  },
];

export interface ProgrammeStackProps extends StackProps, AccessResources {
  readonly eventBus: events.IEventBus;
  readonly readModelQueues: Readonly<Record<ReadModelQueue, EventFedQueue>>;
  /** The API stack's HTTP API and its API-key authorizer. */
  readonly httpApi: apigwv2.IHttpApi;
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
  /** The API stack's alarm topic. */
  readonly alarmTopic: sns.ITopic;
}

export class ProgrammeStack extends Stack {
  readonly routeFunctions: Readonly<Record<string, AnxinFunction>>;
  readonly consumers: Readonly<Partial<Record<ReadModelQueue, QueueConsumer>>>;
  readonly scheduledJobs: Readonly<Record<string, ScheduledFunction>>;

  constructor(scope: Construct, id: string, props: ProgrammeStackProps) {
    super(scope, id, props);
    const { config } = props;
    const resources: AccessResources = {
      config,
      table: props.table,
      queues: props.queues,
      personalDataKey: props.personalDataKey,
      personalDataHmacKey: props.personalDataHmacKey,
      webhookSecretsKey: props.webhookSecretsKey,
      cursorMacKey: props.cursorMacKey,
    };
    const alarmAction = new cloudwatchActions.SnsAction(props.alarmTopic);

    this.routeFunctions = addHttpRoutes(this, { ...resources, httpApi: props.httpApi, authorizer: props.authorizer, routes: PROGRAMME_ROUTES, routeScope: this, eventBus: props.eventBus });

    const consumers: Partial<Record<ReadModelQueue, QueueConsumer>> = {};
    for (const def of PROGRAMME_CONSUMERS) {
      const { pair } = props.readModelQueues[def.queue];
      const name = kebabToPascal(def.queue);
      consumers[def.queue] = addQueueConsumer(this, `${name}Consumer`, resources, def, { pair, alarmAction, eventBus: props.eventBus });
      // Read models fall behind quietly otherwise: the DLQ and the oldest message alarm here, beside the consumer.
      new QueuePairAlarms(this, `${name}QueueAlarms`, { config, pair, action: alarmAction });
      new CfnOutput(this, `${name}ConsumerFunctionName`, { value: consumers[def.queue]!.fn.functionName });
    }
    this.consumers = consumers;

    const scheduled: Record<string, ScheduledFunction> = {};
    for (const def of PROGRAMME_SCHEDULES) scheduled[def.id] = addScheduledJob(this, resources, def, alarmAction, props.eventBus);
    this.scheduledJobs = scheduled;
  }
}
