/**
 * The local platform's picture of the deployment, derived ONLY from what `cdk synth`
 * wrote to cdk.out (see local/template/). Every other part of local/ consumes this model
 * and never looks at infra/ code: that is what keeps the local platform from drifting
 * from the CDK app.
 *
 * Values that CloudFormation resolves at deploy time (Ref, Fn::GetAtt, Fn::Join, Fn::Sub)
 * are already resolved here to their local equivalents: table names, local queue URLs,
 * local ARNs (same partition/account/region shape as AWS, with the local account id).
 */

export interface LocalTable {
  logicalId: string;
  /** Local physical name (the TableName property, or a generated one like AWS does). */
  tableName: string;
  /** The template's Properties, as CreateTable input (KeySchema, AttributeDefinitions, GSIs...). */
  keySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  attributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  globalSecondaryIndexes: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
  }[];
  /** LocalSecondaryIndexes, when the template has any (additive: absent when none). */
  localSecondaryIndexes?: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
  }[];
  ttlAttribute?: string;
}

export interface LocalQueue {
  logicalId: string;
  queueName: string;
  /** Local queue URL, e.g. http://127.0.0.1:9324/000000000000/anxin-dev-orders.fifo */
  url: string;
  arn: string;
  fifo: boolean;
  contentBasedDeduplication: boolean;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  delaySeconds: number;
  receiveWaitTimeSeconds: number;
  redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
}

export interface LocalFunction {
  logicalId: string;
  /** Local function name (FunctionName property, or `<stack>-<logicalId>` like CloudFormation, minus its random suffix). */
  functionName: string;
  arn: string;
  /** Absolute directory of the esbuild bundle the template's asset points to (cdk.out/asset.<hash>). */
  bundleDir: string;
  /** Handler as in the template, e.g. "index.handler" -> file index.mjs (or .js/.cjs), export handler. */
  handler: string;
  runtime: string;
  architecture: 'arm64' | 'x86_64';
  memoryMb: number;
  timeoutSeconds: number;
  /** Environment exactly as the template gives it, with intrinsics resolved to local values. */
  environment: Record<string, string>;
  /** ReservedConcurrentExecutions, when set. */
  reservedConcurrency?: number;
}

export interface LocalEventSourceMapping {
  logicalId: string;
  functionLogicalId: string;
  queueLogicalId: string;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  /** ScalingConfig.MaximumConcurrency, when set. */
  maximumConcurrency?: number;
  enabled: boolean;
}

export interface LocalAuthorizer {
  logicalId: string;
  functionLogicalId: string;
  /** e.g. ["$request.header.Authorization"] */
  identitySource: string[];
  /** AuthorizerResultTtlInSeconds (0 = no caching). */
  resultTtlSeconds: number;
  enableSimpleResponses: boolean;
  payloadFormatVersion: '1.0' | '2.0';
}

export interface LocalRoute {
  logicalId: string;
  /** e.g. "POST /v1/orders", "GET /v1/orders/{orderId}", "$default" */
  routeKey: string;
  functionLogicalId: string;
  payloadFormatVersion: '1.0' | '2.0';
  authorizerLogicalId?: string;
  authorizationType: 'NONE' | 'CUSTOM' | 'JWT' | 'AWS_IAM';
}

export interface LocalHttpApi {
  logicalId: string;
  apiId: string;
  stageName: string;
  routes: LocalRoute[];
  authorizers: LocalAuthorizer[];
}

export interface LocalSchedule {
  logicalId: string;
  /** "rate(1 day)" or "cron(0 18 * * ? *)" as in the template. */
  scheduleExpression: string;
  functionLogicalId: string;
  /** The target's Input (JSON string) when set. */
  input?: string;
  enabled: boolean;
  /** Local ARN of the rule (the Scheduled Event's `resources[0]`); additive. */
  ruleArn?: string;
}

export interface Topology {
  region: string;
  accountId: string;
  tables: LocalTable[];
  queues: LocalQueue[];
  functions: LocalFunction[];
  eventSourceMappings: LocalEventSourceMapping[];
  httpApis: LocalHttpApi[];
  schedules: LocalSchedule[];
}
