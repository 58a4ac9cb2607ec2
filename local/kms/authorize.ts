/**
 * What IAM is asked for a KMS call (local/iam): `kms:<Operation>` on the key's ARN — the
 * key a KeyId names in any of its four forms, or, for a Decrypt without KeyId, the key the
 * ciphertext names — with the request's encryption context as `kms:EncryptionContext:<key>`.
 * A key that does not exist is left to the action (NotFoundException); operations that
 * name no key are asked on `*`.
 */
import type { EndpointRequest } from '../aws-endpoint/http-server';
import type { Enforcer } from '../iam';
import { blobKeyId } from './ciphertext';
import { KmsError } from './errors';
import type { Keyring } from './keyring';
import type { Input } from './protocol';

export function kmsAuthorizer(iam: Enforcer, keyring: () => Keyring) {
  return (action: string, input: Input, request: EndpointRequest): void => {
    const auth = request.req.headers.authorization;
    if (iam.callerOf(auth) === undefined) return;
    const resource = keyArnOf(keyring(), input);
    if (resource === undefined) return;
    const context: Record<string, string> = {};
    const ec = input.EncryptionContext;
    if (typeof ec === 'object' && ec !== null) {
      for (const [k, v] of Object.entries(ec)) context[`kms:encryptioncontext:${k.toLowerCase()}`] = String(v);
    }
    const refusal = iam.check(auth, `kms:${action}`, resource, context);
    if (refusal) throw new KmsError('AccessDeniedException', refusal.message);
  };
}

function keyArnOf(keyring: Keyring, input: Input): string | undefined {
  try {
    if (typeof input.KeyId === 'string') return keyring.resolve(input.KeyId).arn;
    if (typeof input.CiphertextBlob === 'string') {
      const id = blobKeyId(Buffer.from(input.CiphertextBlob, 'base64'));
      return id === undefined ? undefined : keyring.byId(id)?.arn;
    }
    return '*';
  } catch {
    return undefined; // not a key of the template: the action answers NotFoundException
  }
}
