/**
 * `Anxin-<stage>-Api`: the stateless stack — functions, the HTTP API with its Lambda
 * authorizer, the SQS consumers, alarms. Stateful resources arrive as typed props.
 *
 * Adding a route is one line in ROUTES. The programme's capabilities (credit grades,
 * stations, …) add theirs to the programme stack instead (stacks/programme-stack.ts), on
 * this API and its authorizer: this stack is near CloudFormation's 500-resource limit.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as snsSubscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { DOMAINS, physicalName, type Domain, type StageConfig } from '../config';
import { AnxinFunction } from '../constructs/anxin-function';
import { QueuePairAlarms, type FifoQueuePair, type QueuePair } from '../constructs/fifo-queue-pair';
import { ENV, type AccessResources } from '../constructs/function-access';
import { addHttpRoutes, type RouteDefinition } from '../constructs/http-routes';
import { NoRoute } from '../constructs/no-route';
import type { InsurerQueue } from '../constructs/insurer-queue';
import type { QueueConsumer } from '../constructs/queue-consumer';
import type { ScheduledFunction } from '../constructs/scheduled-function';
import { addQueueConsumer, addScheduledJob, type ConsumerEntry, type ScheduleDefinition } from '../constructs/stack-functions';
import { grantTableAccess } from '../constructs/table-access';
import { CHECK_KINDS } from '../../shared/domain/worker/checks';
import { PARTNER_COMMANDS } from '../../shared/schemas/order-commands';
import { CERTIFICATE_ROUTE_COMMANDS } from '../../shared/schemas/certificates';
import { TRAINING_ROUTES } from '../../shared/schemas/training';
import { webhookDispatcherEnv, webhookRouteEnv } from '../../shared/webhooks/settings';

export const HttpMethod = apigwv2.HttpMethod;

export { ENV, type RouteDefinition, type ScheduleDefinition };

/** The order lifecycle commands, all served by one function (functions/http/orders-command.ts). */
export const ORDER_COMMAND_PATHS = PARTNER_COMMANDS;

const orderCommand = { id: 'OrdersCommand', method: HttpMethod.POST, entry: 'functions/http/orders-command.ts', table: 'readWrite', sendsTo: ['orders'] } as const;

/** The worker registry (synchronous) and training (queued) routes. */
const WORKER_ROUTES: readonly RouteDefinition[] = [
  { id: 'WorkersRegister', method: HttpMethod.POST, path: '/v1/workers', entry: 'functions/http/workers-register.ts', table: 'readWrite', personalData: true },
  // The graduation is encrypted like the ID number: the registration function already holds the personal-data grants.
  { id: 'WorkersRegister', method: HttpMethod.PUT, path: '/v1/workers/{workerId}/graduation', entry: 'functions/http/workers-register.ts', table: 'readWrite', personalData: true },
  { id: 'WorkersList', method: HttpMethod.GET, path: '/v1/workers', entry: 'functions/http/workers-list.ts', table: 'read', cursors: true },
  { id: 'WorkersGet', method: HttpMethod.GET, path: '/v1/workers/{workerId}', entry: 'functions/http/workers-get.ts', table: 'read' },
  { id: 'WorkersTrace', method: HttpMethod.GET, path: '/v1/workers/{workerId}/trace', entry: 'functions/http/workers-trace.ts', table: 'read' },
  { id: 'WorkersEmploymentEnd', method: HttpMethod.POST, path: '/v1/workers/{workerId}/employment/end', entry: 'functions/http/workers-employment-end.ts', table: 'readWrite' },
  // Same function as the end of the employment: a route and its integration, no new function (the stack is near 500 resources).
  { id: 'WorkersEmploymentEnd', method: HttpMethod.POST, path: '/v1/workers/{workerId}/employment/terms', entry: 'functions/http/workers-employment-end.ts', table: 'readWrite' },
  { id: 'WorkersConsents', method: HttpMethod.POST, path: '/v1/workers/{workerId}/consents', entry: 'functions/http/workers-consents.ts', table: 'readWrite' },
  ...CHECK_KINDS.map((kind) => ({ id: 'WorkersChecks', method: HttpMethod.POST, path: `/v1/workers/{workerId}/checks/${kind}`, entry: 'functions/http/workers-checks.ts', table: 'readWrite' }) as const),
  // Bases may name a worker by ID number: the route computes its keyed hash (no decryption).
  ...Object.keys(TRAINING_ROUTES).map(
    (segment) =>
      ({ id: 'TrainingReport', method: HttpMethod.POST, path: `/v1/training/${segment}`, entry: 'functions/http/training-report.ts', table: 'readWrite', sendsTo: ['training'], personalData: true }) as const,
  ),
  { id: 'TrainingStats', method: HttpMethod.GET, path: '/v1/training/stats', entry: 'functions/http/training-stats.ts', table: 'read' },
];

/** The 安心服务证 routes: read, lifecycle commands (one function), the public check. */
const certificateCommand = { id: 'CertificatesCommand', method: HttpMethod.POST, entry: 'functions/http/certificates-command.ts', table: 'readWrite' } as const;
const publicCertificate = { id: 'PublicCertificates', method: HttpMethod.GET, entry: 'functions/http/public-certificates.ts', table: 'readWrite', public: true } as const;
const CERTIFICATE_ROUTES: readonly RouteDefinition[] = [
  { id: 'CertificatesGet', method: HttpMethod.GET, path: '/v1/workers/{workerId}/certificate', entry: 'functions/http/certificates-get.ts', table: 'read' },
  ...CERTIFICATE_ROUTE_COMMANDS.map((command) => ({ ...certificateCommand, path: `/v1/certificates/{certNo}/${command}` })),
  // Public by design (the QR code is the credential); writes its audit and throttle items.
  { ...publicCertificate, path: '/v1/public/certificates/{qrToken}' },
  { ...publicCertificate, path: '/v1/public/certificates/{qrToken}/page' },
];

/** Group policies, enrolments and the subsidy report. */
const POLICY_ROUTES: readonly RouteDefinition[] = [
  { id: 'PoliciesIssue', method: HttpMethod.POST, path: '/v1/policies', entry: 'functions/http/policies-issue.ts', table: 'readWrite' },
  { id: 'PoliciesList', method: HttpMethod.GET, path: '/v1/policies', entry: 'functions/http/policies-list.ts', table: 'read', cursors: true },
  { id: 'PoliciesGet', method: HttpMethod.GET, path: '/v1/policies/{policyId}', entry: 'functions/http/policies-get.ts', table: 'read' },
  { id: 'PoliciesTrace', method: HttpMethod.GET, path: '/v1/policies/{policyId}/trace', entry: 'functions/http/policies-trace.ts', table: 'read' },
  // Roster changes and cancellations refresh the workers' certificates (their insurance light).
  { id: 'PoliciesCancel', method: HttpMethod.POST, path: '/v1/policies/{policyId}/cancel', entry: 'functions/http/policies-cancel.ts', table: 'readWrite' },
  { id: 'PoliciesEnrol', method: HttpMethod.POST, path: '/v1/policies/{policyId}/enrolments', entry: 'functions/http/policies-enrol.ts', table: 'readWrite' },
  { id: 'PoliciesEnrolmentEnd', method: HttpMethod.POST, path: '/v1/policies/{policyId}/enrolments/{workerId}/end', entry: 'functions/http/policies-enrolment-end.ts', table: 'readWrite' },
  { id: 'PoliciesRoster', method: HttpMethod.GET, path: '/v1/policies/{policyId}/enrolments', entry: 'functions/http/policies-roster.ts', table: 'read', cursors: true },
  { id: 'InsuranceSubsidy', method: HttpMethod.GET, path: '/v1/insurance/subsidy', entry: 'functions/http/insurance-subsidy.ts', table: 'read' },
];

/** Claims: enterprises file, insurers decide and pay. */
const claimCommand = { id: 'ClaimsCommand', method: HttpMethod.POST, entry: 'functions/http/claims-command.ts', table: 'readWrite', sendsTo: ['claims'] } as const;
const CLAIM_ROUTES: readonly RouteDefinition[] = [
  { id: 'ClaimsFile', method: HttpMethod.POST, path: '/v1/claims', entry: 'functions/http/claims-file.ts', table: 'readWrite', sendsTo: ['claims'] },
  { id: 'ClaimsList', method: HttpMethod.GET, path: '/v1/claims', entry: 'functions/http/claims-list.ts', table: 'read', cursors: true },
  { id: 'ClaimsGet', method: HttpMethod.GET, path: '/v1/claims/{claimId}', entry: 'functions/http/claims-get.ts', table: 'read' },
  { id: 'ClaimsTrace', method: HttpMethod.GET, path: '/v1/claims/{claimId}/trace', entry: 'functions/http/claims-trace.ts', table: 'read' },
  // The insurer's decision and payment: one function, queued on the claim's message group.
  { ...claimCommand, path: '/v1/claims/{claimId}/decision' },
  { ...claimCommand, path: '/v1/claims/{claimId}/payment' },
];

/** Webhook subscriptions of insurers (delivery: constructs/webhook-delivery.ts, functions/consumers/webhooks.ts). */
const WEBHOOK_ROUTES: readonly RouteDefinition[] = [
  { id: 'WebhookPut', method: HttpMethod.PUT, path: '/v1/webhook', entry: 'functions/http/webhook-put.ts', table: 'readWrite', webhookSecrets: 'encrypt', settings: (config) => webhookRouteEnv(config.webhooks) },
  { id: 'WebhookGet', method: HttpMethod.GET, path: '/v1/webhook', entry: 'functions/http/webhook-get.ts', table: 'read' },
  { id: 'WebhookDelete', method: HttpMethod.DELETE, path: '/v1/webhook', entry: 'functions/http/webhook-delete.ts', table: 'readWrite' },
];

/**
 * Every route; routes with the same id share one function. All are behind the Lambda
 * authorizer unless marked public.
 */
export const ROUTES: readonly RouteDefinition[] = [
  { id: 'OrdersCreate', method: HttpMethod.POST, path: '/v1/orders', entry: 'functions/http/orders-create.ts', table: 'readWrite', sendsTo: ['orders'] },
  { id: 'OrdersList', method: HttpMethod.GET, path: '/v1/orders', entry: 'functions/http/orders-list.ts', table: 'read', cursors: true },
  { id: 'OrdersGet', method: HttpMethod.GET, path: '/v1/orders/{orderId}', entry: 'functions/http/orders-get.ts', table: 'read' },
  { id: 'OrdersTrace', method: HttpMethod.GET, path: '/v1/orders/{orderId}/trace', entry: 'functions/http/orders-trace.ts', table: 'read' },
  { id: 'OrdersAttendance', method: HttpMethod.GET, path: '/v1/orders/{orderId}/attendance', entry: 'functions/http/orders-attendance.ts', table: 'read' },
  ...ORDER_COMMAND_PATHS.map((command) => ({ ...orderCommand, path: `/v1/orders/{orderId}/${command}` })),
  { id: 'OrdersRatingToken', method: HttpMethod.POST, path: '/v1/orders/{orderId}/rating-token', entry: 'functions/http/orders-rating-token.ts', table: 'readWrite' },
  { id: 'PublicRatings', method: HttpMethod.POST, path: '/v1/public/ratings', entry: 'functions/http/public-ratings.ts', table: 'readWrite', sendsTo: ['orders'], public: true },
  { id: 'RatingsSummary', method: HttpMethod.GET, path: '/v1/ratings/summary', entry: 'functions/http/ratings-summary.ts', table: 'read' },
  { id: 'WorkersRatingsSummary', method: HttpMethod.GET, path: '/v1/workers/{workerId}/ratings/summary', entry: 'functions/http/workers-ratings-summary.ts', table: 'read' },
  { id: 'EventsGet', method: HttpMethod.GET, path: '/v1/events/{eventId}', entry: 'functions/http/events-get.ts', table: 'read' },
  { id: 'ComplaintsOpen', method: HttpMethod.POST, path: '/v1/orders/{orderId}/complaints', entry: 'functions/http/complaints-open.ts', table: 'readWrite', sendsTo: ['orders'] },
  { id: 'PublicComplaints', method: HttpMethod.POST, path: '/v1/public/complaints', entry: 'functions/http/public-complaints.ts', table: 'readWrite', sendsTo: ['orders'], public: true },
  { id: 'ComplaintsResolve', method: HttpMethod.POST, path: '/v1/complaints/{complaintId}/resolve', entry: 'functions/http/complaints-resolve.ts', table: 'readWrite', sendsTo: ['orders'] },
  { id: 'ComplaintsList', method: HttpMethod.GET, path: '/v1/complaints', entry: 'functions/http/complaints-list.ts', table: 'read', cursors: true },
  { id: 'ComplaintsGet', method: HttpMethod.GET, path: '/v1/complaints/{complaintId}', entry: 'functions/http/complaints-get.ts', table: 'read' },
  { id: 'AdminTraceVerification', method: HttpMethod.GET, path: '/v1/admin/trace-verification', entry: 'functions/http/admin-trace-verification.ts', table: 'read', cursors: true },
  ...WORKER_ROUTES,
  ...CERTIFICATE_ROUTES,
  ...POLICY_ROUTES,
  ...CLAIM_ROUTES,
  ...WEBHOOK_ROUTES,
];

/** The queue a consumer reads: a domain's FIFO queue, or the webhook delivery queue (standard). */
export type ConsumedQueue = Domain | 'webhooks';

export interface ConsumerDefinition extends ConsumerEntry {
  readonly domain: ConsumedQueue;
}

/** The orders consumer's assignment rule settings (domain/certificate/assignment.ts). */
export const assignmentSettings = (config: StageConfig): Record<string, string> => ({
  ALLOW_YELLOW_ASSIGNMENT: String(config.assignment.allowYellow),
  REQUIRE_CERTIFICATE_FOR_ASSIGNMENT: String(config.assignment.requireCertificate),
});

/** One consumer per domain queue; claims follows with its issue. The training consumer needs no keys (messages carry worker ids). */
export const CONSUMERS: readonly ConsumerDefinition[] = [
  { domain: 'orders', entry: 'functions/consumers/orders.ts', publishesEvents: true, settings: assignmentSettings },
  { domain: 'training', entry: 'functions/consumers/training.ts' },
  // Files claims (coverage check), applies insurers' decisions and payments; publishes claim events.
  { domain: 'claims', entry: 'functions/consumers/claims.ts', publishesEvents: true },
  // Signs and POSTs insurer events to their webhooks; reads subscriptions, writes nothing.
  { domain: 'webhooks', entry: 'functions/consumers/webhooks.ts', table: 'read', webhookSecrets: 'decrypt', settings: (config) => webhookDispatcherEnv(config.webhooks) },
];

/** Scheduled jobs (EventBridge rules; the local platform runs them too). */
export const SCHEDULES: readonly ScheduleDefinition[] = [
  {
    id: 'CertificatesDaily',
    entry: 'functions/schedules/certificates-daily.ts',
    serviceName: 'certificates-daily',
    // 18:00 UTC = 02:00 Asia/Shanghai, after the day has turned for every certificate holder.
    schedule: events.Schedule.expression('cron(0 18 * * ? *)'),
    description: 'Expires certificates past their validity and records lights that lapsed checks changed',
    table: 'readWrite',
    // Only due certificates are read; a run that stops early leaves the rest due for tomorrow.
    timeout: Duration.minutes(5),
  },
];

/** Oldest message in an insurer's queue above which the insurer is considered not to read it. */
export const INSURER_MAX_MESSAGE_AGE = Duration.hours(1);

export const AUTHORIZER = {
  entry: 'functions/authorizer/index.ts',
  identitySource: ['$request.header.Authorization'],
  resultsCacheTtl: Duration.seconds(60),
} as const;

/**
 * Access log line (JSON). Request metadata only: no headers, no body, no source IP or user
 * agent — the log holds no personal data.
 */
export const ACCESS_LOG_FORMAT: Record<string, string> = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTimeEpoch: '$context.requestTimeEpoch',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
  errorResponseType: '$context.error.responseType',
};

export interface ApiStackProps extends StackProps {
  readonly config: StageConfig;
  readonly table: dynamodb.ITableV2;
  readonly queues: Readonly<Record<Domain, FifoQueuePair>>;
  /** The domain event bus (stateful stack); consumers with `publishesEvents` may put events on it. */
  readonly eventBus: events.IEventBus;
  /** For the functions that handle ID numbers (routes with `personalData`). */
  readonly personalDataKey: kms.IKey;
  /** For keyed-hash lookups of personal data (kms:GenerateMac); see constructs/personal-data-access.ts. */
  readonly personalDataHmacKey: kms.IKey;
  /** The insurers' delivery queues (stateful stack): alarms here. */
  readonly insurerQueues: readonly InsurerQueue[];
  /** The webhook delivery queue pair (stateful stack): the webhooks consumer reads it. */
  readonly webhookQueue: QueuePair;
  /** Encrypts webhook signing secrets (constructs/webhook-secrets-access.ts). */
  readonly webhookSecretsKey: kms.IKey;
  /** Signs list cursors (constructs/cursor-key-access.ts). */
  readonly cursorMacKey: kms.IKey;
  /** Optional e-mail subscribed to the alarm topic (context `alarmEmail`). */
  readonly alarmEmail?: string;
}

export class ApiStack extends Stack {
  readonly httpApi: apigwv2.HttpApi;
  readonly httpStage: apigwv2.HttpStage;
  readonly authorizerFunction: AnxinFunction;
  /** The API-key authorizer: the programme stack puts its routes behind it too. */
  readonly authorizer: HttpLambdaAuthorizer;
  readonly routeFunctions: Readonly<Record<string, AnxinFunction>>;
  readonly consumers: Readonly<Partial<Record<ConsumedQueue, QueueConsumer>>>;
  readonly alarmTopic: sns.Topic;
  readonly scheduledJobs: Readonly<Record<string, ScheduledFunction>>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config, table, queues } = props;

    // ---- Alarm topic -----------------------------------------------------------------
    // Customer-managed key: CloudWatch alarms cannot publish to a topic encrypted with
    // the AWS-managed aws/sns key, so the key policy lets the CloudWatch service use it.
    const alarmTopicKey = new kms.Key(this, 'AlarmTopicKey', {
      alias: `alias/${physicalName(config, 'alarms')}`,
      description: `Anxin ${config.stage}: encryption of the alarm topic`,
      enableKeyRotation: true,
      removalPolicy: config.removalPolicy,
      pendingWindow: Duration.days(7),
    });
    alarmTopicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        // A key policy's own key; the topic policy decides who may publish.
        resources: ['*'],
      }),
    );
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: physicalName(config, 'alarms'),
      displayName: `Anxin ${config.stage} alarms`,
      masterKey: alarmTopicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new snsSubscriptions.EmailSubscription(props.alarmEmail));
    }
    const alarmAction = new cloudwatchActions.SnsAction(this.alarmTopic);

    // ---- Authorizer --------------------------------------------------------------------
    this.authorizerFunction = new AnxinFunction(this, 'Authorizer', {
      config,
      entry: AUTHORIZER.entry,
      serviceName: 'authorizer',
      environment: { [ENV.tableName]: table.tableName },
    });
    grantTableAccess(table, this.authorizerFunction, 'read');
    const authorizer = new HttpLambdaAuthorizer('ApiKeyAuthorizer', this.authorizerFunction, {
      authorizerName: 'api-key',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [...AUTHORIZER.identitySource],
      resultsCacheTtl: AUTHORIZER.resultsCacheTtl,
    });

    // ---- HTTP API ----------------------------------------------------------------------
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: physicalName(config, 'api'),
      description: `Anxin ${config.stage} HTTP API`,
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });

    const accessLogGroup = new logs.LogGroup(this, 'AccessLogGroup', {
      retention: config.logRetention,
      removalPolicy: config.removalPolicy,
    });
    this.httpStage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.throttle.rateLimit, burstLimit: config.throttle.burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogGroup),
        format: apigw.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
      },
    });

    // Created in this stack, routes under the API (where `httpApi.addRoutes` put them).
    const resources: AccessResources = {
      config,
      table,
      queues,
      personalDataKey: props.personalDataKey,
      personalDataHmacKey: props.personalDataHmacKey,
      webhookSecretsKey: props.webhookSecretsKey,
      cursorMacKey: props.cursorMacKey,
    };
    this.authorizer = authorizer;
    this.routeFunctions = addHttpRoutes(this, { ...resources, httpApi: this.httpApi, authorizer, routes: ROUTES, routeScope: this.httpApi });
    // Whatever no route matches (here or in the programme stack) answers a problem+json 404.
    new NoRoute(this, 'NoRoute', { config, httpApi: this.httpApi });

    // ---- Consumers ---------------------------------------------------------------------
    const consumers: Partial<Record<ConsumedQueue, QueueConsumer>> = {};
    for (const def of CONSUMERS) {
      consumers[def.domain] = addQueueConsumer(this, `${kebabToPascal(def.domain)}Consumer`, resources, def, {
        pair: def.domain === 'webhooks' ? props.webhookQueue : queues[def.domain],
        alarmAction,
        eventBus: props.eventBus,
      });
    }
    this.consumers = consumers;

    // ---- Scheduled jobs ------------------------------------------------------------------
    const scheduled: Record<string, ScheduledFunction> = {};
    for (const def of SCHEDULES) scheduled[def.id] = addScheduledJob(this, resources, def, alarmAction);
    this.scheduledJobs = scheduled;

    // ---- Queue alarms (every pair, consumed yet or not) --------------------------------
    for (const domain of DOMAINS) {
      new QueuePairAlarms(this, `${kebabToPascal(domain)}QueueAlarms`, { config, pair: queues[domain], action: alarmAction });
    }
    // An insurer's queue backs up when the insurer stops reading: an hour is not a blip.
    for (const { insurer, pair } of props.insurerQueues) {
      new QueuePairAlarms(this, `Insurer${kebabToPascal(insurer.name)}QueueAlarms`, {
        config,
        pair,
        action: alarmAction,
        maxMessageAge: INSURER_MAX_MESSAGE_AGE,
        ageMeaning: `insurer ${insurer.name} is not reading its queue`,
      });
    }
    // Webhook messages wait on purpose (retries with backoff, up to hours): their age says
    // nothing. A delivery that exhausted its attempts lands in the DLQ, which alarms.
    new QueuePairAlarms(this, 'WebhooksQueueAlarms', { config, pair: props.webhookQueue, action: alarmAction, maxMessageAge: null });

    // ---- Outputs -----------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { value: this.httpStage.url });
    new CfnOutput(this, 'ApiId', { value: this.httpApi.apiId });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'AuthorizerFunctionName', { value: this.authorizerFunction.functionName });
    for (const [domain, consumer] of Object.entries(consumers)) {
      new CfnOutput(this, `${kebabToPascal(domain)}ConsumerFunctionName`, { value: consumer.fn.functionName });
    }
  }
}

export function kebabToPascal(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
