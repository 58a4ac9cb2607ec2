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
  /** Asynchronous invocations (AWS::Lambda::EventInvokeConfig, or Lambda's defaults); local/lambda/async-invoke.ts. */
  asyncInvoke?: AsyncInvokeConfig;
}

/** Where Lambda sends an asynchronous invocation's record. */
export type LocalDestination = { kind: 'sqs'; queueLogicalId: string; arn: string } | { kind: 'lambda'; functionLogicalId: string; arn: string };

export interface AsyncInvokeConfig {
  maximumRetryAttempts: number;
  maximumEventAgeSeconds: number;
  onFailure?: LocalDestination;
  onSuccess?: LocalDestination;
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
  /** Its id in the API (the Ref), what the source ARN `<api id>/authorizers/<id>` of its invocations names. */
  authorizerId: string;
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

/** An HTTP API's CorsConfiguration (local/http-api/cors.ts applies it). */
export interface LocalCors {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds?: number;
  allowCredentials: boolean;
}

export interface LocalHttpApi {
  logicalId: string;
  apiId: string;
  /** Absent: no CORS configured (browsers on another origin are refused by their own rules). */
  cors?: LocalCors;
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

/**
 * AWS::KMS::Key (with the AWS::KMS::Alias resources that target it), served by the local
 * KMS endpoint (local/kms). Only what the endpoint can serve faithfully is mapped:
 * symmetric encryption keys and HMAC keys with AWS-generated material.
 */
export interface LocalKmsKey {
  logicalId: string;
  /** What Ref returns: a stable UUID derived from stack + logical id (like the other local ids). */
  keyId: string;
  /** arn:<partition>:kms:<region>:<account>:key/<keyId> (Fn::GetAtt Arn). */
  arn: string;
  /** SYMMETRIC_DEFAULT, HMAC_224, HMAC_256, HMAC_384 or HMAC_512. */
  keySpec: string;
  keyUsage: 'ENCRYPT_DECRYPT' | 'GENERATE_VERIFY_MAC';
  /** Alias names (`alias/...`) of the AWS::KMS::Alias resources targeting the key. */
  aliases: string[];
  /** The Enabled property (default true); a disabled key answers DisabledException. */
  enabled: boolean;
  description?: string;
}

// ---- EventBridge (local/eventbridge) --------------------------------------------------

/** AWS::Events::EventBus (custom bus). The `default` bus exists without a resource, as in every account. */
export interface LocalEventBus {
  logicalId: string;
  /** The Name property (Ref). */
  name: string;
  /** arn:<partition>:events:<region>:<account>:event-bus/<name> (Fn::GetAtt Arn). */
  arn: string;
  description?: string;
}

/**
 * A rule target the local bus delivers to. `input` is the target's constant Input (JSON
 * text), when set; `inputPath` its InputPath (`$.detail`: the target receives that part of
 * the event; local/eventbridge/input-path.ts), when set. At most one of the two.
 */
export type LocalEventTarget =
  | { kind: 'sqs'; id: string; queueLogicalId: string; /** SqsParameters.MessageGroupId (FIFO queues). */ messageGroupId?: string; input?: string; inputPath?: string }
  | { kind: 'lambda'; id: string; functionLogicalId: string; input?: string; inputPath?: string };

/** AWS::Events::Rule with an EventPattern (schedule rules are LocalSchedule). */
export interface LocalEventRule {
  logicalId: string;
  name: string;
  /** arn:...:rule/<name> on the default bus, arn:...:rule/<bus>/<name> on a custom bus. */
  arn: string;
  busName: string;
  /** The EventPattern, parsed and validated (local/eventbridge/pattern.ts). */
  pattern: Record<string, unknown>;
  targets: LocalEventTarget[];
  enabled: boolean;
  description?: string;
}

// ---- IAM (local/iam enforces it) -------------------------------------------------------

/** A policy document with its intrinsics resolved, and where the template has it. */
export interface LocalPolicy {
  where: string;
  document: unknown;
}

export interface LocalIam {
  /** Function logical id → its execution role and every identity policy attached to it. */
  functionRoles: Record<string, { roleArn: string; roleName: string; policies: LocalPolicy[]; /** The role is not in the selected stacks. */ external?: true }>;
  /** KMS key ARN → its key policy. */
  keyPolicies: Record<string, LocalPolicy>;
  /** SQS queue ARN → the AWS::SQS::QueuePolicy documents naming it. */
  queuePolicies: Record<string, LocalPolicy[]>;
  /**
   * Lambda function ARN → its resource policy, one document per AWS::Lambda::Permission; a
   * permission for a version or alias is under that qualified ARN (`…:function:name:live`).
   */
  functionPolicies: Record<string, LocalPolicy[]>;
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
  /** KMS keys and their aliases (additive: the local KMS endpoint serves them). */
  keys: LocalKmsKey[];
  /** Custom event buses (additive: local/eventbridge serves them, plus `default`). */
  eventBuses: LocalEventBus[];
  /** Event-pattern rules and their targets (additive). */
  eventRules: LocalEventRule[];
  /** Roles, identity policies and resource policies (additive: enforced by local/iam). */
  iam: LocalIam;
}
