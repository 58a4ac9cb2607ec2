/**
 * Reading request members with the KMS API's constraints (lengths, ranges, enums), failing
 * the way AWS does: a ValidationException naming the member, or a SerializationException
 * when a value has the wrong JSON type or a blob is not base64.
 */
import { KmsError, validationError } from './errors';
import type { Input } from './protocol';

const serialization = (member: string) => new KmsError('SerializationException', `Unexpected value type for ${member}.`);

export function requiredString(input: Input, member: string, max = 2048): string {
  const value = input[member];
  if (value === undefined || value === null) throw validationError(member, value, 'Member must not be null');
  if (typeof value !== 'string') throw serialization(member);
  if (value.length < 1 || value.length > max) {
    throw validationError(member, value, `Member must have length between 1 and ${max}`);
  }
  return value;
}

export function optionalString(input: Input, member: string, max = 2048): string | undefined {
  return input[member] === undefined || input[member] === null ? undefined : requiredString(input, member, max);
}

export function optionalEnum<T extends string>(input: Input, member: string, values: readonly T[]): T | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serialization(member);
  if (!(values as readonly string[]).includes(value)) {
    throw validationError(member, value, `Member must satisfy enum value set: [${values.join(', ')}]`);
  }
  return value as T;
}

export function requiredEnum<T extends string>(input: Input, member: string, values: readonly T[]): T {
  const value = optionalEnum(input, member, values);
  if (value === undefined) throw validationError(member, undefined, 'Member must not be null');
  return value;
}

export function optionalInt(input: Input, member: string, min: number, max: number): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serialization(member);
  if (value < min) throw validationError(member, String(value), `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(member, String(value), `Member must have value less than or equal to ${max}`);
  return value;
}

export function optionalBoolean(input: Input, member: string): boolean {
  const value = input[member];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw serialization(member);
  return value;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A blob member: base64 on the wire, `min`..`max` bytes once decoded. */
export function requiredBlob(input: Input, member: string, min: number, max: number): Buffer {
  const value = input[member];
  if (value === undefined || value === null) throw validationError(member, value, 'Member must not be null');
  if (typeof value !== 'string' || !BASE64.test(value)) throw serialization(member);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < min || bytes.length > max) {
    // AWS does not echo blob values (they may be secrets).
    throw new KmsError(
      'ValidationException',
      `1 validation error detected: Value at '${member.charAt(0).toLowerCase()}${member.slice(1)}' failed to satisfy constraint: Member must have length between ${min} and ${max}`,
    );
  }
  return bytes;
}

/** EncryptionContext: a string-to-string map (absent = empty). */
export function encryptionContext(input: Input, member = 'EncryptionContext'): Record<string, string> {
  const value = input[member];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw serialization(member);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw serialization(`${member}.${k}`);
    out[k] = v;
  }
  return out;
}

/** GrantTokens are accepted and ignored (grants are not modelled locally), but must be well-formed. */
export function grantTokens(input: Input): void {
  const value = input.GrantTokens;
  if (value === undefined || value === null) return;
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) throw serialization('GrantTokens');
  if (value.length > 10) throw validationError('GrantTokens', value, 'Member must have length less than or equal to 10');
}
