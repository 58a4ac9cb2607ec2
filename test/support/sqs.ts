/** A local SQS endpoint (the platform's own) with the orders FIFO queue, for tests that send commands. */
import { SQSClient, ReceiveMessageCommand, DeleteMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { startSqsServer, type SqsServer } from '../../local/sqs';
import { TEST_CREDENTIALS, TEST_REGION } from './test-store';

export interface TestQueue {
  server: SqsServer;
  sqs: SQSClient;
  queueUrl: string;
  /** Receives what is visible now (short wait) and deletes it, as a consumer would after success. */
  drain(): Promise<Message[]>;
  close(): Promise<void>;
}

export async function startTestQueue(name = 'orders-test.fifo'): Promise<TestQueue> {
  const server = await startSqsServer({ port: 0, region: TEST_REGION, accountId: '000000000000' });
  const queueUrl = await server.createQueue(name, { FifoQueue: 'true', VisibilityTimeout: '30' });
  const sqs = new SQSClient({ endpoint: server.endpoint, region: TEST_REGION, credentials: TEST_CREDENTIALS });
  return {
    server,
    sqs,
    queueUrl,
    async drain() {
      const all: Message[] = [];
      for (;;) {
        const out = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageSystemAttributeNames: ['All'] }),
        );
        const batch = out.Messages ?? [];
        if (batch.length === 0) return all;
        for (const m of batch) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
        all.push(...batch);
      }
    },
    async close() {
      sqs.destroy();
      await server.close();
    },
  };
}

/** The Lambda shape of an SQS message (what the event-source mapping hands the consumer). */
export function toRecord(message: Message, queueArn = 'arn:aws:sqs:us-east-1:000000000000:orders-test.fifo'): SQSRecord {
  return {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body!,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: 'local',
      ApproximateFirstReceiveTimestamp: String(Date.now()),
      MessageGroupId: message.Attributes?.MessageGroupId,
      MessageDeduplicationId: message.Attributes?.MessageDeduplicationId,
      SequenceNumber: message.Attributes?.SequenceNumber,
    },
    messageAttributes: {},
    md5OfBody: message.MD5OfBody!,
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: TEST_REGION,
  } as SQSRecord;
}
