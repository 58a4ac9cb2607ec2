/** DescribeKey and ListAliases: what the template says about each key, in KMS's shapes. */
import type { KmsContext } from './context';
import { KmsError } from './errors';
import { grantTokens, optionalInt, optionalString, requiredString } from './input';
import type { ServedKey } from './keyring';
import type { Input, Output } from './protocol';

/** KMS timestamps are epoch seconds (AWS JSON 1.1). */
const seconds = (ms: number) => ms / 1000;

function keyMetadata(ctx: KmsContext, key: ServedKey): Output {
  return {
    AWSAccountId: ctx.accountId,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: seconds(key.material.createdAt),
    Enabled: key.enabled,
    Description: key.description ?? '',
    KeyUsage: key.keyUsage,
    KeyState: key.enabled ? 'Enabled' : 'Disabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    ...(key.spec.encryptionAlgorithms ? { EncryptionAlgorithms: [...key.spec.encryptionAlgorithms] } : {}),
    ...(key.spec.macAlgorithm ? { MacAlgorithms: [key.spec.macAlgorithm] } : {}),
    MultiRegion: false,
  };
}

export function describeKey(ctx: KmsContext, input: Input): Output {
  const keyId = requiredString(input, 'KeyId');
  grantTokens(input);
  return { KeyMetadata: keyMetadata(ctx, ctx.keyring.resolve(keyId)) };
}

/** Markers are opaque to clients: here, the base64 of the last alias name returned. */
export function listAliases(ctx: KmsContext, input: Input): Output {
  const keyId = optionalString(input, 'KeyId');
  const limit = optionalInt(input, 'Limit', 1, 100) ?? 50;
  const marker = optionalString(input, 'Marker', 1024);
  const only = keyId === undefined ? undefined : ctx.keyring.resolveKeyOnly(keyId);
  let after: string | undefined;
  if (marker !== undefined) {
    after = Buffer.from(marker, 'base64').toString('utf8');
    if (!after.startsWith('alias/') || Buffer.from(after, 'utf8').toString('base64') !== marker) {
      throw new KmsError('InvalidMarkerException', 'Invalid marker.');
    }
  }
  const all = ctx.keyring.listAliases().filter((a) => (!only || a.key.keyId === only.keyId) && (after === undefined || a.aliasName > after));
  const page = all.slice(0, limit);
  const truncated = all.length > page.length;
  return {
    Aliases: page.map((a) => ({
      AliasName: a.aliasName,
      AliasArn: a.aliasArn,
      TargetKeyId: a.key.keyId,
      CreationDate: seconds(a.key.material.createdAt),
      LastUpdatedDate: seconds(a.key.material.createdAt),
    })),
    Truncated: truncated,
    ...(truncated ? { NextMarker: Buffer.from(page.at(-1)!.aliasName, 'utf8').toString('base64') } : {}),
  };
}
