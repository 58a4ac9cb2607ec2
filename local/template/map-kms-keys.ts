/**
 * AWS::KMS::Key + AWS::KMS::Alias → LocalKmsKey, served by the local KMS endpoint.
 *
 * Symmetric encryption keys and HMAC keys run locally (local/kms/key-specs.ts). Asymmetric
 * keys, imported key material (Origin EXTERNAL) and custom key stores are reported as
 * unsupported rather than skipped: a function using one would work in AWS and not here.
 * An alias may live in another stack than its key (TargetKeyId then arrives through
 * Fn::ImportValue as a key id or ARN); it must target a key of the selected stacks.
 */
import { KEY_SPECS } from '../kms/key-specs';
import type { LocalKmsKey } from '../topology';
import { TemplateError } from './errors';
import { asBoolean, eachResource, unsupported, type MapContext } from './map-context';

export function mapKmsKeys(ctx: MapContext): LocalKmsKey[] {
  const keys = eachResource(ctx, 'AWS::KMS::Key', (r): LocalKmsKey | undefined => {
    // CloudFormation's defaults: a symmetric encryption key with KMS-generated material.
    const keySpec = String(r.prop('KeySpec') ?? 'SYMMETRIC_DEFAULT');
    const keyUsage = String(r.prop('KeyUsage') ?? 'ENCRYPT_DECRYPT');
    const origin = String(r.prop('Origin') ?? 'AWS_KMS');
    const spec = KEY_SPECS[keySpec];
    if (origin !== 'AWS_KMS') {
      return unsupported(ctx, r, `Origin ${origin}: only keys with KMS-generated material (AWS_KMS) run locally`);
    }
    if (!spec) {
      return unsupported(ctx, r, `KeySpec ${keySpec}: the local KMS endpoint serves symmetric (SYMMETRIC_DEFAULT) and HMAC keys only`);
    }
    if (spec.keyUsage !== keyUsage) {
      // CloudFormation would fail to create it; say so here rather than at the first call.
      throw new TemplateError(r.where, `KeyUsage ${keyUsage} is not valid for KeySpec ${keySpec} (expected ${spec.keyUsage})`);
    }
    const description = r.prop('Description');
    return {
      logicalId: r.logicalId,
      keyId: String(r.stack.ref(r.logicalId, r.where)),
      arn: String(r.stack.getAtt(r.logicalId, 'Arn', r.where)),
      keySpec,
      keyUsage: spec.keyUsage,
      aliases: [],
      enabled: asBoolean(r.prop('Enabled'), true),
      ...(typeof description === 'string' && description ? { description } : {}),
    };
  });

  const seen = new Map<string, string>();
  eachResource(ctx, 'AWS::KMS::Alias', (r) => {
    const aliasName = r.prop('AliasName');
    const target = r.prop('TargetKeyId');
    if (typeof aliasName !== 'string' || !/^alias\/[a-zA-Z0-9/_-]+$/.test(aliasName) || aliasName.startsWith('alias/aws/')) {
      throw new TemplateError(r.where, `AliasName ${JSON.stringify(aliasName)} is not a valid customer alias (alias/<name>, not alias/aws/...)`);
    }
    const key = keys.find((k) => k.keyId === target || k.arn === target);
    if (!key) return unsupported(ctx, r, `TargetKeyId ${String(target)} is not a key of the selected stacks`);
    const clash = seen.get(aliasName);
    if (clash) throw new TemplateError(r.where, `alias ${aliasName} is also defined by ${clash}`);
    seen.set(aliasName, r.where);
    key.aliases.push(aliasName);
    return undefined;
  });
  return keys;
}
