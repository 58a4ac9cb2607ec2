/**
 * The key specs the local KMS endpoint serves, with what AWS documents for each: its key
 * usage, the size of its key material, and the algorithms it accepts. Read by the template
 * mapping (to refuse other specs up front) and by the endpoint.
 */

export type MacAlgorithm = 'HMAC_SHA_224' | 'HMAC_SHA_256' | 'HMAC_SHA_384' | 'HMAC_SHA_512';

export interface KeySpecInfo {
  keyUsage: 'ENCRYPT_DECRYPT' | 'GENERATE_VERIFY_MAC';
  /** Bytes of key material generated for a key of this spec. */
  materialBytes: number;
  encryptionAlgorithms?: readonly ['SYMMETRIC_DEFAULT'];
  /** HMAC keys support exactly one MAC algorithm, of their own size. */
  macAlgorithm?: MacAlgorithm;
  /** node:crypto digest name for the MAC. */
  digest?: 'sha224' | 'sha256' | 'sha384' | 'sha512';
}

export const KEY_SPECS: Readonly<Record<string, KeySpecInfo>> = {
  SYMMETRIC_DEFAULT: { keyUsage: 'ENCRYPT_DECRYPT', materialBytes: 32, encryptionAlgorithms: ['SYMMETRIC_DEFAULT'] },
  HMAC_224: { keyUsage: 'GENERATE_VERIFY_MAC', materialBytes: 28, macAlgorithm: 'HMAC_SHA_224', digest: 'sha224' },
  HMAC_256: { keyUsage: 'GENERATE_VERIFY_MAC', materialBytes: 32, macAlgorithm: 'HMAC_SHA_256', digest: 'sha256' },
  HMAC_384: { keyUsage: 'GENERATE_VERIFY_MAC', materialBytes: 48, macAlgorithm: 'HMAC_SHA_384', digest: 'sha384' },
  HMAC_512: { keyUsage: 'GENERATE_VERIFY_MAC', materialBytes: 64, macAlgorithm: 'HMAC_SHA_512', digest: 'sha512' },
};

export const MAC_ALGORITHMS: readonly MacAlgorithm[] = ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'];

/** Every EncryptionAlgorithmSpec value of the KMS API (only SYMMETRIC_DEFAULT is served). */
export const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;
