/**
 * End to end: the local platform enforces the template's IAM (local/iam). The real app is
 * started with enforcement on, from its synthesized template with ONE grant removed — the
 * orders consumer's dynamodb:PutItem on the table — and its orders queue's visibility
 * timeout cut to 1 s so that failing towards the DLQ takes seconds, not 15 minutes:
 *
 *   1. an order is accepted (the route's own grants are intact), but the consumer's
 *      transaction is refused with AccessDeniedException in AWS's words, the message fails
 *      until it reaches orders-dlq.fifo, and nothing is written: the event stays accepted,
 *      the order does not exist;
 *   2. deny by default: a call signed with a function's own credentials to a table, queue,
 *      key, bus or function its role does not name is refused, at every endpoint; the same
 *      call with other credentials (tests, the CLI) is not checked;
 *   3. a route whose function has no AWS::Lambda::Permission for API Gateway (removed from
 *      the template too) answers 500, as API Gateway does, without running the function.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { copyAssembly } from '../../local/assembly-files';
import { join } from 'node:path';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetQueueAttributesCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { functionCredentials } from '../../local/iam';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';
import { validOrder } from '../support/fixtures';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const TABLE_ARN = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/anxin-dev-table`;

/** The order list route's permission for API Gateway, which the synthesis below removes. */
const LIST_PERMISSION = 'HttpApiGETv1ordersOrdersListGETv1ordersIntegrationPermission';

/**
 * The synthesized app, minus the orders consumer's dynamodb:PutItem and the order list
 * route's AWS::Lambda::Permission, with a 1 s orders visibility timeout.
 */
function withGrantsRemoved(outdir: string): void {
  copyAssembly(inject('anxinCloudAssembly'), outdir);
  let removed = 0;
  let permissionsRemoved = 0;
  for (const file of readdirSync(outdir).filter((f) => f.endsWith('.template.json'))) {
    const path = join(outdir, file);
    const template = JSON.parse(readFileSync(path, 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, any> }> };
    for (const [id, resource] of Object.entries(template.Resources)) {
      if (resource.Type === 'AWS::IAM::Policy' && id.startsWith('OrdersConsumerFunctionRoleDefaultPolicy')) {
        for (const statement of resource.Properties.PolicyDocument.Statement) {
          if (Array.isArray(statement.Action) && statement.Action.includes('dynamodb:PutItem')) {
            statement.Action = statement.Action.filter((a: string) => a !== 'dynamodb:PutItem');
            removed++;
          }
        }
      }
      if (resource.Type === 'AWS::SQS::Queue' && resource.Properties.QueueName === 'anxin-dev-orders.fifo') resource.Properties.VisibilityTimeout = 1;
      if (resource.Type === 'AWS::Lambda::Permission' && id.startsWith(LIST_PERMISSION)) {
        delete template.Resources[id];
        permissionsRemoved++;
      }
    }
    writeFileSync(path, JSON.stringify(template));
  }
  if (removed !== 1) throw new Error(`expected to remove one dynamodb:PutItem grant, removed ${removed}`);
  if (permissionsRemoved !== 1) throw new Error(`expected to remove one route permission, removed ${permissionsRemoved}`);
}

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform({ iam: true, synth: withGrantsRemoved });
});
afterAll(async () => {
  await platform?.close();
});

const fnId = (prefix: string) => {
  const fn = platform.topology.functions.find((f) => f.logicalId.startsWith(prefix));
  if (!fn) throw new Error(`no function ${prefix}`);
  return fn;
};
/** SDK credentials as the function itself has them in its environment. */
const credentialsOf = (prefix: string) => {
  const c = functionCredentials(fnId(prefix).logicalId);
  return { accessKeyId: c.AWS_ACCESS_KEY_ID!, secretAccessKey: c.AWS_SECRET_ACCESS_KEY!, sessionToken: c.AWS_SESSION_TOKEN };
};
const session = (prefix: string) => {
  const fn = fnId(prefix);
  return `arn:aws:sts::${ACCOUNT}:assumed-role/${platform.topology.iam.functionRoles[fn.logicalId]!.roleName}/${fn.functionName}`;
};
const denied = (prefix: string, action: string, resource: string) =>
  `User: ${session(prefix)} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

describe('a grant removed from the template', () => {
  it("refuses the orders consumer's write in AWS's words; the event fails towards the DLQ and nothing is written", async () => {
    const res = await fetch(`${platform.apiUrl}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.keys.enterprise}`, 'content-type': 'application/json', 'idempotency-key': 'iam-e2e-0001' },
      body: JSON.stringify(validOrder()),
    });
    expect(res.status).toBe(202);
    const { eventId, orderId } = (await res.json()) as { eventId: string; orderId: string };

    const sqs = new SQSClient({ endpoint: platform.sqsEndpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const dlq = platform.topology.queues.find((q) => q.queueName === 'anxin-dev-orders-dlq.fifo')!;
    await eventually(
      async () => {
        const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.url, AttributeNames: ['ApproximateNumberOfMessages'] }));
        return Number(out.Attributes?.ApproximateNumberOfMessages) >= 1 ? true : undefined;
      },
      60_000,
      'the order command in orders-dlq.fifo',
    );
    sqs.destroy();

    const message = denied('OrdersConsumerFunction', 'dynamodb:PutItem', TABLE_ARN);
    expect(platform.logs).toContain(`[iam] AccessDeniedException: ${message}`);
    const get = (path: string) => fetch(`${platform.apiUrl}${path}`, { headers: { authorization: `Bearer ${platform.keys.enterprise}` } });
    expect(((await (await get(`/v1/events/${eventId}`)).json()) as { status: string }).status).toBe('accepted');
    expect((await get(`/v1/orders/${orderId}`)).status).toBe(404);
  });
});

describe('deny by default', () => {
  // The authorizer reads the table and nothing else: no writes, no queue, no key, no bus.
  const FN = 'Authorizer';

  it('DynamoDB: a write the role does not name is refused at the front, with DynamoDB\'s error shape; other callers are not checked', async () => {
    const put = new PutItemCommand({ TableName: 'anxin-dev-table', Item: { pk: { S: 'IAM#probe' }, sk: { S: 'probe' } } });
    const asFunction = new DynamoDBClient({ endpoint: platform.functionsDynamodbEndpoint, region: REGION, credentials: credentialsOf(FN) });
    const error = (await asFunction.send(put).catch((e: unknown) => e)) as { name: string; message: string; $metadata: { httpStatusCode: number } };
    expect(error.name).toBe('AccessDeniedException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(denied(FN, 'dynamodb:PutItem', TABLE_ARN));
    const admin = new DynamoDBClient({ endpoint: platform.functionsDynamodbEndpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await expect(admin.send(put)).resolves.toBeDefined();
    asFunction.destroy();
    admin.destroy();
  });

  it('SQS: sending to a queue the role does not name is refused', async () => {
    const queue = platform.topology.queues.find((q) => q.queueName === 'anxin-dev-orders.fifo')!;
    const sqs = new SQSClient({ endpoint: platform.sqsEndpoint, region: REGION, credentials: credentialsOf(FN) });
    const error = (await sqs
      .send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: '{}', MessageGroupId: 'g', MessageDeduplicationId: 'd' }))
      .catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toBe(denied(FN, 'sqs:SendMessage', queue.arn));
    sqs.destroy();
  });

  it('KMS: a key the role does not name is refused; the personal-data functions may use theirs', async () => {
    const key = platform.topology.keys.find((k) => k.aliases.includes('alias/anxin-dev-personal-data'))!;
    const kms = new KMSClient({ endpoint: platform.kmsEndpoint, region: REGION, credentials: credentialsOf(FN) });
    const error = (await kms.send(new EncryptCommand({ KeyId: key.arn, Plaintext: Buffer.from('x') })).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toBe(denied(FN, 'kms:Encrypt', key.arn));
    // A decrypt names the key through its ciphertext alone, and is checked on that key.
    const admin = new KMSClient({ endpoint: platform.kmsEndpoint, region: REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const { CiphertextBlob } = await admin.send(new EncryptCommand({ KeyId: key.arn, Plaintext: Buffer.from('x') }));
    const decryptError = (await kms.send(new DecryptCommand({ CiphertextBlob })).catch((e: unknown) => e)) as Error;
    expect(decryptError.message).toBe(denied(FN, 'kms:Decrypt', key.arn));
    kms.destroy();
    admin.destroy();
  });

  it('EventBridge: putting events on a bus the role does not name is refused', async () => {
    const events = new EventBridgeClient({ endpoint: platform.eventsEndpoint, region: REGION, credentials: credentialsOf(FN) });
    const error = (await events
      .send(new PutEventsCommand({ Entries: [{ EventBusName: 'anxin-dev-events', Source: 'probe', DetailType: 'probe', Detail: '{}' }] }))
      .catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('AccessDeniedException');
    expect(error.message).toBe(denied(FN, 'events:PutEvents', `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/anxin-dev-events`));
    events.destroy();
  });

  it('Lambda: invoking a function the role does not name is refused with 403 AccessDeniedException; other callers are not checked', async () => {
    const target = fnId('OrdersList');
    const invoke = (accessKeyId: string) =>
      fetch(`${platform.lambdaEndpoint}/2015-03-31/functions/${target.functionName}/invocations`, {
        method: 'POST',
        // Only the key id of the SigV4 header names the caller; the signature is not verified.
        headers: { authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${REGION}/lambda/aws4_request, SignedHeaders=host, Signature=0`, 'x-amz-invocation-type': 'DryRun' },
        body: '{}',
      });
    const refused = await invoke(credentialsOf(FN).accessKeyId);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(((await refused.json()) as { Message: string }).Message).toBe(denied(FN, 'lambda:InvokeFunction', target.arn));
    expect((await invoke('local')).status).toBe(204);
  });
});

describe('a route without its AWS::Lambda::Permission', () => {
  it('answers 500 as API Gateway does, without running the function, and logs why; the other routes answer', async () => {
    const auth = { authorization: `Bearer ${platform.keys.enterprise}` };
    const invocationsBefore = platform.logs.filter((l) => l.includes(`[${fnId('OrdersList').functionName}] REPORT`)).length;
    const res = await fetch(`${platform.apiUrl}/v1/orders`, { headers: auth });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    expect(platform.logs.filter((l) => l.includes(`[${fnId('OrdersList').functionName}] REPORT`)).length).toBe(invocationsBefore);
    expect(platform.logs.some((l) => l.startsWith('[iam] AccessDeniedException: Service: apigateway.amazonaws.com is not authorized to perform: lambda:InvokeFunction'))).toBe(true);
    // Another route, and the authorizer in front of both, keep their permissions.
    expect((await fetch(`${platform.apiUrl}/v1/workers`, { headers: auth })).status).toBe(200);
  });
});
