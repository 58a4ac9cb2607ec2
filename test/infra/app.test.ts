/**
 * CDK assertions on the real app (both stages, bundled with the local esbuild, cdk-nag
 * applied). One synthesis per stage, shared by every test in this file.
 */
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_TIMEOUT, DOMAINS, stageConfig, type Stage } from '../../infra/config';
import { ESM_REQUIRE_BANNER } from '../../infra/constructs/anxin-function';
import { GSI_NAMES, TABLE_READ_ACTIONS, TABLE_WRITE_ACTIONS } from '../../infra/constructs/table-access';
import { ACKNOWLEDGMENTS } from '../../infra/nag';
import { RESOURCE_TYPES } from '../../infra/cloudformation-validation';
import { DATA_KEY_ACTIONS, HMAC_KEY_ACTIONS, PERSONAL_DATA_KEY_ENV } from '../../infra/constructs/personal-data-access';
import { CURSOR_KEY_ACTIONS } from '../../infra/constructs/cursor-key-access';
import { NO_ROUTE_ENTRY } from '../../infra/constructs/no-route';
import { readCdkContext } from '../../local/synth';
import { CURSOR_KEY_ENV } from '../../shared/crypto/key-env';
import { EVENT_BUS_NAME_ENV } from '../../infra/constructs/domain-event-bus';
import { EVENT_BUS_NAME_ENV as PUBLISHER_BUS_ENV } from '../../shared/events/publisher';
import { ACCESS_LOG_FORMAT, AUTHORIZER, CONSUMERS, ROUTES, SCHEDULES } from '../../infra/stacks/api-stack';
import {
  actionsOf,
  functionByEntry,
  importedLogicalId,
  refTarget,
  resource,
  resourcesOf,
  resourcesOfType,
  roleStatements,
  synthesize,
  bundledAssembly,
  type Json,
  type Synthesized,
} from './synth';

const WRITE_ACTIONS = [...TABLE_WRITE_ACTIONS, 'dynamodb:*', 'dynamodb:Scan', 'dynamodb:PartiQLUpdate'];

// The prod `cdk synth` child (~20 s) starts before the dev tests and runs beside them; the
// prod tests await it. Its failure is reported there (this copy only keeps it from being
// an unhandled rejection meanwhile).
beforeAll(() => {
  bundledAssembly('prod').catch(() => undefined);
});

describe.each(['dev', 'prod'] as const)('Anxin app, stage %s', (stage: Stage) => {
  const config = stageConfig(stage);
  const isProd = stage === 'prod';
  const retentionDays = isProd ? 365 : 30;
  const removal = isProd ? 'Retain' : 'Delete';
  let s: Synthesized;
  let stateful: Json;
  let api: Json;

  let bundled: Awaited<ReturnType<typeof bundledAssembly>>;

  beforeAll(async () => {
    s = synthesize(stage);
    stateful = s.statefulJson;
    api = s.apiJson;
    bundled = await bundledAssembly(stage);
  }, 300_000);
  afterAll(() => {
    s?.cleanup();
    bundled?.cleanup();
  });

  const queueIdByName = (name: string): string => {
    const found = resourcesOfType(stateful, 'AWS::SQS::Queue').filter(([, q]) => q.Properties.QueueName === name);
    expect(found, `queue ${name}`).toHaveLength(1);
    return found[0]![0];
  };

  describe('stacks', () => {
    it('are named Anxin-<stage>-Stateful / -Api / -Programme, in that order of deployment; the stateful one is termination-protected in prod', () => {
      expect(s.assembly.stacks.map((st) => st.stackName).sort()).toEqual([`Anxin-${stage}-Api`, `Anxin-${stage}-Programme`, `Anxin-${stage}-Stateful`]);
      expect(s.stateful.stackName).toBe(`Anxin-${stage}-Stateful`);
      expect(s.api.stackName).toBe(`Anxin-${stage}-Api`);
      expect(s.programme.stackName).toBe(`Anxin-${stage}-Programme`);
      expect(s.stateful.terminationProtection).toBe(isProd);
      expect(s.api.dependencies.map((d) => d.stackName)).toEqual([`Anxin-${stage}-Stateful`]);
      expect(s.programme.dependencies.map((d) => d.stackName).sort()).toEqual([`Anxin-${stage}-Api`, `Anxin-${stage}-Stateful`]);
      // CloudFormation deploys at most 500 resources per stack.
      for (const template of [stateful, api, s.programmeJson]) expect(Object.keys(template.Resources).length).toBeLessThanOrEqual(500);
    });

    it('contain no literal "arn:aws" (every ARN goes through AWS::Partition)', () => {
      expect(JSON.stringify(stateful)).not.toContain('arn:aws');
      expect(JSON.stringify(api)).not.toContain('arn:aws');
      expect(JSON.stringify(s.programmeJson)).not.toContain('arn:aws');
    });

    it('use no custom resources (plain topology for the local platform)', () => {
      for (const template of [stateful, api, s.programmeJson]) {
        const types = Object.values(template.Resources as Record<string, Json>).map((r) => r.Type as string);
        expect(types.filter((t) => t.startsWith('Custom::') || t === 'AWS::CloudFormation::CustomResource')).toEqual([]);
      }
      expect(resourcesOfType(stateful, 'AWS::Lambda::Function')).toEqual([]);
    });

    // `cdk synth` builds CDK's CloudFormation validation engine for these types while its
    // bundles are built (infra/cloudformation-validation.ts); another type would make the CDK
    // build a second engine after the synthesis, the cost the early one is there to take away.
    it('declare only resource types the early CloudFormation validation engine is built for', () => {
      const types = new Set([stateful, api, s.programmeJson].flatMap((template) => Object.values(template.Resources as Record<string, Json>).map((r) => r.Type as string)));
      expect([...types].filter((type) => !RESOURCE_TYPES.includes(type))).toEqual([]);
    });
  });

  describe('stateful stack: table', () => {
    it('is one single-table-design table with pk/sk, gsi1–5 all KEYS_ONLY, TTL, on-demand, encrypted', () => {
      const tables = resourcesOfType(stateful, 'AWS::DynamoDB::GlobalTable');
      expect(tables).toHaveLength(1);
      expect(resourcesOfType(stateful, 'AWS::DynamoDB::Table')).toHaveLength(0);
      s.statefulTemplate.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TableName: `anxin-${stage}-table`,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith(
          ['pk', 'sk', ...[1, 2, 3, 4, 5].flatMap((n) => [`gsi${n}pk`, `gsi${n}sk`])].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        ),
        GlobalSecondaryIndexes: [1, 2, 3, 4, 5].map((n) => ({
          IndexName: `gsi${n}`,
          KeySchema: [
            { AttributeName: `gsi${n}pk`, KeyType: 'HASH' },
            { AttributeName: `gsi${n}sk`, KeyType: 'RANGE' },
          ],
          // Keys only: an update that keeps an item's index keys costs no index write.
          Projection: { ProjectionType: 'KEYS_ONLY' },
        })),
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true },
      });
      expect(tables[0]![1].Properties.AttributeDefinitions).toHaveLength(12);
    });

    it(`has point-in-time recovery, deletion protection ${isProd ? 'on' : 'off'} and ${removal} policies`, () => {
      const [, table] = resourcesOfType(stateful, 'AWS::DynamoDB::GlobalTable')[0]!;
      expect(table.Properties.Replicas).toHaveLength(1);
      expect(table.Properties.Replicas[0]).toMatchObject({
        Region: { Ref: 'AWS::Region' },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: isProd,
      });
      expect(table.DeletionPolicy).toBe(removal);
      expect(table.UpdateReplacePolicy).toBe(removal);
    });
  });

  /** Logical id of the stateful key an alias points to. */
  const keyIdByAlias = (aliasName: string): string => {
    const aliases = resourcesOfType(stateful, 'AWS::KMS::Alias').filter(([, a]) => a.Properties.AliasName === aliasName);
    expect(aliases, aliasName).toHaveLength(1);
    return refTarget(aliases[0]![1].Properties.TargetKeyId)!;
  };

  describe('stateful stack: personal data keys', () => {
    it('has exactly the encryption key and the HMAC key (besides the webhook secrets key, test/infra/insurer-delivery.test.ts, and the list cursors key)', () => {
      expect(resourcesOfType(stateful, 'AWS::KMS::Key')).toHaveLength(4);
      keyIdByAlias(`alias/anxin-${stage}-webhook-secrets`);
      keyIdByAlias(`alias/anxin-${stage}-list-cursors`);
    });

    it(`encryption key: symmetric, rotates, alias, ${removal} on delete`, () => {
      const key = resource(stateful, keyIdByAlias(`alias/anxin-${stage}-personal-data`));
      // KeySpec/KeyUsage absent = SYMMETRIC_DEFAULT / ENCRYPT_DECRYPT.
      expect(key.Properties.KeySpec ?? 'SYMMETRIC_DEFAULT').toBe('SYMMETRIC_DEFAULT');
      expect(key.Properties.KeyUsage ?? 'ENCRYPT_DECRYPT').toBe('ENCRYPT_DECRYPT');
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe(removal);
      expect(key.UpdateReplacePolicy).toBe(removal);
      expect(key.Properties.PendingWindowInDays).toBe(isProd ? 30 : 7);
    });

    it(`HMAC key: HMAC_256 for GENERATE_VERIFY_MAC, no rotation (KMS cannot rotate HMAC keys), alias, ${removal} on delete`, () => {
      const key = resource(stateful, keyIdByAlias(`alias/anxin-${stage}-personal-data-hmac`));
      expect(key.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
      expect(key.Properties.EnableKeyRotation ?? false).toBe(false);
      expect(key.DeletionPolicy).toBe(removal);
      expect(key.UpdateReplacePolicy).toBe(removal);
      expect(key.Properties.PendingWindowInDays).toBe(isProd ? 30 : 7);
      // Nothing acknowledged for it: AwsSolutions-KMS5 applies to symmetric keys only
      // (see the cdk-nag tests below, which also require an empty stateful acknowledgment list).
      expect(key.Metadata?.cdk_nag).toBeUndefined();
    });

    it('are exposed on the stack as personalDataKey / personalDataHmacKey', () => {
      expect(s.stateful.personalDataKey.node.id).toBe('PersonalDataKey');
      expect(s.stateful.personalDataHmacKey.node.id).toBe('PersonalDataHmacKey');
    });
  });

  describe.each(DOMAINS)('stateful stack: %s queue pair', (domain) => {
    it('is a FIFO queue with explicit dedup, SQS-managed SSE and redrive (>= 5) to a FIFO DLQ kept 14 days', () => {
      const queueId = queueIdByName(`anxin-${stage}-${domain}.fifo`);
      const dlqId = queueIdByName(`anxin-${stage}-${domain}-dlq.fifo`);
      const queue = resource(stateful, queueId);
      const dlq = resource(stateful, dlqId);
      for (const q of [queue, dlq]) {
        expect(q.Properties).toMatchObject({ FifoQueue: true, ContentBasedDeduplication: false, SqsManagedSseEnabled: true });
        expect(q.Properties.KmsMasterKeyId).toBeUndefined();
        expect(q.DeletionPolicy).toBe(removal);
      }
      expect(queue.Properties.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
      expect(queue.Properties.RedrivePolicy.maxReceiveCount).toBeGreaterThanOrEqual(5);
      expect(dlq.Properties.MessageRetentionPeriod).toBe(1209600);
      expect(dlq.Properties.RedrivePolicy).toBeUndefined();
    });

    it('has visibility timeout >= 6 x the consumer timeout', () => {
      const queue = resource(stateful, queueIdByName(`anxin-${stage}-${domain}.fifo`));
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * CONSUMER_TIMEOUT.toSeconds());
    });

    it('has TLS-only queue policies on both queues', () => {
      for (const name of [`anxin-${stage}-${domain}.fifo`, `anxin-${stage}-${domain}-dlq.fifo`]) {
        const id = queueIdByName(name);
        const policies = resourcesOfType(stateful, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
          (p.Properties.Queues as unknown[]).some((q) => refTarget(q) === id),
        );
        expect(policies, name).toHaveLength(1);
        expect(policies[0]![1].Properties.PolicyDocument.Statement).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Action: 'sqs:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Resource: { 'Fn::GetAtt': [id, 'Arn'] },
          }),
        );
      }
    });

    it('has outputs for queue URL, ARN and DLQ URL', () => {
      const prefix = domain.charAt(0).toUpperCase() + domain.slice(1);
      const queueId = queueIdByName(`anxin-${stage}-${domain}.fifo`);
      const dlqId = queueIdByName(`anxin-${stage}-${domain}-dlq.fifo`);
      expect(stateful.Outputs[`${prefix}QueueUrl`].Value).toEqual({ Ref: queueId });
      expect(stateful.Outputs[`${prefix}QueueArn`].Value).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
      expect(stateful.Outputs[`${prefix}DlqUrl`].Value).toEqual({ Ref: dlqId });
    });
  });

  describe('stateful stack: outputs', () => {
    it('exports TableName, TableArn, PersonalDataKeyArn, PersonalDataHmacKeyArn', () => {
      const [tableId] = resourcesOfType(stateful, 'AWS::DynamoDB::GlobalTable')[0]!;
      expect(stateful.Outputs.TableName.Value).toEqual({ Ref: tableId });
      expect(stateful.Outputs.TableArn.Value).toEqual({ 'Fn::GetAtt': [tableId, 'Arn'] });
      expect(stateful.Outputs.PersonalDataKeyArn.Value).toEqual({
        'Fn::GetAtt': [keyIdByAlias(`alias/anxin-${stage}-personal-data`), 'Arn'],
      });
      expect(stateful.Outputs.PersonalDataHmacKeyArn.Value).toEqual({
        'Fn::GetAtt': [keyIdByAlias(`alias/anxin-${stage}-personal-data-hmac`), 'Arn'],
      });
    });
  });

  describe('api stack: functions', () => {
    const entries = [...new Set([AUTHORIZER.entry, ...ROUTES.map((r) => r.entry), ...CONSUMERS.map((c) => c.entry), ...SCHEDULES.map((j) => j.entry)])];
    const scheduleTimeout = (entry: string) => SCHEDULES.find((j) => j.entry === entry)?.timeout.toSeconds();

    it('has exactly one function per authorizer, route, consumer and scheduled job, and the catch-all route\'s', () => {
      expect(resourcesOfType(api, 'AWS::Lambda::Function')).toHaveLength(entries.length + 1);
      functionByEntry(api, NO_ROUTE_ENTRY);
      for (const entry of entries) functionByEntry(api, entry);
    });

    it.each(entries)('%s: Node.js 22 on arm64, tracing Active, 256 MB, index.handler, own log group', (entry) => {
      const [fnId, fn] = functionByEntry(api, entry);
      const isConsumer = entry.startsWith('functions/consumers/');
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: 256,
        Handler: 'index.handler',
        Timeout: isConsumer ? 30 : (scheduleTimeout(entry) ?? 10),
      });
      const logGroupId = refTarget(fn.Properties.LoggingConfig?.LogGroup);
      expect(logGroupId, `${fnId} LoggingConfig.LogGroup`).toBeDefined();
      const logGroup = resource(api, logGroupId!);
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(retentionDays);
      expect(logGroup.DeletionPolicy).toBe(removal);
    });

    it.each(entries)('%s: environment merged over the defaults', (entry) => {
      const [, fn] = functionByEntry(api, entry);
      const env = fn.Properties.Environment.Variables as Json;
      expect(env).toMatchObject({
        POWERTOOLS_SERVICE_NAME: expect.any(String),
        POWERTOOLS_METRICS_NAMESPACE: 'Anxin',
        STAGE: stage,
        LOG_LEVEL: config.logLevel,
      });
      expect(importedLogicalId(stateful, env.TABLE_NAME)).toBe(resourcesOfType(stateful, 'AWS::DynamoDB::GlobalTable')[0]![0]);
      if (isProd) expect(env.NODE_OPTIONS).toBeUndefined();
      else expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
      expect(env.AWS_NODEJS_CONNECTION_REUSE_ENABLED).toBeUndefined();
    });

    it.each(entries)('%s: execution role without managed policies, logs only to its own log group', (entry) => {
      const [fnId, fn] = functionByEntry(api, entry);
      const role = resource(api, refTarget(fn.Properties.Role)!);
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const logStatements = roleStatements(api, fnId).filter((st) => actionsOf(st).some((a) => a.startsWith('logs:')));
      expect(logStatements).toHaveLength(1);
      expect(logStatements[0]!.Resource).toEqual({ 'Fn::GetAtt': [refTarget(fn.Properties.LoggingConfig.LogGroup), 'Arn'] });
    });

    it.each(entries)('%s: ESM bundle with the require banner, AWS SDK bundled, source maps only outside prod', (entry) => {
      const [, fn] = functionByEntry(bundled.apiJson, entry);
      const assetHash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const dir = path.join(bundled.outdir, `asset.${assetHash}`);
      const code = fs.readFileSync(path.join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      // @aws-sdk/* is bundled, not imported from the runtime.
      expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(code).not.toMatch(/import\(["']@aws-sdk\//);
      expect(fs.existsSync(path.join(dir, 'index.mjs.map'))).toBe(!isProd);
    });

    it('sends the orders queue URL only to the functions that send order commands', () => {
      const ordersQueueId = queueIdByName(`anxin-${stage}-orders.fifo`);
      const senders = new Set(ROUTES.filter((r) => r.sendsTo?.includes('orders')).map((r) => r.entry));
      expect(senders.size).toBeGreaterThanOrEqual(3);
      for (const [, fn] of resourcesOfType(api, 'AWS::Lambda::Function')) {
        const env = fn.Properties.Environment.Variables as Json;
        if (senders.has(String(fn.Properties.Description).split(' ')[0]!)) {
          expect(importedLogicalId(stateful, env.ORDERS_QUEUE_URL)).toBe(ordersQueueId);
        } else {
          expect(env.ORDERS_QUEUE_URL).toBeUndefined();
        }
      }
    });
  });

  describe('api stack: least privilege', () => {
    const tableId = () => resourcesOfType(stateful, 'AWS::DynamoDB::GlobalTable')[0]![0];

    const tableStatements = (fnId: string) =>
      roleStatements(api, fnId).filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:')));

    it('grants "*" only for X-Ray', () => {
      for (const [fnId] of resourcesOfType(api, 'AWS::Lambda::Function')) {
        for (const st of roleStatements(api, fnId)) {
          if (resourcesOf(st).includes('*')) {
            expect(actionsOf(st).every((a) => a.startsWith('xray:')), `${fnId}: ${JSON.stringify(st)}`).toBe(true);
          }
        }
      }
    });

    it('scopes table grants to the table and its named GSIs (no index/*)', () => {
      for (const [fnId] of resourcesOfType(api, 'AWS::Lambda::Function')) {
        for (const st of tableStatements(fnId)) {
          for (const r of resourcesOf(st)) {
            const json = JSON.stringify(r);
            expect(json).not.toContain('/index/*');
            if ((r as Json)['Fn::ImportValue']) {
              expect(importedLogicalId(stateful, r)).toBe(tableId());
            } else {
              const [prefix, suffix] = (r as Json)['Fn::Join'][1];
              expect(importedLogicalId(stateful, prefix)).toBe(tableId());
              expect(GSI_NAMES.map((n) => `/index/${n}`)).toContain(suffix);
            }
          }
        }
      }
    });

    const readOnly = [...new Set([AUTHORIZER.entry, ...ROUTES.filter((r) => r.table === 'read').map((r) => r.entry)])];
    const cursorEntries: string[] = [...new Set(ROUTES.filter((r) => r.cursors).map((r) => r.entry))];
    it.each(readOnly)('%s: reads the table, never writes it, never sends to a queue', (entry) => {
      const [fnId] = functionByEntry(api, entry);
      const statements = roleStatements(api, fnId);
      const actions = statements.flatMap(actionsOf);
      for (const a of TABLE_READ_ACTIONS) expect(actions).toContain(a);
      for (const a of WRITE_ACTIONS) expect(actions).not.toContain(a);
      expect(actions.filter((a) => a.startsWith('sqs:'))).toEqual([]);
      // A list signs its cursors: kms:GenerateMac on the cursor key, nothing else of KMS.
      expect(actions.filter((a) => a.startsWith('kms:'))).toEqual(cursorEntries.includes(entry) ? [...CURSOR_KEY_ACTIONS] : []);
    });

    it.each(cursorEntries)('%s: kms:GenerateMac on the list cursors key only, and its ARN in the environment', (entry) => {
      const [fnId, fn] = functionByEntry(api, entry);
      const cursorKeyId = keyIdByAlias(`alias/anxin-${stage}-list-cursors`);
      const kms = roleStatements(api, fnId).filter((st) => actionsOf(st).some((a) => a.startsWith('kms:')));
      expect(kms.map((st) => [importedLogicalId(stateful, st.Resource), actionsOf(st)])).toEqual([[cursorKeyId, [...CURSOR_KEY_ACTIONS]]]);
      expect(importedLogicalId(stateful, (fn.Properties.Environment.Variables as Json)[CURSOR_KEY_ENV])).toBe(cursorKeyId);
    });

    it('gives the list cursors key to the paging routes only', () => {
      expect(cursorEntries.length).toBeGreaterThanOrEqual(7);
      for (const [, fn] of resourcesOfType(api, 'AWS::Lambda::Function')) {
        const entry = String(fn.Properties.Description).split(' ')[0]!;
        if (!cursorEntries.includes(entry)) expect((fn.Properties.Environment.Variables as Json)[CURSOR_KEY_ENV], entry).toBeUndefined();
      }
    });

    it('orders-create reads/writes the table and may only send to the orders queue', () => {
      const [fnId] = functionByEntry(api, 'functions/http/orders-create.ts');
      const statements = roleStatements(api, fnId);
      const actions = statements.flatMap(actionsOf);
      for (const a of [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]) expect(actions).toContain(a);
      expect(actions).not.toContain('dynamodb:Scan');
      const sqs = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')));
      expect(sqs).toHaveLength(1);
      expect(actionsOf(sqs[0]!)).toContain('sqs:SendMessage');
      expect(actionsOf(sqs[0]!)).not.toContain('sqs:ReceiveMessage');
      expect(importedLogicalId(stateful, sqs[0]!.Resource)).toBe(queueIdByName(`anxin-${stage}-orders.fifo`));
    });

    it('the orders consumer reads/writes the table and consumes (not sends to) the orders queue', () => {
      const [fnId] = functionByEntry(api, 'functions/consumers/orders.ts');
      const statements = roleStatements(api, fnId);
      const actions = statements.flatMap(actionsOf);
      for (const a of [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]) expect(actions).toContain(a);
      expect(actions).not.toContain('sqs:SendMessage');
      const sqs = statements.filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')));
      expect(sqs).toHaveLength(1);
      expect(actionsOf(sqs[0]!)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']));
      expect(importedLogicalId(stateful, sqs[0]!.Resource)).toBe(queueIdByName(`anxin-${stage}-orders.fifo`));
    });
  });

  describe('api stack: orders consumer', () => {
    it('is fed by the orders FIFO queue: batch 10, ReportBatchItemFailures, MaximumConcurrency 5, no batching window', () => {
      const [fnId] = functionByEntry(api, 'functions/consumers/orders.ts');
      expect(resourcesOfType(api, 'AWS::Lambda::EventSourceMapping')).toHaveLength(CONSUMERS.length);
      const mappings = resourcesOfType(api, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName?.Ref === fnId);
      expect(mappings).toHaveLength(1);
      const [, esm] = mappings[0]!;
      expect(esm.Properties).toMatchObject({
        FunctionName: { Ref: fnId },
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 5 },
      });
      expect(esm.Properties.MaximumBatchingWindowInSeconds).toBeUndefined();
      expect(esm.Properties.Enabled).not.toBe(false);
      expect(importedLogicalId(stateful, esm.Properties.EventSourceArn)).toBe(queueIdByName(`anxin-${stage}-orders.fifo`));
    });

    it('has a queue visibility timeout >= 6 x its function timeout', () => {
      const [, fn] = functionByEntry(api, 'functions/consumers/orders.ts');
      const queue = resource(stateful, queueIdByName(`anxin-${stage}-orders.fifo`));
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
    });
  });

  describe('api stack: HTTP API', () => {
    const authorizerId = () => resourcesOfType(api, 'AWS::ApiGatewayV2::Authorizer')[0]![0];

    it('has one Lambda REQUEST authorizer: simple responses, Authorization header, 60 s cache, payload 2.0', () => {
      const authorizers = resourcesOfType(api, 'AWS::ApiGatewayV2::Authorizer');
      expect(authorizers).toHaveLength(1);
      const [authFnId] = functionByEntry(api, AUTHORIZER.entry);
      const props = authorizers[0]![1].Properties;
      expect(props).toMatchObject({
        AuthorizerType: 'REQUEST',
        EnableSimpleResponses: true,
        IdentitySource: ['$request.header.Authorization'],
        AuthorizerResultTtlInSeconds: 60,
        AuthorizerPayloadFormatVersion: '2.0',
      });
      expect(JSON.stringify(props.AuthorizerUri)).toContain(authFnId);
      expect(JSON.stringify(props.AuthorizerUri)).toContain('AWS::Partition');
    });

    it('sends what no route matches to the $default route: no authorizer, payload 2.0, a function with no grant beyond its logs and traces', () => {
      const [, route] = resourcesOfType(api, 'AWS::ApiGatewayV2::Route').find(([, r]) => r.Properties.RouteKey === '$default')!;
      expect(route.Properties.AuthorizationType).toBe('NONE');
      const integration = resource(api, route.Properties.Target['Fn::Join'][1][1].Ref as string).Properties;
      expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      const [fnId, fn] = functionByEntry(api, NO_ROUTE_ENTRY);
      expect(JSON.stringify(integration.IntegrationUri)).toContain(fnId);
      expect(roleStatements(api, fnId).flatMap(actionsOf).filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))).toEqual([]);
      expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['LOG_LEVEL', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME', 'STAGE', ...(isProd ? [] : ['NODE_OPTIONS'])].sort());
    });

    it('routes every ROUTES entry, behind the authorizer unless public, payload 2.0, to the right function', () => {
      const routes = resourcesOfType(api, 'AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties.RouteKey !== '$default');
      expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
      for (const def of ROUTES) {
        const [, route] = routes.find(([, r]) => r.Properties.RouteKey === `${def.method} ${def.path}`)!;
        if (def.public) {
          expect(route.Properties.AuthorizationType).toBe('NONE');
          expect(route.Properties.AuthorizerId).toBeUndefined();
        } else {
          expect(route.Properties.AuthorizationType).toBe('CUSTOM');
          expect(route.Properties.AuthorizerId).toEqual({ Ref: authorizerId() });
        }
        const integrationId = route.Properties.Target['Fn::Join'][1][1].Ref as string;
        const integration = resource(api, integrationId).Properties;
        expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
        expect(refTarget(integration.IntegrationUri)).toBe(functionByEntry(api, def.entry)[0]);
      }
    });

    it('lets API Gateway invoke only its own functions, with partition-aware source ARNs', () => {
      const permissions = resourcesOfType(api, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal !== 'events.amazonaws.com');
      // The authorizer's, one per route, and the catch-all route's.
      expect(permissions).toHaveLength(ROUTES.length + 2);
      for (const [, p] of permissions) {
        expect(p.Properties.Principal).toBe('apigateway.amazonaws.com');
        expect(JSON.stringify(p.Properties.SourceArn)).toContain('AWS::Partition');
      }
    });

    it('has a $default stage, auto-deployed, with default throttling', () => {
      const stages = resourcesOfType(api, 'AWS::ApiGatewayV2::Stage');
      expect(stages).toHaveLength(1);
      expect(stages[0]![1].Properties).toMatchObject({
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: config.throttle.rateLimit, ThrottlingBurstLimit: config.throttle.burstLimit },
      });
      expect(config.throttle.rateLimit).toBeGreaterThan(0);
      expect(config.throttle.burstLimit).toBeGreaterThanOrEqual(config.throttle.rateLimit);
    });

    it('writes JSON access logs without personal data to a log group with retention', () => {
      const [, stageRes] = resourcesOfType(api, 'AWS::ApiGatewayV2::Stage')[0]!;
      const settings = stageRes.Properties.AccessLogSettings;
      const logGroup = resource(api, refTarget(settings.DestinationArn)!);
      expect(logGroup.Type).toBe('AWS::Logs::LogGroup');
      expect(logGroup.Properties.RetentionInDays).toBe(retentionDays);
      expect(logGroup.DeletionPolicy).toBe(removal);
      const format = JSON.parse(settings.Format) as Record<string, string>;
      expect(format).toEqual(ACCESS_LOG_FORMAT);
      expect(format).toMatchObject({
        requestId: '$context.requestId',
        routeKey: '$context.routeKey',
        status: '$context.status',
        responseLatency: '$context.responseLatency',
        authorizerError: '$context.authorizer.error',
      });
      for (const variable of Object.values(format)) {
        expect(variable).not.toMatch(/identity|header|body|\$input|path|querystring|sourceIp|userAgent/i);
      }
    });
  });

  describe('api stack: alarms', () => {
    const alarms = () => resourcesOfType(api, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as Json);
    const topicId = () => resourcesOfType(api, 'AWS::SNS::Topic')[0]![0];

    const alarmOn = (metric: string, queueLogicalId: string) =>
      alarms().filter(
        (a) =>
          a.Namespace === 'AWS/SQS' &&
          a.MetricName === metric &&
          importedLogicalId(stateful, a.Dimensions[0].Value) === queueLogicalId,
      );

    it.each(DOMAINS)('%s: DLQ not empty (> 0) and oldest message > 5 min, both to the alarm topic', (domain) => {
      const [dlqAlarm] = alarmOn('ApproximateNumberOfMessagesVisible', queueIdByName(`anxin-${stage}-${domain}-dlq.fifo`));
      expect(dlqAlarm).toMatchObject({
        AlarmName: `anxin-${stage}-${domain}-dlq-not-empty`,
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        Statistic: 'Maximum',
        Dimensions: [{ Name: 'QueueName', Value: expect.anything() }],
      });
      const [ageAlarm] = alarmOn('ApproximateAgeOfOldestMessage', queueIdByName(`anxin-${stage}-${domain}.fifo`));
      expect(ageAlarm).toMatchObject({
        AlarmName: `anxin-${stage}-${domain}-oldest-message-age`,
        Threshold: 300,
        ComparisonOperator: 'GreaterThanThreshold',
        Statistic: 'Maximum',
      });
      for (const alarm of [dlqAlarm!, ageAlarm!]) {
        expect(alarm.AlarmActions).toEqual([{ Ref: topicId() }]);
        expect(alarm.OKActions).toEqual([{ Ref: topicId() }]);
      }
    });

    it('alarms on orders consumer errors', () => {
      const [fnId] = functionByEntry(api, 'functions/consumers/orders.ts');
      const errors = alarms().filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === 'Errors' && a.Dimensions?.[0]?.Value?.Ref === fnId);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        AlarmName: `anxin-${stage}-orders-consumer-errors`,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId } }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: topicId() }],
      });
      // + the webhook DLQ alarm (insurer queues' alarms: test/infra/insurer-delivery.test.ts; none without the insurers context).
      expect(alarms()).toHaveLength(DOMAINS.length * 2 + CONSUMERS.length + SCHEDULES.length + 1);
    });

    it('sends to a TLS-only topic encrypted with a rotating key CloudWatch may use', () => {
      const topics = resourcesOfType(api, 'AWS::SNS::Topic');
      expect(topics).toHaveLength(1);
      const [tId, topic] = topics[0]!;
      expect(topic.Properties.TopicName).toBe(`anxin-${stage}-alarms`);
      const key = resource(api, refTarget(topic.Properties.KmsMasterKeyId)!);
      expect(key.Type).toBe('AWS::KMS::Key');
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.Properties.KeyPolicy.Statement).toContainEqual(
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      );
      const policies = resourcesOfType(api, 'AWS::SNS::TopicPolicy');
      expect(policies).toHaveLength(1);
      expect(policies[0]![1].Properties.Topics).toEqual([{ Ref: tId }]);
      expect(policies[0]![1].Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    });
  });

  // ---- Worker registry and training ------------------------------------------------------
  describe('api stack: personal data keys are granted to the personalData routes only', () => {
    const personalEntries = [...new Set(ROUTES.filter((r) => r.personalData).map((r) => r.entry))];
    const entryOf = (fn: Json) => String(fn.Properties.Description).split(' ')[0]!;
    const kmsStatements = (fnId: string) => roleStatements(api, fnId).filter((st) => actionsOf(st).some((a) => a.startsWith('kms:')));

    it('marks exactly the registration and training-report routes', () => {
      expect(personalEntries.sort()).toEqual(['functions/http/training-report.ts', 'functions/http/workers-register.ts']);
    });

    it.each(personalEntries)('%s: kms:Encrypt/Decrypt on the data key, kms:GenerateMac on the HMAC key, and their ARNs in the environment', (entry) => {
      const [fnId, fn] = functionByEntry(api, entry);
      const dataKeyId = keyIdByAlias(`alias/anxin-${stage}-personal-data`);
      const hmacKeyId = keyIdByAlias(`alias/anxin-${stage}-personal-data-hmac`);
      const statements = kmsStatements(fnId);
      expect(statements).toHaveLength(2);
      const byKey = Object.fromEntries(statements.map((st) => [importedLogicalId(stateful, st.Resource), actionsOf(st).sort()]));
      expect(byKey).toEqual({ [dataKeyId]: [...DATA_KEY_ACTIONS].sort(), [hmacKeyId]: [...HMAC_KEY_ACTIONS].sort() });
      const env = fn.Properties.Environment.Variables as Json;
      expect(importedLogicalId(stateful, env[PERSONAL_DATA_KEY_ENV.dataKey])).toBe(dataKeyId);
      expect(importedLogicalId(stateful, env[PERSONAL_DATA_KEY_ENV.hmacKey])).toBe(hmacKeyId);
    });

    it('no other function (the training consumer included) has any kms action or key variable', () => {
      for (const [fnId, fn] of resourcesOfType(api, 'AWS::Lambda::Function')) {
        if (personalEntries.includes(entryOf(fn))) continue;
        // The webhook secrets key has its own two users (test/infra/insurer-delivery.test.ts).
        // So has the list cursors key (its grants: "api stack: least privilege").
        const otherKeys = [keyIdByAlias(`alias/anxin-${stage}-webhook-secrets`), keyIdByAlias(`alias/anxin-${stage}-list-cursors`)];
        expect(kmsStatements(fnId).filter((st) => !otherKeys.includes(importedLogicalId(stateful, st.Resource)!)), fnId).toEqual([]);
        const env = fn.Properties.Environment.Variables as Json;
        expect(env[PERSONAL_DATA_KEY_ENV.dataKey], fnId).toBeUndefined();
        expect(env[PERSONAL_DATA_KEY_ENV.hmacKey], fnId).toBeUndefined();
      }
    });
  });

  describe('api stack: training', () => {
    it('the training consumer is fed by the training FIFO queue (batch 10, partial failures), reads/writes the table, sends nothing', () => {
      const [fnId] = functionByEntry(api, 'functions/consumers/training.ts');
      const mappings = resourcesOfType(api, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => m.Properties.FunctionName?.Ref === fnId);
      expect(mappings).toHaveLength(1);
      expect(mappings[0]![1].Properties).toMatchObject({ BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 5 } });
      expect(importedLogicalId(stateful, mappings[0]![1].Properties.EventSourceArn)).toBe(queueIdByName(`anxin-${stage}-training.fifo`));
      const actions = roleStatements(api, fnId).flatMap(actionsOf);
      for (const a of [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]) expect(actions).toContain(a);
      expect(actions).not.toContain('sqs:SendMessage');
      expect(actions.filter((a) => a.startsWith('kms:') || a.startsWith('events:'))).toEqual([]);
    });

    it('only the training-report function gets the training queue URL, and may send only there', () => {
      const trainingQueueId = queueIdByName(`anxin-${stage}-training.fifo`);
      for (const [fnId, fn] of resourcesOfType(api, 'AWS::Lambda::Function')) {
        const env = fn.Properties.Environment.Variables as Json;
        if (String(fn.Properties.Description).startsWith('functions/http/training-report.ts ')) {
          expect(importedLogicalId(stateful, env.TRAINING_QUEUE_URL)).toBe(trainingQueueId);
          const sqs = roleStatements(api, fnId).filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')));
          expect(sqs).toHaveLength(1);
          expect(importedLogicalId(stateful, sqs[0]!.Resource)).toBe(trainingQueueId);
          expect(env.ORDERS_QUEUE_URL).toBeUndefined();
        } else {
          expect(env.TRAINING_QUEUE_URL, fnId).toBeUndefined();
        }
      }
    });

    it('alarms on training consumer errors', () => {
      const [fnId] = functionByEntry(api, 'functions/consumers/training.ts');
      const errors = resourcesOfType(api, 'AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.MetricName === 'Errors' && a.Properties.Dimensions?.[0]?.Value?.Ref === fnId);
      expect(errors.map(([, a]) => a.Properties.AlarmName)).toEqual([`anxin-${stage}-training-consumer-errors`]);
    });
  });

  describe('api stack: outputs', () => {
    it('has ApiUrl, ApiId, AlarmTopicArn, AuthorizerFunctionName, OrdersConsumerFunctionName', () => {
      const [, httpApi] = resourcesOfType(api, 'AWS::ApiGatewayV2::Api')[0]!;
      expect(httpApi.Properties.Name).toBe(`anxin-${stage}-api`);
      expect(httpApi.Properties.ProtocolType).toBe('HTTP');
      const apiUrl = JSON.stringify(api.Outputs.ApiUrl.Value);
      expect(apiUrl).toContain('AWS::URLSuffix');
      expect(apiUrl).toContain('.execute-api.');
      expect(Object.keys(api.Outputs)).toEqual(
        expect.arrayContaining(['ApiUrl', 'ApiId', 'AlarmTopicArn', 'AuthorizerFunctionName', 'OrdersConsumerFunctionName']),
      );
    });
  });

  // ---- Domain event bus (infra/constructs/domain-event-bus.ts) ---------------------------
  describe('stateful stack: domain event bus', () => {
    const busId = () => {
      const buses = resourcesOfType(stateful, 'AWS::Events::EventBus');
      expect(buses).toHaveLength(1);
      return buses[0]![0];
    };

    it('is a custom bus anxin-<stage>-events, exposed as eventBus, with EventBusName/EventBusArn outputs', () => {
      expect(resource(stateful, busId()).Properties.Name).toBe(`anxin-${stage}-events`);
      expect(s.stateful.eventBus.node.path).toContain('DomainEvents');
      expect(stateful.Outputs.EventBusName.Value).toEqual({ Ref: busId() });
      expect(stateful.Outputs.EventBusArn.Value).toEqual({ 'Fn::GetAtt': [busId(), 'Arn'] });
    });

    it(`archives every event of the account for ${retentionDays} days (${removal} on delete)`, () => {
      const archives = resourcesOfType(stateful, 'AWS::Events::Archive');
      expect(archives).toHaveLength(1);
      const [, archive] = archives[0]!;
      expect(archive.Properties).toMatchObject({
        ArchiveName: `anxin-${stage}-events-archive`,
        SourceArn: { 'Fn::GetAtt': [busId(), 'Arn'] },
        EventPattern: { account: [{ Ref: 'AWS::AccountId' }] },
        RetentionDays: retentionDays,
      });
      expect(archive.DeletionPolicy).toBe(removal);
    });
  });

  describe('api stack: event publishing', () => {
    const busId = () => resourcesOfType(stateful, 'AWS::Events::EventBus')[0]![0];
    const publishers = CONSUMERS.filter((c) => c.publishesEvents).map((c) => c.entry);

    it('the orders and claims consumers publish events', () => {
      expect(publishers).toEqual(['functions/consumers/orders.ts', 'functions/consumers/claims.ts']);
      expect(EVENT_BUS_NAME_ENV).toBe(PUBLISHER_BUS_ENV);
    });

    it.each(publishers)('%s: EVENT_BUS_NAME is the bus, and events:PutEvents is granted on that bus only', (entry) => {
      const [fnId, fn] = functionByEntry(api, entry);
      expect(importedLogicalId(stateful, fn.Properties.Environment.Variables[EVENT_BUS_NAME_ENV])).toBe(busId());
      const statements = roleStatements(api, fnId).filter((st) => actionsOf(st).some((a) => a.startsWith('events:')));
      expect(statements).toHaveLength(1);
      expect(actionsOf(statements[0]!)).toEqual(['events:PutEvents']);
      expect(importedLogicalId(stateful, statements[0]!.Resource)).toBe(busId());
    });

    it('no other function may publish', () => {
      for (const [fnId, fn] of resourcesOfType(api, 'AWS::Lambda::Function')) {
        if (publishers.some((entry) => String(fn.Properties.Description).startsWith(`${entry} `))) continue;
        expect(fn.Properties.Environment.Variables[EVENT_BUS_NAME_ENV], fnId).toBeUndefined();
        expect(roleStatements(api, fnId).flatMap(actionsOf).filter((a) => a.startsWith('events:')), fnId).toEqual([]);
      }
    });
  });

  // ---- Scheduled jobs (infra/constructs/scheduled-function.ts) ----------------------------
  describe('api stack: scheduled jobs', () => {
    it.each(SCHEDULES.map((j) => [j.id, j] as const))('%s: an enabled rule with its schedule targets the job, which alone EventBridge may invoke', (_id, job) => {
      const [fnId] = functionByEntry(api, job.entry);
      const rules = resourcesOfType(api, 'AWS::Events::Rule').filter(([, r]) => r.Properties.Targets?.some((t: Json) => refTarget(t.Arn) === fnId));
      expect(rules).toHaveLength(1);
      const [ruleId, rule] = rules[0]!;
      expect(rule.Properties).toMatchObject({ ScheduleExpression: job.schedule.expressionString, State: 'ENABLED', Name: `anxin-${stage}-${job.serviceName}` });
      const permissions = resourcesOfType(api, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal === 'events.amazonaws.com');
      expect(permissions.filter(([, p]) => refTarget(p.Properties.FunctionName) === fnId && refTarget(p.Properties.SourceArn) === ruleId)).toHaveLength(1);
      const errors = resourcesOfType(api, 'AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.MetricName === 'Errors' && a.Properties.Dimensions?.[0]?.Value?.Ref === fnId);
      expect(errors).toHaveLength(1);
      expect(errors[0]![1].Properties.AlarmName).toBe(`anxin-${stage}-${job.serviceName}-errors`);
    });

    it('runs the certificates job daily at 02:00 Asia/Shanghai (18:00 UTC)', () => {
      expect(SCHEDULES.find((j) => j.id === 'CertificatesDaily')?.schedule.expressionString).toBe('cron(0 18 * * ? *)');
    });

    it('gives the orders consumer the assignment settings of the stage', () => {
      const [, fn] = functionByEntry(api, 'functions/consumers/orders.ts');
      expect(fn.Properties.Environment.Variables).toMatchObject({
        ALLOW_YELLOW_ASSIGNMENT: String(config.assignment.allowYellow),
        REQUIRE_CERTIFICATE_FOR_ASSIGNMENT: String(config.assignment.requireCertificate),
      });
      expect(config.assignment).toEqual({ allowYellow: true, requireCertificate: true });
    });
  });

  describe('cdk-nag (AwsSolutions)', () => {
    it('leaves no unacknowledged finding in any stack', () => {
      for (const stack of [s.stateful, s.api, s.programme]) {
        const report = new AwsSolutionsChecks().validateScope(stack);
        expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath)}`)).toEqual([]);
        expect(report.success).toBe(true);
      }
    });

    it('produces no error or warning annotations (AwsSolutions or otherwise)', () => {
      for (const stack of [s.stateful, s.api, s.programme]) {
        const annotations = Annotations.fromStack(stack);
        expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
        expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
        expect(annotations.findError('*', Match.anyValue())).toEqual([]);
        expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
      }
    });

    it('acknowledges only the documented findings, each with its reason, nothing in the stateful stack', () => {
      const acknowledged = (template: Json) =>
        Object.values(template.Resources as Record<string, Json>).flatMap(
          (r) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[],
        );
      expect(acknowledged(stateful)).toEqual([]);
      const found = [...acknowledged(api), ...acknowledged(s.programmeJson)];
      expect(found.length).toBeGreaterThan(0);
      for (const ack of found) {
        const documented = ACKNOWLEDGMENTS.find((a) => a.id === ack.id && a.reason === ack.reason);
        expect(documented, ack.id).toBeDefined();
        expect(ack.reason.length).toBeGreaterThan(80);
      }
      // APIG4 only on public routes and the catch-all, which have no authorizer by design.
      const publicRoutes = resourcesOfType(api, 'AWS::ApiGatewayV2::Route').filter(([, r]) => r.Properties.AuthorizationType === 'NONE');
      expect(publicRoutes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(['$default', ...ROUTES.filter((r) => r.public).map((r) => `${r.method} ${r.path}`)].sort());
      for (const [id, r] of resourcesOfType(api, 'AWS::ApiGatewayV2::Route')) {
        const ids = ((r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string }[]).map((a) => a.id);
        expect(ids.includes('AwsSolutions-APIG4'), id).toBe(r.Properties.AuthorizationType === 'NONE');
      }
      expect(found.map((a) => a.id)).not.toContain('AwsSolutions-IAM4');
    });
  });
});

describe("CDK's CloudFormation validation", () => {
  // CDK validates every synthesized template; left unconfigured, its findings are only
  // printed as warnings and the synthesis succeeds. cdk.json makes them errors, so `cdk synth`
  // and `cdk deploy` stop on one; the prod `cdk synth` above is this run's validating one.
  it('fails a synthesis on any finding (cdk.json), and finds nothing in the prod app', async () => {
    expect(readCdkContext()['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
    expect((await bundledAssembly('prod')).validationFindings).toEqual([]);
  });
});
