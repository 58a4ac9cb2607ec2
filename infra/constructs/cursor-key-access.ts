/**
 * Access to the list cursors' HMAC key (StatefulStack.cursorMacKey) for one function that
 * pages: kms:GenerateMac only (the function derives its cursor MAC key once, then signs and
 * checks cursors itself, shared/crypto/cursor-key.ts), plus the variable naming the key.
 * As for the other keys, the grant goes to the role; the key policy delegates to IAM.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { CURSOR_KEY_ENV } from '../../shared/crypto/key-env';

export const CURSOR_KEY_ACTIONS: readonly string[] = ['kms:GenerateMac'];

export function grantCursorKey(fn: lambda.Function, key: kms.IKey): void {
  iam.Grant.addToPrincipal({ grantee: fn, actions: [...CURSOR_KEY_ACTIONS], resourceArns: [key.keyArn] });
  fn.addEnvironment(CURSOR_KEY_ENV, key.keyArn);
}
