/**
 * How many SQS requests AWS bills for one API call: every 64 KB chunk of payload is one
 * request (a 256 KB SendMessage is 4), and a call with no payload at all (DeleteMessage,
 * an empty long poll) is still one. The payload of a send is what is sent, of a receive
 * what is returned: message bodies plus message attribute names, types and values.
 */
export const SQS_CHUNK_BYTES = 64 * 1024;

export const billedSqsRequests = (payloadBytes: number): number => Math.max(1, Math.ceil(payloadBytes / SQS_CHUNK_BYTES));

interface WireAttribute {
  DataType?: string;
  StringValue?: string;
  BinaryValue?: string;
}

interface WireMessage {
  MessageBody?: string;
  Body?: string;
  MessageAttributes?: Record<string, WireAttribute>;
}

/** Payload bytes of one message as SQS counts them toward the 256 KB limit (and the 64 KB chunks). */
export function messagePayloadBytes(message: WireMessage): number {
  let bytes = Buffer.byteLength(message.MessageBody ?? message.Body ?? '', 'utf8');
  for (const [name, attr] of Object.entries(message.MessageAttributes ?? {})) {
    bytes += Buffer.byteLength(name) + Buffer.byteLength(attr.DataType ?? '');
    if (attr.StringValue !== undefined) bytes += Buffer.byteLength(attr.StringValue);
    if (attr.BinaryValue !== undefined) bytes += Buffer.from(attr.BinaryValue, 'base64').length;
  }
  return bytes;
}
