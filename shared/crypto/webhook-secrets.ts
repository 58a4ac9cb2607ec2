/**
 * Webhook signing secrets at rest: encrypted with the webhook secrets KMS key
 * (StatefulStack.webhookSecretsKey), never hashed — the dispatcher must sign with them.
 * The encryption context is `{ tenantId }`: a ciphertext copied under another tenant's
 * subscription does not decrypt, and each KMS call in CloudTrail names the tenant whose
 * secret it was.
 *
 * One module-level KMSClient; no local branch (the SDK reads AWS_ENDPOINT_URL_KMS on the
 * local platform). The key ARN comes from WEBHOOK_SECRETS_KEY_ID, set with the grant
 * (infra/constructs/webhook-secrets-access.ts): the registration route may encrypt, the
 * dispatcher may decrypt.
 */
import { DecryptCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import { requiredEnv } from '../lib/env';
import { WEBHOOK_ENV } from '../webhooks/settings';

const kms = new KMSClient({});

export async function encryptWebhookSecret(secret: string, tenantId: string): Promise<string> {
  const out = await kms.send(
    new EncryptCommand({
      KeyId: requiredEnv(WEBHOOK_ENV.secretsKey),
      Plaintext: Buffer.from(secret, 'utf8'),
      EncryptionContext: { tenantId },
    }),
  );
  return Buffer.from(out.CiphertextBlob!).toString('base64');
}

export async function decryptWebhookSecret(ciphertext: string, tenantId: string): Promise<string> {
  const out = await kms.send(
    new DecryptCommand({
      KeyId: requiredEnv(WEBHOOK_ENV.secretsKey),
      CiphertextBlob: Buffer.from(ciphertext, 'base64'),
      EncryptionContext: { tenantId },
    }),
  );
  return Buffer.from(out.Plaintext!).toString('utf8');
}

/**
 * Decrypts once per warm container: a ciphertext always decrypts to the same secret, and a
 * rotation stores a new ciphertext, so the cache is keyed by ciphertext and never stale.
 * Bounded, oldest out first.
 */
export function cachedDecrypt(decrypt: (ciphertext: string, tenantId: string) => Promise<string>, max = 256) {
  const cache = new Map<string, Promise<string>>();
  return (ciphertext: string, tenantId: string): Promise<string> => {
    const key = `${tenantId}\n${ciphertext}`;
    let hit = cache.get(key);
    if (!hit) {
      hit = decrypt(ciphertext, tenantId);
      // A failed decrypt (throttling, a network blip) is not remembered.
      hit.catch(() => cache.delete(key));
      cache.set(key, hit);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
    }
    return hit;
  };
}
