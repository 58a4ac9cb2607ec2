/**
 * local/template on hand-written cloud assemblies: every intrinsic function and pseudo
 * parameter the reader resolves, conditions, parameters, cross-stack exports with computed
 * names, asset lookup variants, nested assemblies (CDK Stages), and resolution errors.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTopology, TemplateError } from '../../local/template';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'anxin-local-template-intrinsics-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Template = Record<string, unknown>;
const HASH = 'a'.repeat(64);

/** Writes a cloud assembly: manifest.json, templates, one staged asset and its asset manifest. */
function writeAssembly(dir: string, stacks: Record<string, Template>, nested: Record<string, Record<string, Template>> = {}): string {
  mkdirSync(path.join(dir, `asset.${HASH}`), { recursive: true });
  writeFileSync(path.join(dir, `asset.${HASH}`, 'index.mjs'), 'export const handler = async () => ({});');
  const artifacts: Record<string, unknown> = {};
  for (const [name, template] of Object.entries(stacks)) {
    writeFileSync(path.join(dir, `${name}.template.json`), JSON.stringify(template));
    writeFileSync(
      path.join(dir, `${name}.assets.json`),
      JSON.stringify({
        version: '55.0.0',
        files: { [HASH]: { source: { path: `asset.${HASH}`, packaging: 'zip' }, destinations: { d: { bucketName: 'b', objectKey: `${HASH}.zip` } } } },
      }),
    );
    artifacts[`${name}.assets`] = { type: 'cdk:asset-manifest', properties: { file: `${name}.assets.json` } };
    artifacts[name] = {
      type: 'aws:cloudformation:stack',
      environment: 'aws://unknown-account/unknown-region',
      properties: { templateFile: `${name}.template.json`, stackName: name },
      dependencies: [`${name}.assets`],
    };
  }
  for (const [id, nestedStacks] of Object.entries(nested)) {
    writeAssembly(path.join(dir, `assembly-${id}`), nestedStacks);
    artifacts[`assembly-${id}`] = { type: 'cdk:cloud-assembly', properties: { directoryName: `assembly-${id}`, displayName: id } };
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
  return dir;
}

const newDir = () => mkdtempSync(path.join(tmp, 'cdkout-'));
const read = (cdkOutDir: string, extra: Partial<Parameters<typeof readTopology>[0]> = {}) =>
  readTopology({ cdkOutDir, region: 'eu-west-1', accountId: '123456789012', sqsEndpoint: 'http://localhost:4566/', ...extra });

/** A function whose environment is the thing under test. */
const fnWithEnv = (variables: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  Type: 'AWS::Lambda::Function',
  Properties: {
    Code: { S3Bucket: { 'Fn::Sub': 'cdk-assets-${AWS::AccountId}-${AWS::Region}' }, S3Key: `${HASH}.zip` },
    Handler: 'index.handler',
    Runtime: 'nodejs22.x',
    Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
    Environment: { Variables: variables },
    ...extra,
  },
});

const stateful: Template = {
  Parameters: {
    Stage: { Type: 'String', Default: 'dev' },
    Domains: { Type: 'CommaDelimitedList', Default: 'orders,training,claims' },
    Required: { Type: 'String' },
  },
  Mappings: { Sizes: { dev: { Memory: 256 }, prod: { Memory: 1024 } } },
  Conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    DevAndEu: { 'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] }] },
    ProdOrUs: { 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }] },
  },
  Resources: {
    Dlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': 'anxin-${Stage}-claims-dlq' } } },
    Queue: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: { 'Fn::Join': ['-', ['anxin', { Ref: 'Stage' }, 'claims']] },
        // The string form of RedrivePolicy, as some templates write it.
        RedrivePolicy: { 'Fn::Sub': ['{"deadLetterTargetArn":"${Arn}","maxReceiveCount":"3"}', { Arn: { 'Fn::GetAtt': 'Dlq.Arn' } }] },
        VisibilityTimeout: '45',
      },
    },
    ProdOnlyQueue: { Type: 'AWS::SQS::Queue', Condition: 'IsProd', Properties: {} },
    Table: {
      Type: 'AWS::DynamoDB::GlobalTable',
      Properties: {
        TableName: { 'Fn::Sub': 'anxin-${Stage}' },
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        Replicas: [{ Region: { Ref: 'AWS::Region' } }],
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: false },
      },
    },
    Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
    Fn: fnWithEnv(
      {
        SUB_ATTR: { 'Fn::Sub': '${Queue.QueueName}|${Queue.Arn}|${Queue}|${!NotAVariable}' },
        SUB_VARS: { 'Fn::Sub': ['${A}-${B}-${AWS::StackName}', { A: 'x', B: { Ref: 'Stage' } }] },
        QUEUE_URL_ATTR: { 'Fn::GetAtt': ['Queue', 'QueueUrl'] },
        SELECT_PARAM_LIST: { 'Fn::Select': [1, { Ref: 'Domains' }] },
        SPLIT_SELECT: { 'Fn::Select': ['2', { 'Fn::Split': ['/', 'a/b/c'] }] },
        IF_DEV: { 'Fn::If': ['IsDev', 'dev-value', 'prod-value'] },
        IF_AND: { 'Fn::If': ['DevAndEu', 'yes', 'no'] },
        IF_OR: { 'Fn::If': ['ProdOrUs', 'yes', 'no'] },
        DROPPED: { 'Fn::If': ['IsProd', 'kept', { Ref: 'AWS::NoValue' }] },
        FIND_IN_MAP: { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] },
        BASE64: { 'Fn::Base64': 'hi' },
        AZ: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
        ROLE_ARN: { 'Fn::GetAtt': ['Role', 'Arn'] },
        STREAM_ARN: { 'Fn::GetAtt': ['Table', 'StreamArn'] },
        STACK_ID: { Ref: 'AWS::StackId' },
        REQUIRED: { Ref: 'Required' },
        NUMBER: 42,
      },
      { MemorySize: { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] } },
    ),
  },
  Outputs: {
    QueueUrlOut: { Value: { Ref: 'Queue' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-QueueUrl' } } },
    QueueArnOut: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Export: { Name: 'Anxin:QueueArn' } },
    TableOut: { Value: { Ref: 'Table' }, Export: { Name: 'Anxin:Table' } },
  },
};

const consumer: Template = {
  Resources: {
    Consumer: {
      ...fnWithEnv({
        IMPORTED_URL: { 'Fn::ImportValue': 'Anxin-Stateful-QueueUrl' },
        IMPORTED_TABLE: { 'Fn::ImportValue': { 'Fn::Join': [':', ['Anxin', 'Table']] } },
      }),
      // Metadata written by the CDK CLI: the asset path wins over the S3 key lookup.
      Metadata: { 'aws:asset:path': `asset.${HASH}`, 'aws:asset:property': 'Code' },
    },
    Esm: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        EventSourceArn: { 'Fn::ImportValue': 'Anxin:QueueArn' },
        // A qualified ARN (alias) still finds the function.
        FunctionName: { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['Consumer', 'Arn'] }, ':live']] },
      },
    },
    Role: { Type: 'AWS::IAM::Role', Properties: {} },
  },
};

describe('intrinsic functions and parameters', () => {
  const dir = writeAssembly(newDir(), { 'Anxin-Stateful': stateful, 'Anxin-Consumer': consumer });
  const topology = read(dir, { parameters: { Required: 'given' } });
  const env = topology.functions.find((f) => f.logicalId === 'Fn')!.environment;

  it('resolves Ref, Fn::GetAtt (both forms), Fn::Sub (both forms, escapes), Join, Select, Split', () => {
    expect(env.SUB_ATTR).toBe(
      'anxin-dev-claims|arn:aws:sqs:eu-west-1:123456789012:anxin-dev-claims|http://localhost:4566/123456789012/anxin-dev-claims|${NotAVariable}',
    );
    expect(env.SUB_VARS).toBe('x-dev-Anxin-Stateful');
    expect(env.QUEUE_URL_ATTR).toBe('http://localhost:4566/123456789012/anxin-dev-claims');
    expect(env.SELECT_PARAM_LIST).toBe('training');
    expect(env.SPLIT_SELECT).toBe('c');
  });

  it('evaluates Conditions (Equals, Not, And, Or, Condition) and Fn::If; AWS::NoValue removes the key', () => {
    expect(env.IF_DEV).toBe('dev-value');
    expect(env.IF_AND).toBe('yes');
    expect(env.IF_OR).toBe('no');
    expect('DROPPED' in env).toBe(false);
    // A resource whose Condition is false is not created.
    expect(topology.queues.map((q) => q.logicalId).sort()).toEqual(['Dlq', 'Queue']);
  });

  it('resolves FindInMap, Base64, GetAZs, pseudo parameters and attribute shapes', () => {
    expect(env.FIND_IN_MAP).toBe('256');
    expect(topology.functions.find((f) => f.logicalId === 'Fn')!.memoryMb).toBe(256);
    expect(env.BASE64).toBe('aGk=');
    expect(env.AZ).toBe('eu-west-1a');
    expect(env.ROLE_ARN).toBe('arn:aws:iam::123456789012:role/Anxin-Stateful-Role');
    expect(env.STREAM_ARN).toMatch(/^arn:aws:dynamodb:eu-west-1:123456789012:table\/anxin-dev\/stream\//);
    expect(env.STACK_ID).toMatch(/^arn:aws:cloudformation:eu-west-1:123456789012:stack\/Anxin-Stateful\//);
    expect(env.REQUIRED).toBe('given');
    expect(env.NUMBER).toBe('42');
  });

  it('reads RedrivePolicy in its string form and numeric strings', () => {
    const queue = topology.queues.find((q) => q.logicalId === 'Queue')!;
    expect(queue.redrive).toEqual({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:123456789012:anxin-dev-claims-dlq', maxReceiveCount: 3 });
    expect(queue.visibilityTimeoutSeconds).toBe(45);
    // The trailing slash of the endpoint is not doubled.
    expect(queue.url).toBe('http://localhost:4566/123456789012/anxin-dev-claims');
  });

  it('resolves Fn::ImportValue through exports with computed names, and qualified function ARNs', () => {
    const consumerFn = topology.functions.find((f) => f.logicalId === 'Consumer')!;
    expect(consumerFn.environment).toEqual({
      IMPORTED_URL: 'http://localhost:4566/123456789012/anxin-dev-claims',
      IMPORTED_TABLE: 'anxin-dev',
    });
    expect(consumerFn.bundleDir).toBe(path.join(dir, `asset.${HASH}`));
    expect(topology.eventSourceMappings).toEqual([
      { logicalId: 'Esm', functionLogicalId: 'Consumer', queueLogicalId: 'Queue', batchSize: 10, maximumBatchingWindowSeconds: 0, reportBatchItemFailures: false, enabled: true },
    ]);
  });

  it('takes parameter overrides, and maps a GlobalTable with TTL disabled', () => {
    const prod = read(dir, { parameters: { Required: 'x', Stage: 'prod' } });
    expect(prod.functions.find((f) => f.logicalId === 'Fn')!.environment.IF_DEV).toBe('prod-value');
    expect(prod.queues.map((q) => q.logicalId)).toContain('ProdOnlyQueue');
    expect(prod.tables[0]).toMatchObject({ tableName: 'anxin-prod', keySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] });
    expect(prod.tables[0]!.ttlAttribute).toBeUndefined();
  });

  it('asks for parameters that have no default', () => {
    expect(() => read(dir)).toThrow(/parameter Required has no Default/);
  });
});

describe('resolution errors name the stack and resource', () => {
  const broken = (variables: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    writeAssembly(newDir(), { Broken: { Resources: { Fn: fnWithEnv(variables), Role: { Type: 'AWS::IAM::Role' }, ...extra } } });

  it.each([
    ['unknown attribute', { X: { 'Fn::GetAtt': ['Role', 'Nope'] } }, /Broken\/Fn.*Fn::GetAtt Nope of Role \(AWS::IAM::Role\) has no local value/],
    ['unknown resource', { X: { Ref: 'Missing' } }, /no resource or parameter named Missing/],
    ['unsupported intrinsic', { X: { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] } }, /Fn::Cidr is not supported/],
    ['missing export', { X: { 'Fn::ImportValue': 'Nope' } }, /Fn::ImportValue Nope: no stack in the assembly exports it/],
    ['Select out of range', { X: { 'Fn::Select': [3, ['a']] } }, /index 3 out of range/],
    ['non-string in Join', { X: { 'Fn::Join': ['', [{ a: 1 }]] } }, /expected a string/],
  ])('%s', (_name, variables, message) => {
    const dir = broken(variables);
    expect(() => read(dir)).toThrow(TemplateError);
    expect(() => read(dir)).toThrow(message);
  });

  it('detects circular references', () => {
    const dir = broken({}, {
      A: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['B', 'QueueName'] } } },
      B: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['A', 'QueueName'] } } },
    });
    expect(() => read(dir)).toThrow(/circular reference/);
  });

  it('reports a function whose asset is not staged', () => {
    const dir = writeAssembly(newDir(), {
      S: { Resources: { Fn: { ...fnWithEnv({}), Properties: { ...fnWithEnv({}).Properties, Code: { S3Bucket: 'b', S3Key: `${'b'.repeat(64)}.zip` } } } } },
    });
    expect(() => read(dir)).toThrow(/S\/Fn: the function's code \(S3Key b+\.zip\) is not staged/);
  });
});

describe('nested assemblies (CDK Stages)', () => {
  const dir = writeAssembly(newDir(), {}, {
    'Anxin-dev': { 'Anxin-dev-Stateful': { Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } } } } },
    'Anxin-prod': { 'Anxin-prod-Stateful': { Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: {} } } } },
  });

  it('reads stacks of nested assemblies and selects one stage', () => {
    expect(() => read(dir)).toThrow(/two selected stacks define a queue with logical id Q/);
    const dev = read(dir, { stage: 'dev' });
    expect(dev.queues).toEqual([expect.objectContaining({ queueName: 'Anxin-dev-Stateful-Q.fifo', fifo: true })]);
    expect(read(dir, { stage: 'prod' }).queues[0]!.queueName).toBe('Anxin-prod-Stateful-Q');
    expect(read(dir, { stackNames: ['Anxin-prod-Stateful'] }).queues).toHaveLength(1);
  });
});
