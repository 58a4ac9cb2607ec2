/**
 * The AWS query protocol (`Action=...&Version=2012-11-05`, form-encoded or in the query
 * string; XML responses), spoken by older SDKs and older AWS CLIs. Requests are converted
 * to the JSON protocol's input shape, responses rendered from its output shape, following
 * the query serialisation of the SQS model: flattened lists (`AttributeName.1`), flattened
 * maps (`Attribute.1.Name` / `Attribute.1.Value`), message attributes
 * (`MessageAttribute.1.Value.StringValue`) and batch entries
 * (`SendMessageBatchRequestEntry.1.MessageBody`).
 */
import type { SqsError } from './errors';
import type { Input, Output } from './input';
import type { WireResponse } from '../aws-endpoint/http-server';
import { el, escapeXml } from './xml';

export const XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

type Params = Map<string, string>;

const LISTS: Record<string, string> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  TagKey: 'TagKeys',
  AWSAccountId: 'AWSAccountIds',
  ActionName: 'Actions',
};
const STRING_MAPS: Record<string, { member: string; key: string }> = {
  Attribute: { member: 'Attributes', key: 'Name' },
  Tag: { member: 'Tags', key: 'Key' },
};
const ATTRIBUTE_MAPS: Record<string, string> = {
  MessageAttribute: 'MessageAttributes',
  MessageSystemAttribute: 'MessageSystemAttributes',
};
const ENTRY_LISTS = new Set([
  'SendMessageBatchRequestEntry',
  'DeleteMessageBatchRequestEntry',
  'ChangeMessageVisibilityBatchRequestEntry',
]);

function sub(p: Params, prefix: string): Params {
  const out: Params = new Map();
  const pre = `${prefix}.`;
  for (const [k, v] of p) if (k.startsWith(pre)) out.set(k.slice(pre.length), v);
  return out;
}

/** The indices N present under `prefix.N`, in numeric order. */
function indices(p: Params, prefix: string): number[] {
  const found = new Set<number>();
  for (const k of p.keys()) {
    if (!k.startsWith(`${prefix}.`)) continue;
    const n = Number(k.slice(prefix.length + 1).split('.')[0]);
    if (Number.isInteger(n) && n > 0) found.add(n);
  }
  return [...found].sort((a, b) => a - b);
}

function listOf(p: Params, prefix: string): string[] {
  return indices(p, prefix).flatMap((i) => p.get(`${prefix}.${i}`) ?? []);
}

function toInput(p: Params, action: string): Input {
  const input: Input = {};
  const tops = new Set([...p.keys()].map((k) => k.split('.')[0]));
  for (const name of tops) {
    if (name in LISTS) {
      input[LISTS[name]] = listOf(p, name);
    } else if (name in STRING_MAPS) {
      const { member, key } = STRING_MAPS[name];
      const map: Record<string, string> = {};
      for (const i of indices(p, name)) {
        const k = p.get(`${name}.${i}.${key}`);
        if (k !== undefined) map[k] = p.get(`${name}.${i}.Value`) ?? '';
      }
      // CreateQueue's tag member is lower-case `tags` in the model, TagQueue's is `Tags`.
      input[member === 'Tags' && action === 'CreateQueue' ? 'tags' : member] = map;
    } else if (name in ATTRIBUTE_MAPS) {
      const map: Record<string, Record<string, unknown>> = {};
      for (const i of indices(p, name)) {
        const entry = sub(p, `${name}.${i}`);
        const attrName = entry.get('Name');
        if (attrName === undefined) continue;
        const value = sub(entry, 'Value');
        map[attrName] = {
          DataType: value.get('DataType'),
          StringValue: value.get('StringValue'),
          BinaryValue: value.get('BinaryValue'),
          StringListValues: listOf(value, 'StringListValue'),
          BinaryListValues: listOf(value, 'BinaryListValue'),
        };
      }
      input[ATTRIBUTE_MAPS[name]] = map;
    } else if (ENTRY_LISTS.has(name)) {
      input.Entries = indices(p, name).map((i) => toInput(sub(p, `${name}.${i}`), action));
    } else if (p.has(name)) {
      input[name] = p.get(name);
    }
  }
  return input;
}

export function parseQueryRequest(params: URLSearchParams): { action: string | undefined; input: Input } {
  const p: Params = new Map(params);
  const action = p.get('Action');
  p.delete('Action');
  p.delete('Version');
  return { action, input: toInput(p, action ?? '') };
}

// --- responses ---

/** Actions whose response has a `<ActionResult>` element (the others only carry metadata). */
const HAS_RESULT = new Set([
  'CancelMessageMoveTask',
  'ChangeMessageVisibilityBatch',
  'CreateQueue',
  'DeleteMessageBatch',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'ListMessageMoveTasks',
  'ListQueueTags',
  'ListQueues',
  'ReceiveMessage',
  'SendMessage',
  'SendMessageBatch',
  'StartMessageMoveTask',
]);

/** Element name of each item of a (flattened) list member. */
function listItemName(member: string, action: string): string {
  switch (member) {
    case 'QueueUrls':
    case 'queueUrls':
      return 'QueueUrl';
    case 'Messages':
      return 'Message';
    case 'Failed':
      return 'BatchResultErrorEntry';
    case 'Results':
      return 'ListMessageMoveTasksResultEntry';
    case 'Successful':
      return `${action}ResultEntry`;
    default:
      return member;
  }
}

const MAPS: Record<string, { entry: string; key: string }> = {
  Attributes: { entry: 'Attribute', key: 'Name' },
  Tags: { entry: 'Tag', key: 'Key' },
  MessageAttributes: { entry: 'MessageAttribute', key: 'Name' },
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function renderScalar(v: unknown): string {
  return escapeXml(String(v));
}

function renderStruct(obj: Record<string, unknown>, action: string): string {
  return Object.entries(obj)
    .map(([k, v]) => renderMember(k, v, action))
    .join('');
}

function renderMember(name: string, value: unknown, action: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const item = listItemName(name, action);
    return value.map((v) => el(item, isRecord(v) ? renderStruct(v, action) : renderScalar(v))).join('');
  }
  if (isRecord(value) && name in MAPS) {
    const { entry, key } = MAPS[name];
    return Object.entries(value)
      .map(([k, v]) =>
        el(entry, el(key, escapeXml(k)) + el('Value', isRecord(v) ? renderStruct(v, action) : renderScalar(v))),
      )
      .join('');
  }
  if (isRecord(value)) return el(name, renderStruct(value, action));
  return el(name, renderScalar(value));
}

function metadata(requestId: string): string {
  return el('ResponseMetadata', el('RequestId', requestId));
}

export function xmlResponse(action: string, output: Output, requestId: string): WireResponse {
  const result = HAS_RESULT.has(action) ? el(`${action}Result`, renderStruct(output, action)) : '';
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<?xml version="1.0"?><${action}Response xmlns="${XML_NAMESPACE}">${result}${metadata(requestId)}</${action}Response>`,
  };
}

export function xmlError(err: SqsError, requestId: string): WireResponse {
  const { queryCode, fault, status } = err.wire;
  const error = el('Error', el('Type', fault) + el('Code', escapeXml(queryCode)) + el('Message', escapeXml(err.message)) + '<Detail/>');
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<?xml version="1.0"?><ErrorResponse xmlns="${XML_NAMESPACE}">${error}${el('RequestId', requestId)}</ErrorResponse>`,
  };
}
