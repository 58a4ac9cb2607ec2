/**
 * Least-privilege access to the webhook secrets key (StatefulStack.webhookSecretsKey) for
 * one function, plus the variable naming it (shared/webhooks/settings.ts WEBHOOK_ENV):
 * the registration route may only encrypt a new signing secret, the dispatcher may only
 * decrypt. Nobody else holds either. As for the personal-data keys, grants go to the
 * role; the key policy delegates to IAM (the CDK default key policy).
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { WEBHOOK_ENV } from '../../shared/webhooks/settings';

export type WebhookSecretsUse = 'encrypt' | 'decrypt';

export const WEBHOOK_SECRET_ACTIONS: Readonly<Record<WebhookSecretsUse, readonly string[]>> = {
  encrypt: ['kms:Encrypt'],
  decrypt: ['kms:Decrypt'],
};

export function grantWebhookSecrets(fn: lambda.Function, key: kms.IKey, use: WebhookSecretsUse): void {
  iam.Grant.addToPrincipal({ grantee: fn, actions: [...WEBHOOK_SECRET_ACTIONS[use]], resourceArns: [key.keyArn] });
  fn.addEnvironment(WEBHOOK_ENV.secretsKey, key.keyArn);
}
