/**
 * Typed reads from a request's input. Both protocols hand the actions the same shape, the
 * one of the AWS JSON 1.0 protocol (the query protocol is converted to it first), except
 * that query values are always strings; these readers accept both spellings of numbers
 * and booleans and report bad values with AWS's error codes.
 */
import { errors, SqsError } from './errors';
import type { MessageAttributes, MessageAttributeValue } from './types';

export type Input = Record<string, unknown>;
export type Output = Record<string, unknown>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function optString(input: Input, name: string): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw errors.invalidValue(name, JSON.stringify(v), 'Must be a string.');
}

export function reqString(input: Input, name: string): string {
  const v = optString(input, name);
  if (v === undefined || v === '') throw errors.missing(name);
  return v;
}

export function optInt(input: Input, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[+-]?\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw errors.invalidValue(name, v, 'Must be an integer.');
  return n;
}

export function optStringList(input: Input, name: string): string[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw errors.invalidValue(name, JSON.stringify(v), 'Must be a list of strings.');
  }
  return v as string[];
}

export function optStringMap(input: Input, name: string): Record<string, string> | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw errors.invalidValue(name, JSON.stringify(v), 'Must be a map of strings.');
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
    else throw errors.invalidValue(`${name}.${k}`, JSON.stringify(x), 'Must be a string.');
  }
  return out;
}

export function optRecordList(input: Input, name: string): Input[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every(isRecord)) {
    throw errors.invalidValue(name, JSON.stringify(v), 'Must be a list of structures.');
  }
  return v;
}

/** MessageAttributes / MessageSystemAttributes, shape-checked only (see message-validation.ts). */
export function optMessageAttributes(input: Input, name: string): MessageAttributes | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw errors.invalidValue(name, JSON.stringify(v), 'Must be a map.');
  const out: MessageAttributes = {};
  for (const [attrName, raw] of Object.entries(v)) {
    if (!isRecord(raw)) throw errors.invalidValue(`${name}.${attrName}`, JSON.stringify(raw), 'Must be a structure.');
    const value: MessageAttributeValue = { DataType: typeof raw.DataType === 'string' ? raw.DataType : '' };
    if (typeof raw.StringValue === 'string') value.StringValue = raw.StringValue;
    if (typeof raw.BinaryValue === 'string') value.BinaryValue = raw.BinaryValue;
    const lists = [raw.StringListValues, raw.BinaryListValues];
    if (lists.some((l) => Array.isArray(l) && l.length > 0)) {
      throw new SqsError(
        'InvalidParameterValue',
        'Message attribute list values in SendMessage operation are not supported.',
      );
    }
    out[attrName] = value;
  }
  return out;
}
