/**
 * KMS errors as the AWS JSON 1.1 protocol carries them: HTTP status + `{"__type", "message"}`.
 * The SDK maps `__type` to the modelled exception class of @aws-sdk/client-kms (err.name);
 * ValidationException and the coral errors have no shape and surface by name only, as
 * from AWS. Messages follow AWS's wording where it is known.
 */
import { AwsEndpointError } from '../aws-endpoint/errors';

export type KmsErrorType =
  // Modelled in the KMS API.
  | 'NotFoundException'
  | 'InvalidCiphertextException'
  | 'IncorrectKeyException'
  | 'InvalidKeyUsageException'
  | 'KMSInvalidMacException'
  | 'DisabledException'
  | 'DryRunOperationException'
  | 'InvalidMarkerException'
  | 'InvalidArnException'
  | 'UnsupportedOperationException'
  | 'KMSInternalException'
  // IAM refused the call (local/iam).
  | 'AccessDeniedException'
  // Common (unmodelled) errors.
  | 'ValidationException'
  | 'SerializationException'
  | 'UnknownOperationException';

/** `__type` on the wire: modelled errors by name, the framework's own with its namespace. */
const WIRE_TYPE: Partial<Record<KmsErrorType, string>> = {
  SerializationException: 'com.amazon.coral.service#SerializationException',
  UnknownOperationException: 'com.amazon.coral.service#UnknownOperationException',
};

export class KmsError extends AwsEndpointError<KmsErrorType> {
  /** The kind under the name KmsError has always exported it by. */
  get type(): KmsErrorType {
    return this.kind;
  }

  get status(): number {
    return this.kind === 'KMSInternalException' ? 500 : 400;
  }

  override get jsonType(): string {
    return WIRE_TYPE[this.kind] ?? this.kind;
  }
}

/** Anything thrown while serving that is not a KmsError is a bug: 500, no internals leaked. */
export function toKmsError(err: unknown): KmsError {
  if (err instanceof KmsError) return err;
  return new KmsError('KMSInternalException', 'The request was rejected because an internal exception occurred.');
}

/** AWS's "1 validation error detected" message for one member (camelCase, as AWS names it). */
export function validationError(member: string, value: unknown, constraint: string): KmsError {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
  return new KmsError('ValidationException', `1 validation error detected: Value ${shown} at '${name}' failed to satisfy constraint: ${constraint}`);
}
