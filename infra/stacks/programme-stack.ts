/**
 * `Anxin-<stage>-Programme`: the programme officers' capabilities — credit grades now;
 * stations, the wage survey and subsidy applications next — in a stack of their own,
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
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as events from 'aws-cdk-lib/aws-events';
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

/** The programme's routes, on the API stack's HTTP API. Same shape as ROUTES (stacks/api-stack.ts). */
export const PROGRAMME_ROUTES: readonly RouteDefinition[] = [
  { id: 'CreditFactsGet', method: HttpMethod.GET, path: '/v1/credit/facts', entry: 'functions/http/credit-facts-get.ts', table: 'read' },
];

export interface ProgrammeConsumerDefinition extends ConsumerEntry {
  /** The read-model queue it consumes (stateful stack, READ_MODEL_QUEUES). */
  readonly queue: ReadModelQueue;
}

/** One consumer per read-model queue. */
export const PROGRAMME_CONSUMERS: readonly ProgrammeConsumerDefinition[] = [
  // Counts order events into the monthly credit facts; reads the order or complaint an event names.
  { queue: 'credit-facts', entry: 'functions/consumers/credit-facts.ts', table: 'readWrite' },
];

/** The programme's scheduled jobs (EventBridge rules; the local platform runs them too). */
export const PROGRAMME_SCHEDULES: readonly ScheduleDefinition[] = [];

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
    };
    const alarmAction = new cloudwatchActions.SnsAction(props.alarmTopic);

    this.routeFunctions = addHttpRoutes(this, { ...resources, httpApi: props.httpApi, authorizer: props.authorizer, routes: PROGRAMME_ROUTES, routeScope: this });

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
    for (const def of PROGRAMME_SCHEDULES) scheduled[def.id] = addScheduledJob(this, resources, def, alarmAction);
    this.scheduledJobs = scheduled;
  }
}
