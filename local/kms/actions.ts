/**
 * The action table. KMS actions that are not served locally answer
 * UnsupportedOperationException with the reason (keys come from the template, so key
 * management is CloudFormation's job, not the application's); unknown names answer
 * UnknownOperationException like AWS.
 */
import type { KmsContext } from './context';
import { decrypt, encrypt, generateDataKey } from './encryption-actions';
import { KmsError } from './errors';
import { describeKey, listAliases } from './key-actions';
import { generateMac, verifyMac } from './mac-actions';
import type { Input, Output } from './protocol';

type Action = (ctx: KmsContext, input: Input) => Output;

export const ACTIONS: Readonly<Record<string, Action>> = {
  Encrypt: encrypt,
  Decrypt: decrypt,
  GenerateDataKey: generateDataKey,
  GenerateMac: generateMac,
  VerifyMac: verifyMac,
  DescribeKey: describeKey,
  ListAliases: listAliases,
};

/** Real KMS operations this endpoint does not implement (a clear error, not "unknown operation"). */
const KNOWN_ELSEWHERE = new Set([
  'CancelKeyDeletion', 'CreateAlias', 'CreateGrant', 'CreateKey', 'DeleteAlias', 'DeleteImportedKeyMaterial',
  'DeriveSharedSecret', 'DisableKey', 'DisableKeyRotation', 'EnableKey', 'EnableKeyRotation', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'GenerateDataKeyWithoutPlaintext', 'GenerateRandom', 'GetKeyPolicy',
  'GetKeyRotationStatus', 'GetParametersForImport', 'GetPublicKey', 'ImportKeyMaterial', 'ListGrants', 'ListKeyPolicies',
  'ListKeyRotations', 'ListKeys', 'ListResourceTags', 'ListRetirableGrants', 'PutKeyPolicy', 'ReEncrypt', 'ReplicateKey',
  'RetireGrant', 'RevokeGrant', 'RotateKeyOnDemand', 'ScheduleKeyDeletion', 'Sign', 'TagResource', 'UntagResource',
  'UpdateAlias', 'UpdateKeyDescription', 'UpdatePrimaryRegion', 'Verify',
]);

export function dispatch(ctx: KmsContext, action: string, input: Input): Output {
  const run = ACTIONS[action];
  if (run) return run(ctx, input);
  if (KNOWN_ELSEWHERE.has(action)) {
    throw new KmsError(
      'UnsupportedOperationException',
      `${action} is not available on the local KMS endpoint: it serves the keys of the CDK template (served: ${Object.keys(ACTIONS).join(', ')}).`,
    );
  }
  throw new KmsError('UnknownOperationException', `The operation ${action} is not valid for this endpoint.`);
}
