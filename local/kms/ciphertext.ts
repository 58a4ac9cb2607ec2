/**
 * The ciphertext blob of the local KMS: AES-256-GCM, self-describing like AWS's (Decrypt
 * needs no KeyId), bound to the EncryptionContext.
 *
 *   offset  size  field
 *   0       1     format version (1)
 *   1       1     n = length of the key id
 *   2       n     key id (ASCII)
 *   2+n     12    IV (random per encryption)
 *   14+n    ...   AES-256-GCM ciphertext
 *   end-16  16    GCM authentication tag
 *
 * Additional authenticated data = the header (version, n, key id) followed by the
 * canonical encoding of the EncryptionContext. So a blob opens only under the key whose
 * material sealed it, with exactly the same context (order of pairs irrelevant, as in
 * AWS), and the key id in the header cannot be swapped. The format is local-only: AWS's
 * blob is opaque and differs.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Unambiguous, order-independent encoding: pair count, then each pair sorted by key as
 * (u16 length, UTF-8 key, u16 length, UTF-8 value).
 */
export function canonicalContext(context: Record<string, string>): Buffer {
  const entries = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: Buffer[] = [u16(entries.length)];
  for (const [k, v] of entries) {
    const key = Buffer.from(k, 'utf8');
    const value = Buffer.from(v, 'utf8');
    parts.push(u16(key.length), key, u16(value.length), value);
  }
  return Buffer.concat(parts);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function header(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  return Buffer.concat([Buffer.from([VERSION, id.length]), id]);
}

export function sealBlob(keyId: string, material: Buffer, plaintext: Buffer, context: Record<string, string>): Buffer {
  const head = header(keyId);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', material, iv);
  cipher.setAAD(Buffer.concat([head, canonicalContext(context)]));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([head, iv, body, cipher.getAuthTag()]);
}

/** The key id a blob names, or undefined when it is not a blob of this format. */
export function blobKeyId(blob: Buffer): string | undefined {
  if (blob.length < 2 || blob[0] !== VERSION) return undefined;
  const n = blob[1]!;
  if (blob.length < 2 + n + IV_BYTES + TAG_BYTES) return undefined;
  const id = blob.subarray(2, 2 + n).toString('ascii');
  return /^[A-Za-z0-9-]+$/.test(id) ? id : undefined;
}

/** The plaintext, or undefined when the blob does not authenticate (wrong key, context, tampering). */
export function openBlob(blob: Buffer, material: Buffer, context: Record<string, string>): Buffer | undefined {
  const n = blob[1]!;
  const head = blob.subarray(0, 2 + n);
  const iv = blob.subarray(2 + n, 2 + n + IV_BYTES);
  const body = blob.subarray(2 + n + IV_BYTES, blob.length - TAG_BYTES);
  const tag = blob.subarray(blob.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, iv);
    decipher.setAAD(Buffer.concat([head, canonicalContext(context)]));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return undefined;
  }
}
