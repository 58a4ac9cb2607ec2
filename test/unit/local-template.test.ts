/**
 * local/template: small CDK apps synthesized here (into temp dirs) → Topology. Covers each
 * resource mapping, the cross-stack exports the stateful and API stacks use, and the
 * unsupported-resource error.
 */
import { CfnResource, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UnsupportedResourceError } from '../../local/template';
import type { Topology } from '../../local/topology';
import { cdkApps, TEST_ACCOUNT as ACCOUNT, TEST_SQS_ENDPOINT as SQS } from '../support/cdk-apps';
import { thrownBy } from '../support/thrown';

const REGION = 'us-east-1';
const { tmp, newApp, read } = cdkApps('local-template', REGION);

function codeDir(): string {
  const dir = mkdtempSync(path.join(tmp, 'code-'));
  writeFileSync(path.join(dir, 'index.mjs'), 'export const handler = async () => ({});\n');
  return dir;
}

/** Stateful stack (table, queues, key) + API stack (functions, ESM, HTTP API, schedules), env-agnostic like the real app. */
function buildTwoStackApp(): string {
  const { app, outdir } = newApp();
  const stateful = new Stack(app, 'Demo-dev-Stateful');
  const key = new kms.Key(stateful, 'Key');
  const table = new dynamodb.Table(stateful, 'Table', {
    tableName: 'anxin-dev-main',
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: 'expiresAt',
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
  });
  table.addGlobalSecondaryIndex({
    indexName: 'gsi1',
    partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.NUMBER },
    projectionType: dynamodb.ProjectionType.INCLUDE,
    nonKeyAttributes: ['status'],
  });
  table.addLocalSecondaryIndex({
    indexName: 'lsi1',
    sortKey: { name: 'createdAt', type: dynamodb.AttributeType.STRING },
    projectionType: dynamodb.ProjectionType.KEYS_ONLY,
  });
  const table2 = new dynamodb.TableV2(stateful, 'Table2', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
  });
  const dlq = new sqs.Queue(stateful, 'OrdersDlq', { queueName: 'anxin-dev-orders-dlq.fifo', fifo: true });
  const orders = new sqs.Queue(stateful, 'OrdersQueue', {
    queueName: 'anxin-dev-orders.fifo',
    fifo: true,
    contentBasedDeduplication: true,
    visibilityTimeout: Duration.seconds(180),
    retentionPeriod: Duration.days(14),
    deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
  });
  // No name: CloudFormation would generate one; standard queue with every attribute set.
  const plain = new sqs.Queue(stateful, 'Plain', {
    deliveryDelay: Duration.seconds(2),
    receiveMessageWaitTime: Duration.seconds(10),
    retentionPeriod: Duration.hours(1),
  });
  const alarmTopic = new sns.Topic(stateful, 'Alarms');
  new cloudwatch.Alarm(stateful, 'DlqDepth', {
    metric: dlq.metricApproximateNumberOfMessagesVisible(),
    threshold: 1,
    evaluationPeriods: 1,
  });

  const api = new Stack(app, 'Demo-dev-Api');
  const logGroup = new logs.LogGroup(api, 'ConsumerLogs', { retention: logs.RetentionDays.ONE_MONTH });
  const consumer = new lambda.Function(api, 'OrdersConsumer', {
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(codeDir()),
    memorySize: 512,
    timeout: Duration.seconds(30),
    reservedConcurrentExecutions: 7,
    logGroup,
    environment: {
      TABLE_NAME: table.tableName,
      TABLE_ARN: table.tableArn,
      QUEUE_URL: orders.queueUrl,
      QUEUE_ARN: orders.queueArn,
      QUEUE_NAME: orders.queueName,
      PLAIN_URL: plain.queueUrl,
      TOPIC_ARN: alarmTopic.topicArn,
      KEY_ARN: key.keyArn,
      LOG_GROUP: logGroup.logGroupName,
      REGION_AND_STACK: Fn.sub('${AWS::Region}/${AWS::StackName}/${AWS::Partition}/${AWS::AccountId}/${AWS::URLSuffix}'),
      QUEUE_FROM_SPLIT: Fn.select(5, Fn.split(':', orders.queueArn)),
    },
  });
  consumer.addEventSource(
    new SqsEventSource(orders, { batchSize: 5, reportBatchItemFailures: true, maxConcurrency: 3 }),
  );
  const plainConsumer = new lambda.Function(api, 'PlainConsumer', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
  plainConsumer.addEventSource(new SqsEventSource(plain, { batchSize: 50, maxBatchingWindow: Duration.seconds(2), enabled: false }));

  const authorizerFn = new lambda.Function(api, 'Authorizer', {
    functionName: 'anxin-dev-authorizer',
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(codeDir()),
  });
  const httpApi = new apigw.HttpApi(api, 'HttpApi', {
    defaultAuthorizer: new authorizers.HttpLambdaAuthorizer('ApiKey', authorizerFn, {
      responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.x-api-key'],
      resultsCacheTtl: Duration.seconds(60),
    }),
  });
  httpApi.addRoutes({
    path: '/v1/orders',
    methods: [apigw.HttpMethod.POST],
    integration: new integrations.HttpLambdaIntegration('CreateOrder', consumer),
  });
  httpApi.addRoutes({
    path: '/v1/orders/{orderId}',
    methods: [apigw.HttpMethod.GET],
    integration: new integrations.HttpLambdaIntegration('GetOrder', plainConsumer, {
      payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_1_0,
    }),
  });
  httpApi.addRoutes({
    path: '/health',
    methods: [apigw.HttpMethod.GET],
    integration: new integrations.HttpLambdaIntegration('Health', plainConsumer),
    authorizer: new apigw.HttpNoneAuthorizer(),
  });

  new events.Rule(api, 'Nightly', {
    schedule: events.Schedule.cron({ minute: '0', hour: '18' }),
    targets: [new targets.LambdaFunction(plainConsumer, { event: events.RuleTargetInput.fromObject({ job: 'grades' }) })],
  });
  new events.Rule(api, 'Hourly', {
    ruleName: 'anxin-dev-hourly',
    enabled: false,
    schedule: events.Schedule.rate(Duration.hours(1)),
    targets: [new targets.LambdaFunction(consumer)],
  });
  app.synth();
  return outdir;
}

describe('readTopology on a synthesized two-stack app', () => {
  let outdir: string;
  let topology: Topology;
  beforeAll(() => {
    outdir = buildTwoStackApp();
    topology = read(outdir);
  });

  const table = (name: string) => topology.tables.find((t) => t.logicalId.startsWith(name))!;
  const queue = (name: string) => topology.queues.find((q) => q.logicalId.startsWith(name))!;
  const fn = (name: string) => topology.functions.find((f) => f.logicalId.startsWith(name))!;

  it('maps tables: keys, GSIs with projections, LSIs, TTL; TableV2 (GlobalTable) too', () => {
    const main = table('Table');
    expect(main.tableName).toBe('anxin-dev-main');
    expect(main.keySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(main.attributeDefinitions).toContainEqual({ AttributeName: 'gsi1sk', AttributeType: 'N' });
    expect(main.globalSecondaryIndexes).toEqual([
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['status'] },
      },
    ]);
    expect(main.localSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'lsi1', Projection: { ProjectionType: 'KEYS_ONLY' } });
    expect(main.ttlAttribute).toBe('expiresAt');
    const v2 = table('Table2');
    // No TableName: a deterministic CloudFormation-like name.
    expect(v2.tableName).toBe(`Demo-dev-Stateful-${v2.logicalId}`);
    expect(v2.ttlAttribute).toBeUndefined();
  });

  it('maps queues: FIFO, dedup, attributes with SQS defaults, redrive to the DLQ local ARN', () => {
    const orders = queue('OrdersQueue');
    expect(orders).toMatchObject({
      queueName: 'anxin-dev-orders.fifo',
      url: `${SQS}/${ACCOUNT}/anxin-dev-orders.fifo`,
      arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:anxin-dev-orders.fifo`,
      fifo: true,
      contentBasedDeduplication: true,
      visibilityTimeoutSeconds: 180,
      messageRetentionSeconds: 14 * 86400,
      delaySeconds: 0,
      receiveWaitTimeSeconds: 0,
      redrive: { deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:anxin-dev-orders-dlq.fifo`, maxReceiveCount: 5 },
    });
    const plain = queue('Plain');
    expect(plain.queueName).toBe(`Demo-dev-Stateful-${plain.logicalId}`);
    expect(plain).toMatchObject({
      fifo: false,
      contentBasedDeduplication: false,
      visibilityTimeoutSeconds: 30,
      messageRetentionSeconds: 3600,
      delaySeconds: 2,
      receiveWaitTimeSeconds: 10,
    });
    expect(plain.redrive).toBeUndefined();
  });

  it('maps functions: bundle dir from the asset manifest, settings, environment resolved across stacks', () => {
    const consumer = fn('OrdersConsumer');
    expect(consumer.bundleDir.startsWith(outdir)).toBe(true);
    expect(existsSync(path.join(consumer.bundleDir, 'index.mjs'))).toBe(true);
    expect(consumer).toMatchObject({
      functionName: `Demo-dev-Api-${consumer.logicalId}`,
      arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Demo-dev-Api-${consumer.logicalId}`,
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      architecture: 'arm64',
      memoryMb: 512,
      timeoutSeconds: 30,
      reservedConcurrency: 7,
    });
    const plainQueue = queue('Plain');
    const logGroupName = consumer.environment.LOG_GROUP;
    expect(consumer.environment).toEqual({
      TABLE_NAME: 'anxin-dev-main',
      TABLE_ARN: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/anxin-dev-main`,
      QUEUE_URL: `${SQS}/${ACCOUNT}/anxin-dev-orders.fifo`,
      QUEUE_ARN: `arn:aws:sqs:${REGION}:${ACCOUNT}:anxin-dev-orders.fifo`,
      QUEUE_NAME: 'anxin-dev-orders.fifo',
      PLAIN_URL: plainQueue.url,
      TOPIC_ARN: expect.stringMatching(new RegExp(`^arn:aws:sns:${REGION}:${ACCOUNT}:Demo-dev-Stateful-Alarms`)),
      KEY_ARN: expect.stringMatching(new RegExp(`^arn:aws:kms:${REGION}:${ACCOUNT}:key/[0-9a-f-]{36}$`)),
      LOG_GROUP: expect.stringMatching(/^Demo-dev-Api-ConsumerLogs/),
      REGION_AND_STACK: `${REGION}/Demo-dev-Api/aws/${ACCOUNT}/amazonaws.com`,
      QUEUE_FROM_SPLIT: 'anxin-dev-orders.fifo',
    });
    expect(logGroupName).toBeTruthy();
    // Lambda's defaults (128 MB, 3 s, x86_64); inline code is written out as index.js.
    const plain = fn('PlainConsumer');
    expect(plain).toMatchObject({ memoryMb: 128, timeoutSeconds: 3, architecture: 'x86_64', runtime: 'nodejs24.x' });
    expect(readFileSync(path.join(plain.bundleDir, 'index.js'), 'utf8')).toContain('exports.handler');
    expect(plain.reservedConcurrency).toBeUndefined();
    expect(fn('Authorizer').functionName).toBe('anxin-dev-authorizer');
  });

  it('maps event-source mappings with Lambda defaults', () => {
    const orders = topology.eventSourceMappings.find((m) => m.functionLogicalId === fn('OrdersConsumer').logicalId)!;
    expect(orders).toMatchObject({
      queueLogicalId: queue('OrdersQueue').logicalId,
      batchSize: 5,
      maximumBatchingWindowSeconds: 0,
      reportBatchItemFailures: true,
      maximumConcurrency: 3,
      enabled: true,
    });
    const plain = topology.eventSourceMappings.find((m) => m.functionLogicalId === fn('PlainConsumer').logicalId)!;
    expect(plain).toMatchObject({
      queueLogicalId: queue('Plain').logicalId,
      batchSize: 50,
      maximumBatchingWindowSeconds: 2,
      reportBatchItemFailures: false,
      enabled: false,
    });
    expect(plain.maximumConcurrency).toBeUndefined();
  });

  it('maps the HTTP API: routes → integrations → functions, the authorizer and its settings', () => {
    expect(topology.httpApis).toHaveLength(1);
    const api = topology.httpApis[0]!;
    expect(api.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.stageName).toBe('$default');
    expect(api.authorizers).toEqual([
      {
        logicalId: expect.stringMatching(/^HttpApiApiKey/),
        authorizerId: expect.stringMatching(/^[a-z0-9]{10}$/),
        functionLogicalId: fn('Authorizer').logicalId,
        identitySource: ['$request.header.x-api-key'],
        resultTtlSeconds: 60,
        enableSimpleResponses: true,
        payloadFormatVersion: '2.0',
      },
    ]);
    const byKey = Object.fromEntries(api.routes.map((r) => [r.routeKey, r]));
    expect(Object.keys(byKey).sort()).toEqual(['GET /health', 'GET /v1/orders/{orderId}', 'POST /v1/orders']);
    expect(byKey['POST /v1/orders']).toMatchObject({
      functionLogicalId: fn('OrdersConsumer').logicalId,
      payloadFormatVersion: '2.0',
      authorizationType: 'CUSTOM',
      authorizerLogicalId: api.authorizers[0]!.logicalId,
    });
    expect(byKey['GET /v1/orders/{orderId}']).toMatchObject({ functionLogicalId: fn('PlainConsumer').logicalId, payloadFormatVersion: '1.0' });
    expect(byKey['GET /health']).toMatchObject({ authorizationType: 'NONE' });
    expect(byKey['GET /health']!.authorizerLogicalId).toBeUndefined();
  });

  it('maps schedule rules with their target, Input, state and local rule ARN', () => {
    const nightly = topology.schedules.find((s) => s.logicalId.startsWith('Nightly'))!;
    expect(nightly).toMatchObject({
      scheduleExpression: 'cron(0 18 * * ? *)',
      functionLogicalId: fn('PlainConsumer').logicalId,
      enabled: true,
      ruleArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/Demo-dev-Api-${nightly.logicalId}`,
    });
    expect(JSON.parse(nightly.input!)).toEqual({ job: 'grades' });
    const hourly = topology.schedules.find((s) => s.logicalId.startsWith('Hourly'))!;
    expect(hourly).toMatchObject({ scheduleExpression: 'rate(1 hour)', enabled: false, ruleArn: `arn:aws:events:${REGION}:${ACCOUNT}:rule/anxin-dev-hourly` });
    expect(hourly.input).toBeUndefined();
  });

  it('uses the China partition and URL suffix for a cn- region', () => {
    const cn = read(outdir, { region: 'cn-north-1' });
    const consumer = cn.functions.find((f) => f.logicalId.startsWith('OrdersConsumer'))!;
    expect(consumer.arn.startsWith('arn:aws-cn:lambda:cn-north-1:')).toBe(true);
    expect(consumer.environment.REGION_AND_STACK).toBe(`cn-north-1/Demo-dev-Api/aws-cn/${ACCOUNT}/amazonaws.com.cn`);
  });

  it('selects stacks by name or by stage', () => {
    const onlyStateful = read(outdir, { stackNames: ['Demo-dev-Stateful'] });
    expect(onlyStateful.functions).toEqual([]);
    // The API stack alone has an event source whose queue would not run: refused clearly.
    expect(() => read(outdir, { stackNames: ['Demo-dev-Api'] })).toThrow(/is not a queue of the selected stacks/);
    expect(read(outdir, { stage: 'dev' }).functions).toHaveLength(3);
    expect(() => read(outdir, { stage: 'prod' })).toThrow(/no stack of stage prod/);
    expect(() => read(outdir, { stackNames: ['Nope'] })).toThrow(/no stack named Nope/);
  });
});

describe('readTopology refuses what the local platform cannot run', () => {
  it('names every unsupported resource and its type, across stacks', () => {
    const { app, outdir } = newApp();
    const stack = new Stack(app, 'Unsupported');
    new s3.Bucket(stack, 'Uploads');
    new CfnResource(stack, 'Secret', { type: 'AWS::SecretsManager::Secret', properties: {} });
    const other = new Stack(app, 'Other');
    new lambda.Function(other, 'PyFn', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'index.handler',
      code: lambda.Code.fromInline('def handler(e, c): pass'),
    });
    app.synth();
    const error = thrownBy(() => read(outdir));
    expect(error).toBeInstanceOf(UnsupportedResourceError);
    const unsupported = error as UnsupportedResourceError;
    expect(unsupported.resources.map((r) => r.type).sort()).toEqual(['AWS::S3::Bucket', 'AWS::SecretsManager::Secret']);
    expect(unsupported.message).toMatch(/Unsupported\/Uploads\w+ \(AWS::S3::Bucket\)/);
    expect(unsupported.message).toMatch(/Unsupported\/Secret \(AWS::SecretsManager::Secret\)/);
    // Supported types with configurations that cannot run locally are reported too.
    expect(() => read(outdir, { stackNames: ['Other'] })).toThrow(/Other\/PyFn\w+ \(AWS::Lambda::Function\): runtime python3\.12/);
  });

  it('reports event-pattern rules with input transformation and non-SQS event sources', () => {
    const { app, outdir } = newApp();
    const stack = new Stack(app, 'Patterns');
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
    });
    // Event-pattern rules run locally (local/eventbridge), with a simple InputPath; their input transformers do not.
    new events.Rule(stack, 'OnEvent', {
      eventPattern: { source: ['anxin'] },
      targets: [new targets.LambdaFunction(fn, { event: events.RuleTargetInput.fromObject({ id: events.EventField.fromPath('$.detail.id') }) })],
    });
    new lambda.EventSourceMapping(stack, 'Stream', {
      target: fn,
      eventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/x',
      startingPosition: lambda.StartingPosition.LATEST,
    });
    app.synth();
    expect(() => read(outdir)).toThrow(UnsupportedResourceError);
    expect(() => read(outdir)).toThrow(/OnEvent\w+ \(AWS::Events::Rule\): target Target0: InputTransformer is not supported locally/);
    expect(() => read(outdir)).toThrow(/Stream\w+ \(AWS::Lambda::EventSourceMapping\): event source arn:aws:kinesis/);
  });
});
