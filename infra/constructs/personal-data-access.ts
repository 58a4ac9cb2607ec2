/**
 * Least-privilege access to the personal-data keys for one function: exactly
 * kms:Encrypt + kms:Decrypt on the data key and kms:GenerateMac on the HMAC key, plus the
 * environment variables naming them (shared/crypto/key-env.ts).
 *
 * Not `key.grantEncryptDecrypt()`: that also allows kms:ReEncrypt* and
 * kms:GenerateDataKey*, which no handler uses (values are small and encrypted directly).
 * No kms:VerifyMac: a lookup compares hashes through the table, never asks KMS to verify.
 * Grants go to the function's role only; the keys' policies delegate to IAM (the CDK
 * default key policy), so no key policy changes across the stack boundary.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { PERSONAL_DATA_KEY_ENV } from '../../shared/crypto/key-env';

export { PERSONAL_DATA_KEY_ENV };

export const DATA_KEY_ACTIONS: readonly string[] = ['kms:Encrypt', 'kms:Decrypt'];
export const HMAC_KEY_ACTIONS: readonly string[] = ['kms:GenerateMac'];

export interface PersonalDataKeys {
  /** SYMMETRIC_DEFAULT / ENCRYPT_DECRYPT (StatefulStack.personalDataKey). */
  readonly dataKey: kms.IKey;
  /** HMAC_256 / GENERATE_VERIFY_MAC (StatefulStack.personalDataHmacKey). */
  readonly hmacKey: kms.IKey;
}

export function grantPersonalDataAccess(fn: lambda.Function, keys: PersonalDataKeys): void {
  iam.Grant.addToPrincipal({ grantee: fn, actions: [...DATA_KEY_ACTIONS], resourceArns: [keys.dataKey.keyArn] });
  iam.Grant.addToPrincipal({ grantee: fn, actions: [...HMAC_KEY_ACTIONS], resourceArns: [keys.hmacKey.keyArn] });
  fn.addEnvironment(PERSONAL_DATA_KEY_ENV.dataKey, keys.dataKey.keyArn);
  fn.addEnvironment(PERSONAL_DATA_KEY_ENV.hmacKey, keys.hmacKey.keyArn);
}
