/**
 * The digests SQS returns so that clients can check what it stored.
 *
 * MD5OfMessageBody / MD5OfBody: MD5 of the UTF-8 body (SDK v3 verifies this and throws on
 * mismatch). MD5OfMessageAttributes (and MD5OfMessageSystemAttributes) use AWS's binary
 * encoding, which the Java and .NET SDKs verify: for each attribute, sorted by name,
 *
 *   u32be(len(name)) name  u32be(len(DataType)) DataType  transport-byte  value
 *
 * where the transport byte is 1 for a StringValue (String and Number types), 2 for a
 * BinaryValue, and the value is u32be(len) followed by the UTF-8 string / raw bytes.
 */
import { createHash } from 'node:crypto';
import type { MessageAttributes } from './types';

export function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([len, bytes]);
}

/** Undefined when there are no attributes (AWS then omits the field). */
export function md5OfMessageAttributes(attributes: MessageAttributes): string | undefined {
  // Plain code-unit order, like Java's String.compareTo that AWS SDKs use for the check.
  const names = Object.keys(attributes).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const a = attributes[name];
    parts.push(lengthPrefixed(Buffer.from(name, 'utf8')));
    parts.push(lengthPrefixed(Buffer.from(a.DataType, 'utf8')));
    if (a.StringValue !== undefined) {
      parts.push(Buffer.from([1]), lengthPrefixed(Buffer.from(a.StringValue, 'utf8')));
    } else {
      parts.push(Buffer.from([2]), lengthPrefixed(Buffer.from(a.BinaryValue ?? '', 'base64')));
    }
  }
  return md5Hex(Buffer.concat(parts));
}
