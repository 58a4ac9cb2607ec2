/**
 * local/esm pure parts: Lambda's batch-result rules (settleBatch) and the SQS event shape
 * (toSqsEvent), checked against Powertools' SqsSchema.
 */
import type { Message } from '@aws-sdk/client-sqs';
import { SqsSchema } from '@aws-lambda-powertools/parser/schemas/sqs';
import { describe, expect, it } from 'vitest';
import { settleBatch, toSqsEvent } from '../../local/esm';
import type { InvokeResult } from '../../local/lambda';
import type { LocalQueue } from '../../local/topology';

const ids = ['m1', 'm2', 'm3'];
const ok = (result: unknown): InvokeResult => ({ ok: true, result, requestId: 'r', durationMs: 1, coldStart: false });
const fnError: InvokeResult = {
  ok: false,
  requestId: 'r',
  durationMs: 1,
  coldStart: false,
  error: { errorType: 'Error', errorMessage: 'boom' },
};

describe('settleBatch without ReportBatchItemFailures', () => {
  it('deletes everything on success, whatever the response says', () => {
    expect(settleBatch(ok({ batchItemFailures: [{ itemIdentifier: 'm1' }] }), ids, false)).toEqual({ kind: 'success', deleteIds: ids, failedIds: [] });
    expect(settleBatch(ok('not even an object'), ids, false).deleteIds).toEqual(ids);
  });

  it('deletes nothing on a function error or timeout', () => {
    expect(settleBatch(fnError, ids, false)).toMatchObject({ kind: 'failure', deleteIds: [], failedIds: ids, reason: 'function error: Error: boom' });
    expect(settleBatch({ ...fnError, timedOut: true }, ids, false)).toMatchObject({ kind: 'failure', reason: expect.stringMatching(/^timed out/) });
  });
});

describe('settleBatch with ReportBatchItemFailures (AWS "Success and failure conditions")', () => {
  it('deletes all but the reported failures', () => {
    expect(settleBatch(ok({ batchItemFailures: [{ itemIdentifier: 'm2' }] }), ids, true)).toEqual({
      kind: 'partial',
      deleteIds: ['m1', 'm3'],
      failedIds: ['m2'],
    });
    // Duplicates and order do not matter.
    expect(settleBatch(ok({ batchItemFailures: [{ itemIdentifier: 'm3' }, { itemIdentifier: 'm1' }, { itemIdentifier: 'm3' }] }), ids, true)).toEqual({
      kind: 'partial',
      deleteIds: ['m2'],
      failedIds: ['m1', 'm3'],
    });
    // Every message reported: nothing deleted, still a valid partial response.
    expect(settleBatch(ok({ batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) }), ids, true).deleteIds).toEqual([]);
  });

  it.each([
    ['null EventResponse', null],
    ['undefined (handler returned nothing)', undefined],
    ['empty EventResponse', {}],
    ['null batchItemFailures', { batchItemFailures: null }],
    ['empty batchItemFailures', { batchItemFailures: [] }],
    ['an unrelated object', { statusCode: 200 }],
  ])('complete success: %s', (_name, response) => {
    expect(settleBatch(ok(response), ids, true)).toEqual({ kind: 'success', deleteIds: ids, failedIds: [] });
  });

  it.each([
    ['empty-string itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['missing itemIdentifier (bad key name)', { batchItemFailures: [{ messageId: 'm1' }] }],
    ['itemIdentifier not in the batch', { batchItemFailures: [{ itemIdentifier: 'm2' }, { itemIdentifier: 'nope' }] }],
    ['non-string itemIdentifier', { batchItemFailures: [{ itemIdentifier: 1 }] }],
    ['null entry', { batchItemFailures: [null] }],
    ['string entries', { batchItemFailures: ['m1'] }],
    ['batchItemFailures not a list', { batchItemFailures: 'm1' }],
    ['a string response', 'm1'],
    ['a number response', 42],
    ['an array response', [{ itemIdentifier: 'm1' }]],
  ])('complete failure: %s', (_name, response) => {
    const outcome = settleBatch(ok(response), ids, true);
    expect(outcome).toMatchObject({ kind: 'failure', deleteIds: [], failedIds: ids });
  });

  it('a function error fails the whole batch', () => {
    expect(settleBatch(fnError, ids, true)).toMatchObject({ kind: 'failure', deleteIds: [] });
  });
});

describe('toSqsEvent', () => {
  const queue: LocalQueue = {
    logicalId: 'Q',
    queueName: 'orders.fifo',
    url: 'http://127.0.0.1:9324/000000000000/orders.fifo',
    arn: 'arn:aws:sqs:us-east-1:000000000000:orders.fifo',
    fifo: true,
    contentBasedDeduplication: true,
    visibilityTimeoutSeconds: 30,
    messageRetentionSeconds: 345600,
    delaySeconds: 0,
    receiveWaitTimeSeconds: 0,
  };
  const fifoMessage: Message = {
    MessageId: 'id-1',
    ReceiptHandle: 'handle-1',
    Body: '{"hello":"world"}',
    MD5OfBody: '49dfdd54b01cbcd2d2ab5e9e5ee6b9b9',
    MD5OfMessageAttributes: 'd25a6aea97eb8f585bfa92d314504a92',
    Attributes: {
      ApproximateReceiveCount: '2',
      SentTimestamp: '1700000000000',
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: '1700000000100',
      SequenceNumber: '18882400000000000001',
      MessageGroupId: 'order-1',
      MessageDeduplicationId: 'dedup-1',
    },
    MessageAttributes: {
      tenant: { DataType: 'String', StringValue: 't-1' },
      count: { DataType: 'Number', StringValue: '3' },
      blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
    },
  };
  const plainMessage: Message = {
    MessageId: 'id-2',
    ReceiptHandle: 'handle-2',
    Body: 'plain',
    MD5OfBody: 'x',
    Attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1', SenderId: 's', ApproximateFirstReceiveTimestamp: '2' },
  };

  it('builds the record shape Lambda sends, which parses with Powertools SqsSchema', () => {
    const event = toSqsEvent([fifoMessage, plainMessage], queue, 'us-east-1');
    expect(SqsSchema.parse(event)).toBeTruthy();
    expect(event.Records[0]).toEqual({
      messageId: 'id-1',
      receiptHandle: 'handle-1',
      body: '{"hello":"world"}',
      attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1700000000000',
        SequenceNumber: '18882400000000000001',
        MessageGroupId: 'order-1',
        SenderId: 'local',
        MessageDeduplicationId: 'dedup-1',
        ApproximateFirstReceiveTimestamp: '1700000000100',
      },
      messageAttributes: {
        tenant: { stringValue: 't-1', stringListValues: [], binaryListValues: [], dataType: 'String' },
        count: { stringValue: '3', stringListValues: [], binaryListValues: [], dataType: 'Number' },
        blob: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
      md5OfBody: '49dfdd54b01cbcd2d2ab5e9e5ee6b9b9',
      md5OfMessageAttributes: 'd25a6aea97eb8f585bfa92d314504a92',
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
    });
    expect(event.Records[1]!.messageAttributes).toEqual({});
    expect('md5OfMessageAttributes' in event.Records[1]!).toBe(false);
  });
});
