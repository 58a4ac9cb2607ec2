/**
 * Names of the environment variables that carry the personal-data keys to a function.
 * Shared by the CDK helper that sets them (infra/constructs/personal-data-access.ts) and
 * the runtime module that reads them (shared/crypto/personal-data.ts), so the two cannot
 * drift. Kept free of SDK imports: the CDK app imports this file.
 *
 * The values are key ARNs: KMS accepts an ARN wherever it accepts a key id, and an ARN
 * names account, region and partition unambiguously.
 */
export const PERSONAL_DATA_KEY_ENV = {
  /** Symmetric key (SYMMETRIC_DEFAULT): kms:Encrypt / kms:Decrypt of personal data. */
  dataKey: 'PERSONAL_DATA_KEY_ID',
  /** HMAC_256 key: kms:GenerateMac for keyed-hash lookups. */
  hmacKey: 'PERSONAL_DATA_HMAC_KEY_ID',
} as const;

/**
 * The variable naming the list cursors' KMS HMAC key (StatefulStack.cursorMacKey), set with
 * its grant by infra/constructs/cursor-key-access.ts and read by shared/crypto/cursor-key.ts.
 */
export const CURSOR_KEY_ENV = 'CURSOR_MAC_KEY_ID';
