/**
 * What SQS checks about a message before accepting it: body characters, message attribute
 * names/types/values, system attributes, group and deduplication ids, batch entry ids, and
 * the total size against the queue's MaximumMessageSize. Wording follows AWS's messages
 * so that logs and assertions read the same locally and in the cloud.
 */
import { errors, SqsError } from './errors';
import type { MessageAttributes } from './types';

// The XML 1.0 character set, which is what SQS accepts in bodies and string attributes.
const INVALID_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const INVALID_CHARS_MESSAGE =
  'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF';

export function validateBody(body: string | undefined): string {
  if (body === undefined || body === '') throw errors.missing('MessageBody');
  if (INVALID_CHAR.test(body)) throw new SqsError('InvalidMessageContents', INVALID_CHARS_MESSAGE);
  return body;
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s]{1,250})?$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function validateMessageAttributes(attributes: MessageAttributes): void {
  const names = Object.keys(attributes);
  if (names.length > 10) {
    throw new SqsError(
      'InvalidParameterValue',
      `Number of message attributes [${names.length}] exceeds the allowed maximum [10].`,
    );
  }
  for (const name of names) {
    const lower = name.toLowerCase();
    if (
      !ATTRIBUTE_NAME.test(name) ||
      lower.startsWith('aws.') ||
      lower.startsWith('amazon.') ||
      name.startsWith('.') ||
      name.endsWith('.') ||
      name.includes('..')
    ) {
      throw new SqsError('InvalidParameterValue', `Message (user) attribute name '${name}' is invalid.`);
    }
    const a = attributes[name];
    if (a.DataType === '') {
      throw new SqsError('InvalidParameterValue', `The message attribute '${name}' must contain non-empty message attribute type.`);
    }
    const type = DATA_TYPE.exec(a.DataType)?.[1];
    if (!type) {
      throw new SqsError(
        'InvalidParameterValue',
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    if (a.StringValue !== undefined && a.BinaryValue !== undefined) {
      throw new SqsError('InvalidParameterValue', `Message (user) attribute '${name}' must have exactly one value.`);
    }
    const mustHave = (field: 'StringValue' | 'BinaryValue') => {
      if (!a[field]) {
        throw new SqsError(
          'InvalidParameterValue',
          `The message attribute '${name}' with type '${type}' must use field '${field === 'StringValue' ? 'String' : 'Binary'}'.`,
        );
      }
    };
    if (type === 'Binary') {
      mustHave('BinaryValue');
      if (!BASE64.test(a.BinaryValue ?? '')) {
        throw new SqsError('InvalidParameterValue', `Message (user) attribute '${name}' has an invalid binary value.`);
      }
    } else {
      mustHave('StringValue');
      const v = a.StringValue ?? '';
      if (INVALID_CHAR.test(v)) throw new SqsError('InvalidParameterValue', INVALID_CHARS_MESSAGE);
      if (type === 'Number' && !NUMBER.test(v.trim())) {
        throw new SqsError('InvalidParameterValue', `Can't cast the value of message (user) attribute '${name}' to a number.`);
      }
    }
  }
}

/** Only AWSTraceHeader (a String) may be sent as a message system attribute. */
export function validateSystemAttributes(attributes: MessageAttributes): void {
  for (const [name, a] of Object.entries(attributes)) {
    if (name !== 'AWSTraceHeader') {
      throw new SqsError('InvalidParameterValue', `Message system attribute name '${name}' is invalid.`);
    }
    if (a.DataType !== 'String' || !a.StringValue) {
      throw new SqsError(
        'InvalidParameterValue',
        `Message system attribute '${name}' must contain a non-empty value of type 'String'.`,
      );
    }
  }
}

/** Size SQS counts against MaximumMessageSize: body plus every attribute's name, type and value. */
export function messageSize(body: string, attributes: MessageAttributes): number {
  let size = Buffer.byteLength(body);
  for (const [name, a] of Object.entries(attributes)) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    size += a.StringValue !== undefined ? Buffer.byteLength(a.StringValue) : Buffer.from(a.BinaryValue ?? '', 'base64').length;
  }
  return size;
}

export function validateSize(body: string, attributes: MessageAttributes, maximum: number): void {
  if (messageSize(body, attributes) > maximum) {
    throw new SqsError(
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximum} bytes.`,
    );
  }
}

const FIFO_ID = /^[!-~]{1,128}$/;

export function validateFifoId(name: 'MessageGroupId' | 'MessageDeduplicationId', value: string): void {
  if (!FIFO_ID.test(value)) {
    throw errors.invalidValue(
      name,
      value,
      `${name} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    );
  }
}

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Batch-level checks shared by the three batch actions. */
export function validateBatchEntryIds(ids: (string | undefined)[], action: string): void {
  if (ids.length === 0) {
    throw new SqsError('EmptyBatchRequest', `There should be at least one ${action}RequestEntry in the request.`);
  }
  if (ids.length > 10) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${ids.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const id of ids) {
    if (id === undefined || !BATCH_ENTRY_ID.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
    if (seen.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    seen.add(id);
  }
}
