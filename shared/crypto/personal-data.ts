/**
 * Application-level protection of personal data (PIPL "sensitive personal information",
 * e.g. ID numbers): encryption with the personal-data KMS key and keyed hashes for lookup
 * with the HMAC key. Key material never leaves KMS; this module only holds ciphertexts.
 *
 * One module-level KMSClient. No local branch: in AWS it reaches KMS; on the local
 * platform the SDK reads AWS_ENDPOINT_URL_KMS by itself and reaches local/kms.
 * Key ARNs come from PERSONAL_DATA_KEY_ID / PERSONAL_DATA_HMAC_KEY_ID, which
 * infra/constructs/personal-data-access.ts sets together with the IAM grants.
 *
 * Why an EncryptionContext: KMS authenticates it with the ciphertext (it is not secret,
 * and it is written to CloudTrail in clear — so it must never contain personal data).
 * Decrypt succeeds only with the very same context, so a ciphertext copied into another
 * field, record or tenant (`{ purpose: 'id-number', tenant: 'ten_A' }` pasted under
 * tenant B) does not decrypt, and each KMS call in the audit log says what it was for.
 */
import { DecryptCommand, EncryptCommand, GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { requiredEnv } from '../lib/env';
import { PERSONAL_DATA_KEY_ENV } from './key-env';

const kms = new KMSClient({});

export type EncryptionContext = Record<string, string>;

/** `purpose` is mandatory: it names the field, and separates uses of the same key. */
function checkContext(context: EncryptionContext): void {
  if (!context.purpose) throw new TypeError('the encryption context needs a purpose');
  for (const [k, v] of Object.entries(context)) {
    if (typeof v !== 'string' || v === '') throw new TypeError(`encryption context value for ${k} must be a non-empty string`);
  }
}

/** Encrypts `plaintext` (UTF-8, ≤ 4096 bytes) under the personal-data key; returns the base64 ciphertext blob. */
export async function encryptPersonalData(plaintext: string, context: EncryptionContext): Promise<string> {
  checkContext(context);
  const out = await kms.send(
    new EncryptCommand({
      KeyId: requiredEnv(PERSONAL_DATA_KEY_ENV.dataKey),
      Plaintext: Buffer.from(plaintext, 'utf8'),
      EncryptionContext: context,
    }),
  );
  return Buffer.from(out.CiphertextBlob!).toString('base64');
}

/**
 * Decrypts what encryptPersonalData returned, given the same context. The KeyId is passed
 * as well (KMS's advice): a ciphertext made under any other key fails with
 * IncorrectKeyException instead of being decrypted by whatever key it names.
 */
export async function decryptPersonalData(ciphertext: string, context: EncryptionContext): Promise<string> {
  checkContext(context);
  const out = await kms.send(
    new DecryptCommand({
      KeyId: requiredEnv(PERSONAL_DATA_KEY_ENV.dataKey),
      CiphertextBlob: Buffer.from(ciphertext, 'base64'),
      EncryptionContext: context,
    }),
  );
  return Buffer.from(out.Plaintext!).toString('utf8');
}

/**
 * The form a value is hashed in, so that equal values hash equally however they were
 * typed: Unicode NFKC (full-width digits and letters become ASCII), no whitespace, upper
 * case (an ID number's check character `x` is `X`).
 */
export function normalizeForLookup(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/**
 * Keyed hash for equality lookups (hex HMAC-SHA-256 from KMS GenerateMac). Unlike a plain
 * hash it cannot be brute-forced from the table alone: there are only ~10^11 plausible ID
 * numbers, but without the KMS key no one can compute their MACs. `purpose` (e.g.
 * `id-number`) is part of the message, so the same value hashes differently per purpose
 * and lookup hashes of different fields cannot be correlated.
 */
export async function lookupHash(value: string, purpose: string): Promise<string> {
  if (!/^[a-z0-9-]+$/.test(purpose)) throw new TypeError('purpose must be lower-case letters, digits and dashes');
  const normalized = normalizeForLookup(value);
  if (normalized === '') throw new TypeError('nothing to hash');
  const out = await kms.send(
    new GenerateMacCommand({
      KeyId: requiredEnv(PERSONAL_DATA_KEY_ENV.hmacKey),
      MacAlgorithm: 'HMAC_SHA_256',
      Message: Buffer.from(`${purpose}:${normalized}`, 'utf8'),
    }),
  );
  return Buffer.from(out.Mac!).toString('hex');
}
