/**
 * GenerateMac and VerifyMac with HMAC keys (RFC 2104 HMAC over the message with the key's
 * material). An HMAC key supports exactly the algorithm of its size (HMAC_256 →
 * HMAC_SHA_256); any other is InvalidKeyUsageException, as in AWS. A MAC that does not
 * verify is KMSInvalidMacException, never `MacValid: false`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { dryRunStop, type KmsContext } from './context';
import { KmsError } from './errors';
import { grantTokens, optionalBoolean, requiredBlob, requiredEnum, requiredString } from './input';
import { MAC_ALGORITHMS, type MacAlgorithm } from './key-specs';
import { assertUsable, type ServedKey } from './keyring';
import type { Input, Output } from './protocol';

function macKey(ctx: KmsContext, input: Input, operation: string): { key: ServedKey; algorithm: MacAlgorithm; message: Buffer } {
  const message = requiredBlob(input, 'Message', 1, 4096);
  const keyId = requiredString(input, 'KeyId');
  const algorithm = requiredEnum(input, 'MacAlgorithm', MAC_ALGORITHMS);
  grantTokens(input);
  const key = ctx.keyring.resolve(keyId);
  assertUsable(key, operation, 'GENERATE_VERIFY_MAC');
  if (key.spec.macAlgorithm !== algorithm) {
    throw new KmsError('InvalidKeyUsageException', `${key.arn} does not support MAC algorithm ${algorithm} (its KeySpec ${key.keySpec} supports ${key.spec.macAlgorithm}).`);
  }
  return { key, algorithm, message };
}

const hmac = (key: ServedKey, message: Buffer) => createHmac(key.spec.digest!, key.material.material).update(message).digest();

export function generateMac(ctx: KmsContext, input: Input): Output {
  const { key, algorithm, message } = macKey(ctx, input, 'GenerateMac');
  dryRunStop(optionalBoolean(input, 'DryRun'));
  return { Mac: hmac(key, message).toString('base64'), MacAlgorithm: algorithm, KeyId: key.arn };
}

export function verifyMac(ctx: KmsContext, input: Input): Output {
  const { key, algorithm, message } = macKey(ctx, input, 'VerifyMac');
  const mac = requiredBlob(input, 'Mac', 1, 6144);
  dryRunStop(optionalBoolean(input, 'DryRun'));
  const expected = hmac(key, message);
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) {
    throw new KmsError('KMSInvalidMacException', 'The MAC verification failed.');
  }
  return { KeyId: key.arn, MacValid: true, MacAlgorithm: algorithm };
}
