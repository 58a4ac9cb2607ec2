/**
 * Encrypt, Decrypt and GenerateDataKey with symmetric keys (SYMMETRIC_DEFAULT): AES-256-GCM
 * blobs bound to the EncryptionContext (ciphertext.ts). Limits are the API's: plaintext up
 * to 4096 bytes, ciphertext blob up to 6144, data keys of 1-1024 bytes.
 */
import { randomBytes } from 'node:crypto';
import { blobKeyId, openBlob, sealBlob } from './ciphertext';
import { dryRunStop, type KmsContext } from './context';
import { KmsError } from './errors';
import { encryptionContext, grantTokens, optionalBoolean, optionalEnum, optionalInt, optionalString, requiredBlob, requiredString } from './input';
import { ENCRYPTION_ALGORITHMS } from './key-specs';
import { assertUsable, type ServedKey } from './keyring';
import type { Input, Output } from './protocol';

const b64 = (bytes: Buffer) => bytes.toString('base64');

/** One message for every cause (malformed, unknown key, wrong context, tampered), so none is revealed. */
const invalidCiphertext = () =>
  new KmsError('InvalidCiphertextException', 'The ciphertext is not valid, or not for this key and encryption context.');

/** Symmetric keys take SYMMETRIC_DEFAULT only; the RSA/SM2 algorithms belong to asymmetric keys. */
function encryptionAlgorithm(input: Input, key: ServedKey): 'SYMMETRIC_DEFAULT' {
  const algorithm = optionalEnum(input, 'EncryptionAlgorithm', ENCRYPTION_ALGORITHMS) ?? 'SYMMETRIC_DEFAULT';
  if (algorithm !== 'SYMMETRIC_DEFAULT') {
    throw new KmsError('InvalidKeyUsageException', `${key.arn} does not support encryption algorithm ${algorithm}.`);
  }
  return algorithm;
}

export function encrypt(ctx: KmsContext, input: Input): Output {
  const keyId = requiredString(input, 'KeyId');
  const plaintext = requiredBlob(input, 'Plaintext', 1, 4096);
  const context = encryptionContext(input);
  grantTokens(input);
  const key = ctx.keyring.resolve(keyId);
  assertUsable(key, 'Encrypt', 'ENCRYPT_DECRYPT');
  const EncryptionAlgorithm = encryptionAlgorithm(input, key);
  dryRunStop(optionalBoolean(input, 'DryRun'));
  return { CiphertextBlob: b64(sealBlob(key.keyId, key.material.material, plaintext, context)), KeyId: key.arn, EncryptionAlgorithm };
}

export function decrypt(ctx: KmsContext, input: Input): Output {
  const blob = requiredBlob(input, 'CiphertextBlob', 1, 6144);
  const context = encryptionContext(input);
  const keyIdParam = optionalString(input, 'KeyId');
  grantTokens(input);
  if (input.Recipient !== undefined && input.Recipient !== null) {
    throw new KmsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not available on the local KMS endpoint.');
  }
  const embedded = blobKeyId(blob);
  if (embedded === undefined) throw invalidCiphertext();
  // A KeyId in the request must name the key that encrypted the blob (AWS's advice: always pass it).
  if (keyIdParam !== undefined && ctx.keyring.resolve(keyIdParam).keyId !== embedded) {
    throw new KmsError('IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
  }
  // A blob naming no key here (another account, a wiped data dir): nothing can open it.
  const key = ctx.keyring.byId(embedded);
  if (!key) throw invalidCiphertext();
  assertUsable(key, 'Decrypt', 'ENCRYPT_DECRYPT');
  const EncryptionAlgorithm = encryptionAlgorithm(input, key);
  dryRunStop(optionalBoolean(input, 'DryRun'));
  const plaintext = openBlob(blob, key.material.material, context);
  // Wrong context, other key material, tampering: AWS says no more than this, nor do we.
  if (!plaintext) throw invalidCiphertext();
  return { KeyId: key.arn, Plaintext: b64(plaintext), EncryptionAlgorithm };
}

const DATA_KEY_SPECS = ['AES_256', 'AES_128'] as const;

export function generateDataKey(ctx: KmsContext, input: Input): Output {
  const keyId = requiredString(input, 'KeyId');
  const context = encryptionContext(input);
  const numberOfBytes = optionalInt(input, 'NumberOfBytes', 1, 1024);
  const keySpec = optionalEnum(input, 'KeySpec', DATA_KEY_SPECS);
  grantTokens(input);
  if ((numberOfBytes === undefined) === (keySpec === undefined)) {
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  if (input.Recipient !== undefined && input.Recipient !== null) {
    throw new KmsError('UnsupportedOperationException', 'Recipient (Nitro Enclaves attestation) is not available on the local KMS endpoint.');
  }
  const key = ctx.keyring.resolve(keyId);
  assertUsable(key, 'GenerateDataKey', 'ENCRYPT_DECRYPT');
  dryRunStop(optionalBoolean(input, 'DryRun'));
  const plaintext = randomBytes(numberOfBytes ?? (keySpec === 'AES_128' ? 16 : 32));
  return {
    CiphertextBlob: b64(sealBlob(key.keyId, key.material.material, plaintext, context)),
    Plaintext: b64(plaintext),
    KeyId: key.arn,
  };
}
