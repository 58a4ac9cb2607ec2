/**
 * The local SQS endpoint from the outside: the `aws` CLI (botocore), and the query
 * protocol (form-encoded requests, XML responses) that older SDKs and CLIs speak.
 *
 * The installed aws-cli 1.x (botocore >= 1.31.x) sends AWS JSON 1.0 like SDK v3. To drive
 * the query protocol with a real client as well, the CLI is pointed (AWS_DATA_PATH) at an
 * older botocore SQS model whose protocol is "query", when one is on the machine.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSqsServer, type SqsServer } from '../../local/sqs';
import { AWS_CLI } from '../support/aws-cli';

const run = promisify(execFile);
const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const NS = 'http://queue.amazonaws.com/doc/2012-11-05/';

let server: SqsServer;
beforeAll(async () => {
  server = await startSqsServer({ port: 0, region: REGION, accountId: ACCOUNT });
});
afterAll(async () => {
  await server.close();
});

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

// --- the aws CLI ---

/** Older botocore copies that still describe SQS with the query protocol. */
const QUERY_MODEL_CANDIDATES = [
  '/usr/lib/google-cloud-sdk/lib/third_party/botocore/data/sqs/2012-11-05/service-2.json',
  '/usr/share/google-cloud-sdk/lib/third_party/botocore/data/sqs/2012-11-05/service-2.json',
  '/usr/lib/python3/dist-packages/botocore/data/sqs/2012-11-05/service-2.json',
];
const QUERY_MODEL = QUERY_MODEL_CANDIDATES.find((p) => {
  try {
    return existsSync(p) && /"protocol"\s*:\s*"query"/.test(readFileSync(p, 'utf8').slice(0, 2000));
  } catch {
    return false;
  }
});

async function aws(args: string[], extraEnv: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return run(AWS_CLI!, ['--endpoint-url', server.endpoint, '--region', REGION, '--output', 'json', 'sqs', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
      ...extraEnv,
    },
  });
}

/** list-queues, send-message, receive-message, delete-message, get-queue-attributes, and an error. */
async function cliRoundTrip(queueName: string, env: Record<string, string>): Promise<void> {
  const url = await server.createQueue(queueName, {});
  const listed = JSON.parse((await aws(['list-queues', '--queue-name-prefix', queueName], env)).stdout) as { QueueUrls: string[] };
  expect(listed.QueueUrls).toEqual([url]);

  const body = 'hello from the aws cli <&> 安心';
  const attributes = JSON.stringify({
    test_attribute_name_1: { DataType: 'String', StringValue: 'test_attribute_value_1' },
    test_attribute_name_2: { DataType: 'String', StringValue: 'test_attribute_value_2' },
  });
  const sent = JSON.parse((await aws(['send-message', '--queue-url', url, '--message-body', body, '--message-attributes', attributes], env)).stdout);
  expect(sent).toMatchObject({ MD5OfMessageBody: md5(body), MD5OfMessageAttributes: 'd53f3b558fe951154770f25cb63dbba9' });

  const got = JSON.parse(
    (await aws(['receive-message', '--queue-url', url, '--attribute-names', 'All', '--message-attribute-names', 'All'], env)).stdout,
  ) as { Messages: { MessageId: string; Body: string; ReceiptHandle: string; MD5OfBody: string; Attributes: Record<string, string>; MD5OfMessageAttributes: string }[] };
  expect(got.Messages).toHaveLength(1);
  const [m] = got.Messages;
  expect(m).toMatchObject({ MessageId: sent.MessageId, Body: body, MD5OfBody: md5(body), MD5OfMessageAttributes: 'd53f3b558fe951154770f25cb63dbba9' });
  expect(m.Attributes.ApproximateReceiveCount).toBe('1');

  const before = JSON.parse((await aws(['get-queue-attributes', '--queue-url', url, '--attribute-names', 'All'], env)).stdout);
  expect(before.Attributes).toMatchObject({ ApproximateNumberOfMessagesNotVisible: '1', QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queueName}` });
  await aws(['delete-message', '--queue-url', url, '--receipt-handle', m.ReceiptHandle], env);
  const after = JSON.parse(
    (await aws(['get-queue-attributes', '--queue-url', url, '--attribute-names', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'], env)).stdout,
  );
  expect(after.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });

  const missing = await aws(['get-queue-url', '--queue-name', 'no-such-queue'], env).then(
    () => undefined,
    (err: { stderr: string; code: number }) => err,
  );
  expect(missing?.stderr).toContain('AWS.SimpleQueueService.NonExistentQueue');
}

describe.concurrent('aws CLI', () => {
  test.skipIf(!AWS_CLI)('JSON protocol (the installed botocore): list, send, receive, delete, attributes, errors', async () => {
    await cliRoundTrip('cli-json', {});
  });

  test.skipIf(!AWS_CLI || !QUERY_MODEL)('query protocol (botocore with a query-protocol SQS model)', async () => {
    const dataPath = mkdtempSync(join(tmpdir(), 'sqs-query-model-'));
    try {
      mkdirSync(join(dataPath, 'sqs', '2012-11-05'), { recursive: true });
      copyFileSync(QUERY_MODEL!, join(dataPath, 'sqs', '2012-11-05', 'service-2.json'));
      const env = { AWS_DATA_PATH: dataPath };
      // Prove the CLI really speaks the query protocol with this model.
      const debug = await aws(['list-queues', '--debug'], env);
      expect(debug.stderr).toContain("'Action': 'ListQueues'");
      expect(debug.stderr).toContain('application/x-www-form-urlencoded');
      await cliRoundTrip('cli-query', env);
    } finally {
      rmSync(dataPath, { recursive: true, force: true });
    }
  });

  if (!AWS_CLI) test.skip('aws CLI not on PATH: CLI tests skipped', () => undefined);
  if (AWS_CLI && !QUERY_MODEL) test.skip('no query-protocol botocore SQS model on this machine: CLI query test skipped', () => undefined);
});

// --- the query protocol, raw ---

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#xD);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", '#xD': '\r' })[e]!);
}
function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? unescapeXml(m[1]) : undefined;
}
function tags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => m[1]);
}

async function query(params: Record<string, string>, path = '/'): Promise<{ status: number; xml: string }> {
  const res = await fetch(`${server.endpoint}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({ Version: '2012-11-05', ...params }).toString(),
  });
  expect(res.headers.get('content-type')).toBe('text/xml');
  return { status: res.status, xml: await res.text() };
}

describe('query protocol', () => {
  test('create, send (with attributes), batch, receive, delete; XML with the SQS namespace', async () => {
    const created = await query({
      Action: 'CreateQueue',
      QueueName: 'raw-q',
      'Attribute.1.Name': 'VisibilityTimeout',
      'Attribute.1.Value': '40',
      'Tag.1.Key': 'team',
      'Tag.1.Value': 'orders',
    });
    expect(created.status).toBe(200);
    expect(created.xml).toContain(`<CreateQueueResponse xmlns="${NS}"><CreateQueueResult><QueueUrl>`);
    const url = tag(created.xml, 'QueueUrl')!;
    expect(url).toBe(`${server.endpoint}/${ACCOUNT}/raw-q`);

    const body = 'line 1\r\nline 2 <tag> & "quotes" 安心';
    const sent = await query({
      Action: 'SendMessage',
      QueueUrl: url,
      MessageBody: body,
      'MessageAttribute.1.Name': 'test_attribute_name_2',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'test_attribute_value_2',
      'MessageAttribute.2.Name': 'test_attribute_name_1',
      'MessageAttribute.2.Value.DataType': 'String',
      'MessageAttribute.2.Value.StringValue': 'test_attribute_value_1',
    });
    expect(sent.xml).toContain(`<SendMessageResponse xmlns="${NS}"><SendMessageResult>`);
    expect(tag(sent.xml, 'MD5OfMessageBody')).toBe(md5(body));
    expect(tag(sent.xml, 'MD5OfMessageAttributes')).toBe('d53f3b558fe951154770f25cb63dbba9');
    expect(tag(sent.xml, 'RequestId')).toMatch(/^[0-9a-f-]{36}$/);

    const batch = await query({
      Action: 'SendMessageBatch',
      QueueUrl: url,
      'SendMessageBatchRequestEntry.1.Id': 'ok',
      'SendMessageBatchRequestEntry.1.MessageBody': 'second',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'test_attribute_name',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'Binary',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.BinaryValue': Buffer.from('test_attribute_value').toString('base64'),
      'SendMessageBatchRequestEntry.2.Id': 'empty',
      'SendMessageBatchRequestEntry.2.MessageBody': '',
    });
    const [ok] = tags(batch.xml, 'SendMessageBatchResultEntry');
    expect(tag(ok, 'Id')).toBe('ok');
    expect(tag(ok, 'MD5OfMessageAttributes')).toBe('23f6bd27ea87aab7dfeadcc9aebee495');
    const [bad] = tags(batch.xml, 'BatchResultErrorEntry');
    expect(bad).toContain('<Id>empty</Id>');
    expect(bad).toContain('<SenderFault>true</SenderFault>');
    expect(bad).toContain('<Code>MissingParameter</Code>');

    const received = await query({
      Action: 'ReceiveMessage',
      QueueUrl: url,
      MaxNumberOfMessages: '10',
      'AttributeName.1': 'All',
      'MessageAttributeName.1': 'All',
    });
    const messages = tags(received.xml, 'Message');
    expect(messages).toHaveLength(2);
    const first = messages[0];
    expect(tag(first, 'Body')).toBe(body); // the CR survives XML (written as &#xD;)
    expect(tag(first, 'MD5OfBody')).toBe(md5(body));
    expect(tag(first, 'MD5OfMessageAttributes')).toBe('d53f3b558fe951154770f25cb63dbba9');
    expect(first).toContain('<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>');
    expect(first).toContain(
      '<MessageAttribute><Name>test_attribute_name_1</Name><Value><DataType>String</DataType><StringValue>test_attribute_value_1</StringValue></Value></MessageAttribute>',
    );
    expect(messages[1]).toContain(`<BinaryValue>${Buffer.from('test_attribute_value').toString('base64')}</BinaryValue>`);

    // Old clients POST to the queue URL itself instead of passing QueueUrl.
    const path = new URL(url).pathname;
    const deleted = await query({ Action: 'DeleteMessage', ReceiptHandle: tag(first, 'ReceiptHandle')! }, path);
    expect(deleted.status).toBe(200);
    expect(deleted.xml).toBe(
      `<?xml version="1.0"?><DeleteMessageResponse xmlns="${NS}"><ResponseMetadata><RequestId>${tag(deleted.xml, 'RequestId')}</RequestId></ResponseMetadata></DeleteMessageResponse>`,
    );

    // GET with the parameters in the query string works too.
    const res = await fetch(`${server.endpoint}/?Action=GetQueueAttributes&Version=2012-11-05&QueueUrl=${encodeURIComponent(url)}&AttributeName.1=All`);
    const xml = await res.text();
    expect(xml).toContain('<Attribute><Name>VisibilityTimeout</Name><Value>40</Value></Attribute>');
    expect(xml).toContain('<Attribute><Name>ApproximateNumberOfMessagesNotVisible</Name><Value>1</Value></Attribute>');
    const tagsXml = (await query({ Action: 'ListQueueTags', QueueUrl: url })).xml;
    expect(tagsXml).toContain('<Tag><Key>team</Key><Value>orders</Value></Tag>');
    const list = (await query({ Action: 'ListQueues', QueueNamePrefix: 'raw-' })).xml;
    expect(tags(list, 'QueueUrl')).toEqual([url]);
  });

  test('errors as <ErrorResponse> with the query error codes', async () => {
    const missing = await query({ Action: 'GetQueueUrl', QueueName: 'absent' });
    expect(missing.status).toBe(400);
    expect(missing.xml).toContain(
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>`,
    );
    const unknown = await query({ Action: 'Teleport' });
    expect(unknown.status).toBe(400);
    expect(tag(unknown.xml, 'Code')).toBe('InvalidAction');
    expect(tag((await query({})).xml, 'Code')).toBe('MissingAction');
    const url = await server.createQueue('raw-err', {});
    const handle = await query({ Action: 'DeleteMessage', QueueUrl: url, ReceiptHandle: 'nonsense' });
    expect(handle.status).toBe(404);
    expect(tag(handle.xml, 'Code')).toBe('ReceiptHandleIsInvalid');
  });
});
