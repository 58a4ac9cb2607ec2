/** Local KMS keys and a client for tests of local/kms and shared/crypto. */
import { KMSClient } from '@aws-sdk/client-kms';
import { CURSOR_KEY_ENV } from '../../shared/crypto/key-env';
import { startKmsServer, type KmsServer } from '../../local/kms';
import type { LocalKmsKey } from '../../local/topology';

export const KMS_REGION = 'us-east-1';
export const KMS_ACCOUNT = '000000000000';

export function testKey(keyId: string, keySpec: string, aliases: string[] = [], extra: Partial<LocalKmsKey> = {}): LocalKmsKey {
  return {
    logicalId: `Key${keyId.slice(0, 4)}`,
    keyId,
    arn: `arn:aws:kms:${KMS_REGION}:${KMS_ACCOUNT}:key/${keyId}`,
    keySpec,
    keyUsage: keySpec.startsWith('HMAC') ? 'GENERATE_VERIFY_MAC' : 'ENCRYPT_DECRYPT',
    aliases,
    enabled: true,
    ...extra,
  };
}

export function kmsClient(endpoint: string): KMSClient {
  return new KMSClient({ endpoint, region: KMS_REGION, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

/** The list cursors' HMAC key (StatefulStack.cursorMacKey in the app). */
export const CURSOR_KEY = testKey('cccccccc-3333-4333-a333-333333333333', 'HMAC_256', ['alias/anxin-test-list-cursors']);

/**
 * A local KMS endpoint with the cursor key and `keys`, and the environment the platform
 * gives a function that pages (constructs/cursor-key-access.ts) and reaches that endpoint.
 */
export async function startTestKms(keys: LocalKmsKey[] = []): Promise<{ kms: KmsServer; env: Record<string, string> }> {
  const kms = await startKmsServer({ port: 0, region: KMS_REGION, accountId: KMS_ACCOUNT, keys: [CURSOR_KEY, ...keys] });
  return { kms, env: { AWS_ENDPOINT_URL_KMS: kms.endpoint, [CURSOR_KEY_ENV]: CURSOR_KEY.arn } };
}
