/**
 * The key list cursors are signed with (shared/lib/cursor.ts), derived once per function
 * instance from the stage's cursor HMAC key in KMS (docs/conventions.md "List cursors"):
 * the MAC of a fixed label under that key. Every function of the stage derives the same
 * 32 bytes, another stage (another KMS key) different ones; the KMS key itself never leaves
 * KMS, and a request costs a local HMAC, not a KMS call.
 *
 * The KMS client is imported on first use: a list function that never meets a cursor does
 * not load it at cold start. The derivation is kept as a promise so concurrent first uses
 * share one call, and dropped when it fails so the next request tries again.
 */
import { requiredEnv } from '../lib/env';
import { CURSOR_KEY_ENV } from './key-env';

/** The label whose MAC is the cursor key; a new version would be a new label (old cursors then fail cleanly with 400). */
export const CURSOR_KEY_LABEL = 'anxin/list-cursor/v1';

let derived: Promise<Buffer> | undefined;

async function derive(): Promise<Buffer> {
  const { GenerateMacCommand, KMSClient } = await import('@aws-sdk/client-kms');
  const out = await new KMSClient({}).send(
    new GenerateMacCommand({ KeyId: requiredEnv(CURSOR_KEY_ENV), MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(CURSOR_KEY_LABEL, 'utf8') }),
  );
  return Buffer.from(out.Mac!);
}

export function cursorMacKey(): Promise<Buffer> {
  derived ??= derive().catch((error: unknown) => {
    derived = undefined;
    throw error;
  });
  return derived;
}
