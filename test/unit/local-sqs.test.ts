/**
 * Pure parts of the local SQS endpoint: the MD5 of message attributes (against reference
 * digests published with AWS SDK / SQS implementations' test suites), receipt handles,
 * and the query protocol's parameter flattening.
 */
import { describe, expect, test } from 'vitest';
import { md5Hex, md5OfMessageAttributes } from '../../local/sqs/md5';
import { parseQueryRequest } from '../../local/sqs/query-protocol';
import { mintReceiptHandle, parseReceiptHandle } from '../../local/sqs/receipt-handle';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('MD5OfMessageAttributes', () => {
  test.each([
    [
      'two strings (AWS sample), order-independent',
      {
        test_attribute_name_2: { DataType: 'String', StringValue: 'test_attribute_value_2' },
        test_attribute_name_1: { DataType: 'String', StringValue: 'test_attribute_value_1' },
      },
      'd53f3b558fe951154770f25cb63dbba9',
    ],
    ['binary (AWS sample)', { test_attribute_name: { DataType: 'Binary', BinaryValue: b64('test_attribute_value') } }, '23f6bd27ea87aab7dfeadcc9aebee495'],
    [
      'number and string',
      { ordinal: { DataType: 'Number', StringValue: '1' }, category: { DataType: 'String', StringValue: 'test' } },
      'd21ae90c49061e927f57df5f5d72be1f',
    ],
    ['one string', { SellerName: { DataType: 'String', StringValue: 'Example Store' } }, 'cd28f3b68aeee4b2eac9c66f2f694b58'],
  ])('%s', (_, attributes, expected) => {
    expect(md5OfMessageAttributes(attributes)).toBe(expected);
  });

  test('absent when there are no attributes; body digest is over UTF-8', () => {
    expect(md5OfMessageAttributes({})).toBeUndefined();
    expect(md5Hex('安心')).toBe('f074c2ee61da4f5a78bc81892cee6f58');
  });
});

describe('receipt handles', () => {
  test('name one queue and message, differ per receive, and reject garbage', () => {
    const a = mintReceiptHandle('orders.fifo', 'm-1');
    const b = mintReceiptHandle('orders.fifo', 'm-1');
    expect(a).not.toBe(b);
    expect(parseReceiptHandle(a)).toEqual({ queueName: 'orders.fifo', messageId: 'm-1' });
    for (const bad of ['', 'garbage', b64('orders\u0000m-1'), b64('a\u0000b\u0000short'), `${a}!`]) {
      expect(parseReceiptHandle(bad)).toBeUndefined();
    }
  });
});

describe('query protocol parameters', () => {
  test('flattened lists, maps, message attributes and batch entries become the JSON input shape', () => {
    const { action, input } = parseQueryRequest(
      new URLSearchParams({
        Action: 'SendMessageBatch',
        Version: '2012-11-05',
        QueueUrl: 'http://127.0.0.1:1/000000000000/q',
        'SendMessageBatchRequestEntry.2.Id': 'b',
        'SendMessageBatchRequestEntry.2.MessageBody': 'two',
        'SendMessageBatchRequestEntry.1.Id': 'a',
        'SendMessageBatchRequestEntry.1.MessageBody': 'one',
        'SendMessageBatchRequestEntry.1.DelaySeconds': '5',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'k',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'Number',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue': '7',
      }),
    );
    expect(action).toBe('SendMessageBatch');
    expect(input).toEqual({
      QueueUrl: 'http://127.0.0.1:1/000000000000/q',
      Entries: [
        {
          Id: 'a',
          MessageBody: 'one',
          DelaySeconds: '5',
          MessageAttributes: { k: { DataType: 'Number', StringValue: '7', BinaryValue: undefined, StringListValues: [], BinaryListValues: [] } },
        },
        { Id: 'b', MessageBody: 'two' },
      ],
    });
    const create = parseQueryRequest(
      new URLSearchParams({ Action: 'CreateQueue', QueueName: 'q', 'Attribute.1.Name': 'DelaySeconds', 'Attribute.1.Value': '3', 'Tag.1.Key': 't', 'Tag.1.Value': 'v' }),
    );
    expect(create.input).toEqual({ QueueName: 'q', Attributes: { DelaySeconds: '3' }, tags: { t: 'v' } });
    const receive = parseQueryRequest(new URLSearchParams({ Action: 'ReceiveMessage', 'AttributeName.2': 'SentTimestamp', 'AttributeName.1': 'All' }));
    expect(receive.input).toEqual({ AttributeNames: ['All', 'SentTimestamp'] });
  });
});
