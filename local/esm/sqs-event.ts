/**
 * The Lambda event for a batch of SQS messages, in the exact shape AWS Lambda builds it
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html, "Example standard queue
 * message event" / "Example FIFO queue message event"): camel-cased record fields, system
 * attributes as strings, message attributes as {stringValue, binaryValue (base64),
 * stringListValues, binaryListValues, dataType}. It parses with Powertools' SqsSchema.
 */
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttribute, SQSRecord } from 'aws-lambda';
import type { LocalQueue } from '../topology';

// The system attributes Lambda passes on, in the order its events show them.
const SYSTEM_ATTRIBUTES = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SequenceNumber',
  'MessageGroupId',
  'SenderId',
  'MessageDeduplicationId',
  'ApproximateFirstReceiveTimestamp',
  'AWSTraceHeader',
  'DeadLetterQueueSourceArn',
] as const;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function toLambdaAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  const attribute: SQSMessageAttribute = {
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: (value.DataType ?? 'String') as SQSMessageAttribute['dataType'],
  };
  if (value.StringValue !== undefined) attribute.stringValue = value.StringValue;
  if (value.BinaryValue !== undefined) attribute.binaryValue = base64(value.BinaryValue);
  // Same key order as Lambda's events (cosmetic, but it makes logs diff cleanly).
  const { stringValue, binaryValue, ...rest } = attribute;
  return {
    ...(stringValue !== undefined ? { stringValue } : {}),
    ...(binaryValue !== undefined ? { binaryValue } : {}),
    ...rest,
  };
}

export function toSqsRecord(message: Message, queue: LocalQueue, region: string): SQSRecord {
  const attributes: Record<string, string> = {};
  for (const name of SYSTEM_ATTRIBUTES) {
    const value = message.Attributes?.[name];
    if (value !== undefined) attributes[name] = value;
  }
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: attributes as unknown as SQSRecord['attributes'],
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, toLambdaAttribute(value)]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    // Present when the message has attributes (SQS returns the digest only then).
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queue.arn,
    awsRegion: region,
  };
}

export function toSqsEvent(messages: readonly Message[], queue: LocalQueue, region: string): SQSEvent {
  return { Records: messages.map((m) => toSqsRecord(m, queue, region)) };
}
