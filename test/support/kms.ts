/** Local KMS keys and a client for tests of local/kms and shared/crypto. */
import { KMSClient } from '@aws-sdk/client-kms';
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
