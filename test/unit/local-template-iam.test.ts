/**
 * local/template + local/iam: a small CDK app's roles, grants, key policy and queue policy
 * read from cdk.out and enforced — what a function's role names is allowed, what it does not
 * name is refused with AWS's wording, other callers are not checked, and a policy the
 * platform cannot evaluate stops the start by name; AWS services (EventBridge, API Gateway)
 * reach a function or a queue only where its resource policy lets them.
 */
import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { describe, expect, it } from 'vitest';
import { assertMappingMayPoll } from '../../local/esm/role-check';
import { createEnforcer, functionAccessKeyId, functionCredentials } from '../../local/iam';
import { cdkApps, TEST_ACCOUNT as ACCOUNT } from '../support/cdk-apps';

const REGION = 'us-east-1';
const { newApp, read } = cdkApps('local-template-iam', REGION);

function buildApp(extra?: (stack: Stack, fn: lambda.Function) => void): string {
  const { app, outdir } = newApp();
  const stack = new Stack(app, 'Iam-dev');
  const table = new dynamodb.Table(stack, 'Table', { tableName: 'iam-table', partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
  table.addGlobalSecondaryIndex({ indexName: 'gsi1', partitionKey: { name: 'g', type: dynamodb.AttributeType.STRING } });
  const key = new kms.Key(stack, 'Key', { alias: 'alias/iam-data' });
  const otherKey = new kms.Key(stack, 'OtherKey');
  const queue = new sqs.Queue(stack, 'Queue', { queueName: 'iam-queue', enforceSSL: true });
  const other = new sqs.Queue(stack, 'Other', { queueName: 'iam-other' });
  const fn = new lambda.Function(stack, 'Writer', {
    functionName: 'iam-writer',
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
  table.grantReadData(fn);
  key.grantDecrypt(fn);
  queue.grantSendMessages(fn);
  void otherKey;
  void other;
  extra?.(stack, fn);
  app.synth();
  return outdir;
}

const auth = (logicalId: string) => `AWS4-HMAC-SHA256 Credential=${functionAccessKeyId(logicalId)}/20260101/${REGION}/sqs/aws4_request, SignedHeaders=host, Signature=0`;

describe('the template IAM, enforced', () => {
  const topology = read(buildApp());
  const enforcer = createEnforcer(topology);
  const fn = topology.functions.find((f) => f.functionName === 'iam-writer')!;
  const tableArn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/iam-table`;
  const keyArn = topology.keys.find((k) => k.aliases.includes('alias/iam-data'))!.arn;
  const otherKeyArn = topology.keys.find((k) => k.logicalId.startsWith('OtherKey'))!.arn;
  const queueArn = topology.queues.find((q) => q.queueName === 'iam-queue')!.arn;

  it('reads the role, its DefaultPolicy and the resource policies', () => {
    const role = topology.iam.functionRoles[fn.logicalId]!;
    expect(role.roleArn).toMatch(new RegExp(`^arn:aws:iam::${ACCOUNT}:role/`));
    expect(role.policies.length).toBeGreaterThan(0);
    expect(Object.keys(topology.iam.keyPolicies)).toContain(keyArn);
    expect(Object.keys(topology.iam.queuePolicies)).toEqual([queueArn]);
  });

  it('allows what the grants name: reads of the table and its indexes, kms:Decrypt on its key, sqs:SendMessage on its queue', () => {
    expect(enforcer.check(auth(fn.logicalId), 'dynamodb:GetItem', tableArn)).toBeUndefined();
    expect(enforcer.check(auth(fn.logicalId), 'dynamodb:Query', `${tableArn}/index/gsi1`)).toBeUndefined();
    expect(enforcer.check(auth(fn.logicalId), 'kms:Decrypt', keyArn)).toBeUndefined();
    expect(enforcer.check(auth(fn.logicalId), 'sqs:SendMessage', queueArn)).toBeUndefined();
  });

  it('refuses, by default, what they do not name, in AWS words', () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/${topology.iam.functionRoles[fn.logicalId]!.roleName}/iam-writer`;
    expect(enforcer.check(auth(fn.logicalId), 'dynamodb:PutItem', tableArn)?.message).toBe(
      `User: ${session} is not authorized to perform: dynamodb:PutItem on resource: ${tableArn} because no identity-based policy allows the dynamodb:PutItem action`,
    );
    expect(enforcer.check(auth(fn.logicalId), 'kms:Decrypt', otherKeyArn)).toBeDefined();
    expect(enforcer.check(auth(fn.logicalId), 'kms:Encrypt', keyArn)).toBeDefined();
    expect(enforcer.check(auth(fn.logicalId), 'sqs:SendMessage', topology.queues.find((q) => q.queueName === 'iam-other')!.arn)).toBeDefined();
  });

  it('does not check callers that are not functions (tests, the CLI, the platform)', () => {
    expect(enforcer.check('AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, Signature=0', 'dynamodb:DeleteTable', tableArn)).toBeUndefined();
    expect(enforcer.check(undefined, 'dynamodb:DeleteTable', tableArn)).toBeUndefined();
    expect(functionCredentials(fn.logicalId).AWS_ACCESS_KEY_ID).toBe(functionAccessKeyId(fn.logicalId));
  });

  it('an explicit Deny in the role wins over its grants', () => {
    const denied = read(
      buildApp((stack, f) => f.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['dynamodb:Query'], resources: ['*'] }))),
    );
    const w = denied.functions.find((x) => x.functionName === 'iam-writer')!;
    expect(createEnforcer(denied).check(auth(w.logicalId), 'dynamodb:Query', tableArn)?.message).toMatch(/with an explicit deny in an identity-based policy$/);
  });

  it('refuses to start with a condition it cannot evaluate, naming it', () => {
    const odd = read(
      buildApp((stack, f) =>
        f.addToRolePolicy(
          new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: ['*'], conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['x'] } } }),
        ),
      ),
    );
    expect(() => createEnforcer(odd)).toThrow(/condition set operator ForAllValues/);
  });
});

describe("AWS services reaching the app's functions and queues (resource policies only)", () => {
  const ruleArn = `arn:aws:events:${REGION}:${ACCOUNT}:rule/nightly`;
  const apiRoutes = `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc123/*/*/notes`;
  const apiSource = `arn:aws:execute-api:${REGION}:${ACCOUNT}:abc123/$default/GET/notes`;
  const topology = read(
    buildApp((stack, fn) => {
      // As CDK writes them: a rule's permission to invoke, and a rule target's queue policy.
      fn.addPermission('FromNightly', { principal: new iam.ServicePrincipal('events.amazonaws.com'), sourceArn: ruleArn });
      const inbox = new sqs.Queue(stack, 'Inbox', { queueName: 'iam-inbox' });
      const rule = new events.Rule(stack, 'Rule', { ruleName: 'deliver', eventPattern: { source: ['anxin'] } });
      rule.addTarget(new targets.SqsQueue(inbox));
      // A mapping whose role was never granted the queue (no SqsEventSource, no grantConsumeMessages).
      new lambda.EventSourceMapping(stack, 'Unpolled', { target: fn, eventSourceArn: inbox.queueArn });
      // Permissions for an alias only: its full ARN, and the function's name with the qualifier.
      const toApi = { action: 'lambda:InvokeFunction', principal: 'apigateway.amazonaws.com', sourceArn: apiRoutes };
      new lambda.CfnPermission(stack, 'LiveOnly', { functionName: `${fn.functionArn}:live`, ...toApi });
      new lambda.CfnPermission(stack, 'BetaOnly', { functionName: `${fn.functionName}:beta`, ...toApi });
    }),
  );
  const enforcer = createEnforcer(topology);
  const fn = topology.functions.find((f) => f.functionName === 'iam-writer')!;
  const inbox = topology.queues.find((q) => q.queueName === 'iam-inbox')!;
  const deliverRule = topology.eventRules.find((r) => r.name === 'deliver')!;

  it('reads each AWS::Lambda::Permission as a statement of the function policy', () => {
    expect(topology.iam.functionPolicies[fn.arn]).toHaveLength(1);
  });

  it('lets a service invoke a function only from the source ARN its permission names', () => {
    expect(enforcer.checkService('events.amazonaws.com', 'lambda:InvokeFunction', fn.arn, ruleArn)).toBeUndefined();
    expect(enforcer.checkService('events.amazonaws.com', 'lambda:InvokeFunction', fn.arn, `${ruleArn}-other`)?.message).toBe(
      `Service: events.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: ${fn.arn} because no resource-based policy allows the lambda:InvokeFunction action`,
    );
    // Another service, or a function with no permission at all: refused.
    expect(enforcer.checkService('apigateway.amazonaws.com', 'lambda:InvokeFunction', fn.arn, ruleArn)).toBeDefined();
  });

  it('scopes a permission for an alias to the qualified ARN, as Lambda does: the unqualified function is not granted by it', () => {
    expect(enforcer.checkService('apigateway.amazonaws.com', 'lambda:InvokeFunction', fn.arn, apiSource)?.message).toBe(
      `Service: apigateway.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: ${fn.arn} because no resource-based policy allows the lambda:InvokeFunction action`,
    );
    expect(enforcer.checkService('apigateway.amazonaws.com', 'lambda:InvokeFunction', `${fn.arn}:live`, apiSource)).toBeUndefined();
    expect(enforcer.checkService('apigateway.amazonaws.com', 'lambda:InvokeFunction', `${fn.arn}:beta`, apiSource)).toBeUndefined();
    // Nor another alias.
    expect(enforcer.checkService('apigateway.amazonaws.com', 'lambda:InvokeFunction', `${fn.arn}:prod`, apiSource)).toBeDefined();
    expect(Object.keys(topology.iam.functionPolicies).sort()).toEqual([fn.arn, `${fn.arn}:beta`, `${fn.arn}:live`]);
  });

  it("lets EventBridge send to a queue only from the rule its queue policy names (ArnEquals aws:SourceArn)", () => {
    expect(enforcer.checkService('events.amazonaws.com', 'sqs:SendMessage', inbox.arn, deliverRule.arn)).toBeUndefined();
    expect(enforcer.checkService('events.amazonaws.com', 'sqs:SendMessage', inbox.arn, ruleArn)).toBeDefined();
    // The writer's queue has a policy too (enforceSSL), but none naming EventBridge.
    const queueArn = topology.queues.find((q) => q.queueName === 'iam-queue')!.arn;
    expect(enforcer.checkService('events.amazonaws.com', 'sqs:SendMessage', queueArn, deliverRule.arn)).toBeDefined();
  });

  it("refuses an event-source mapping whose role cannot poll its queue, as Lambda refuses to create it", () => {
    const mapping = topology.eventSourceMappings.find((m) => m.logicalId.startsWith('Unpolled'))!;
    expect(() => assertMappingMayPoll(enforcer, mapping, inbox)).toThrow(
      /Unpolled.*Invalid request provided: The provided execution role does not have permissions to call ReceiveMessage on SQS/,
    );
    const granted = read(
      buildApp((stack, f) => {
        const polled = new sqs.Queue(stack, 'Polled', { queueName: 'iam-polled' });
        f.addEventSource(new SqsEventSource(polled));
      }),
    );
    const polledMapping = granted.eventSourceMappings[0]!;
    expect(() => assertMappingMayPoll(createEnforcer(granted), polledMapping, granted.queues.find((q) => q.queueName === 'iam-polled')!)).not.toThrow();
  });
});
